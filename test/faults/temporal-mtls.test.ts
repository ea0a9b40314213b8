import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection, type TLSConfig } from '@temporalio/client';
import { testToken } from '../support/sign-in';
import { validRegistration } from '../support/harness';
import { type FaultStack, startFaultStack } from './fault-stack';

/**
 * Compose's mTLS, run for real: temporal-server requires client certificates on its frontend and between
 * its own services (certificates from deploy/tls/generate-certs.sh); the API and the worker present theirs
 * through TEMPORAL_TLS_*. A petition goes through them, and the frontend turns away whoever lacks a
 * certificate from our CA: the workflow trusts the actor it is sent, so only our processes may reach it.
 */
const describeTls = process.env.TEST_FAULTS === '1' ? describe : describe.skip;
const ROOT = path.resolve(__dirname, '..', '..');

describeTls('temporal-server with mTLS, as compose runs it', () => {
  let dir: string;
  let stack: FaultStack;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'petitionflow-mtls-'));
    const generate = (out: string) =>
      execFileSync('sh', [path.join(ROOT, 'deploy', 'tls', 'generate-certs.sh'), out], { stdio: 'ignore' });
    generate(path.join(dir, 'ours'));
    // The same kinds of certificate from a CA of somebody else's.
    generate(path.join(dir, 'theirs'));
    stack = await startFaultStack({ apis: 1, workers: 1, tlsDir: path.join(dir, 'ours') });
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs a petition through the API and worker, which present their certificates', async () => {
    const [api] = stack.apiUrls;
    const registered = await call(api!, 'registrar', '/api/petitions', validRegistration());
    expect(registered.status).toBe(201);
    const routed = await call(api!, 'registrar', `/api/petitions/${registered.body.id}/route`, {
      unitId: 'qingshan-housing',
    });
    expect(routed.status).toBe(200);
    expect(routed.body.status).toBe('transferred');
    // The operator's CLI reaches the server the same way.
    const verified = await stack.cli(['verify', '--case', registered.body.id!]);
    expect(verified.code).toBe(0);
    expect(verified.stderr).toContain('checked 1 cases');
  });

  it('turns away a client without a certificate from our CA', async () => {
    const address = stack.servers.temporalAddress;
    const ours = path.join(dir, 'ours');
    const theirs = path.join(dir, 'theirs');
    const read = (folder: string, name: string) => fs.readFileSync(path.join(folder, name));
    const serverOnly: TLSConfig = {
      serverRootCACertificate: read(ours, 'ca.pem'),
      serverNameOverride: 'temporal',
    };
    const attempts = {
      plaintext: await reaches(address, undefined),
      'server TLS, no client certificate': await reaches(address, serverOnly),
      'a client certificate from another CA': await reaches(address, {
        ...serverOnly,
        clientCertPair: { crt: read(theirs, 'app.pem'), key: read(theirs, 'app.key') },
      }),
      'our CA’s client certificate': await reaches(address, {
        ...serverOnly,
        clientCertPair: { crt: read(ours, 'ui.pem'), key: read(ours, 'ui.key') },
      }),
    };
    expect(attempts).toEqual({
      plaintext: false,
      'server TLS, no client certificate': false,
      'a client certificate from another CA': false,
      'our CA’s client certificate': true,
    });
  });
});

/** Whether a client with these TLS settings gets an answer from the frontend within a few seconds. */
async function reaches(address: string, tls: TLSConfig | undefined): Promise<boolean> {
  const connection = await Connection.connect({ address, tls, connectTimeout: 3_000 }).catch(() => undefined);
  if (!connection) return false;
  try {
    await connection.withDeadline(Date.now() + 3_000, () =>
      connection.workflowService.describeNamespace({ namespace: 'default' }),
    );
    return true;
  } catch {
    return false;
  } finally {
    await connection.close();
  }
}

async function call(baseUrl: string, login: string, urlPath: string, body: unknown) {
  const response = await fetch(`${baseUrl}${urlPath}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await testToken(login)}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}
