import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the gateway received, and what it answered (undefined: it never answered). */
export interface GatewayRequest {
  headers: IncomingHttpHeaders;
  raw: string;
  body: { to: string; text: string; id: string };
  answered?: number;
}

/** Accept (200), fail (500), or take the request and never answer. */
export type GatewayMode = 'accept' | 'fail' | 'hang';

/** A local HTTP server in the place of an SMS platform: it keeps each request and answers as told. */
export async function startSmsGateway() {
  const requests: GatewayRequest[] = [];
  let mode: GatewayMode = 'accept';
  const hanging = new Set<import('node:http').ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const request: GatewayRequest = { headers: req.headers, raw, body: JSON.parse(raw) };
      requests.push(request);
      if (mode === 'hang') {
        hanging.add(res);
        return;
      }
      request.answered = mode === 'accept' ? 200 : 500;
      res.writeHead(request.answered, { 'content-type': 'application/json' });
      res.end(JSON.stringify(mode === 'accept' ? { accepted: request.body.id } : { error: 'upstream down' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms/send`,
    requests,
    setMode(next: GatewayMode) {
      mode = next;
    },
    /** Cuts the connections of the requests it never answered (the sender sees a network error). */
    dropHanging() {
      for (const res of hanging) res.destroy();
      hanging.clear();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
