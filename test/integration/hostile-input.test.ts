import http from 'node:http';
import net from 'node:net';
import zlib from 'node:zlib';
import { testToken } from '../support/sign-in';
import { startTestApp, type TestApp, validRegistration } from '../support/harness';
import { footprint, PetitionFlow } from '../support/petition-flow';

/** Input that a client may send by mistake or on purpose: a 4xx with a code, never a 500. */
let app: TestApp;
let token: string;

beforeAll(async () => {
  app = await startTestApp('hostile-input');
  token = await testToken('registrar');
});

afterAll(async () => {
  await app?.stop();
});

/** A raw request, so that headers and bytes are exactly as given (fetch would normalise them). */
function raw(method: string, path: string, headers: Record<string, string>, body?: Buffer | string) {
  const url = new URL(app.baseUrl);
  return new Promise<{ status: number; body: any; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { authorization: `Bearer ${token}`, ...headers },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: text ? JSON.parse(text) : undefined,
            headers: response.headers,
          }),
        );
      },
    );
    request.on('error', reject);
    if (body !== undefined) request.write(body);
    request.end();
  });
}

const json = { 'content-type': 'application/json' };

it.each([
  ['NUL in a query parameter', 'GET', '/api/petitions?unit=a%00b', {}, undefined],
  ['malformed percent-encoding in the path', 'GET', '/api/petitions/%E0%A4%A', {}, undefined],
  [
    'an unknown charset',
    'POST',
    '/api/petitions',
    { 'content-type': 'application/json; charset=klingon' },
    '{}',
  ],
  [
    'a charset that is not UTF-8',
    'POST',
    '/api/petitions',
    { 'content-type': 'application/json; charset=latin1' },
    '{}',
  ],
  ['a bogus Content-Encoding', 'POST', '/api/petitions', { ...json, 'content-encoding': 'bogus' }, '{}'],
  [
    'gzip that is not gzip',
    'POST',
    '/api/petitions',
    { ...json, 'content-encoding': 'gzip' },
    'not gzip at all',
  ],
  [
    'JSON nested 5 000 levels with an Idempotency-Key',
    'POST',
    '/api/petitions',
    { ...json, 'idempotency-key': `deep-${Date.now()}` },
    `${'['.repeat(5000)}${']'.repeat(5000)}`,
  ],
  [
    'a lone surrogate in the petitioner’s name',
    'POST',
    '/api/petitions',
    json,
    JSON.stringify({ ...validRegistration(), petitioner: { name: 'x' } }).replace(
      '"name":"x"',
      '"name":"\\ud800"',
    ),
  ],
  [
    'NUL in a text field',
    'POST',
    '/api/petitions',
    json,
    JSON.stringify({ ...validRegistration(), subject: 'a\u0000b' }),
  ],
])('answers %s with a 4xx and a code', async (_what, method, path, headers, body) => {
  const response = await raw(method, path, headers as Record<string, string>, body as string | undefined);
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  expect(response.body.error.code).toEqual(expect.any(String));
});

it('refuses bytes that are not UTF-8 instead of storing replacement characters (F10)', async () => {
  const subject = `invalid utf-8 ${Date.now()}`;
  const text = JSON.stringify({ ...validRegistration(), subject, description: 'XXXX' });
  const at = text.indexOf('XXXX');
  // 0xC3 0x28: a two-byte sequence broken in its second byte; 0xFF never occurs in UTF-8.
  const body = Buffer.concat([
    Buffer.from(text.slice(0, at)),
    Buffer.from([0xc3, 0x28, 0xff]),
    Buffer.from(text.slice(at + 4)),
  ]);
  const response = await raw('POST', '/api/petitions', json, body);
  expect([response.status, response.body.error.code]).toEqual([400, 'invalid_utf8']);
  const { rows } = await app.pool.query('SELECT count(*)::int AS n FROM petitions WHERE subject = $1', [
    subject,
  ]);
  expect(rows[0].n).toBe(0);
});

it('still accepts a body that really is gzip', async () => {
  const body = zlib.gzipSync(JSON.stringify(validRegistration()));
  const response = await raw('POST', '/api/petitions', { ...json, 'content-encoding': 'gzip' }, body);
  expect(response.status).toBe(201);
});

it.each([
  ['TRACE', '/healthz', 'GET, HEAD'],
  ['DELETE', '/api/petitions', 'POST, GET, HEAD'],
  ['GET', '/api/petitions/XF-2026-000001/reply', 'POST'],
  ['PUT', '/api/public/lookup', 'POST'],
])('answers %s %s, a method the path does not take, with 405 and Allow: %s', async (method, path, allow) => {
  const response = await raw(method, path, {});
  expect(response.status).toBe(405);
  expect(response.headers.allow).toBe(allow);
  expect(response.body.error.code).toBe('method_not_allowed');
});

it('answers a path that no operation has with 404', async () => {
  const response = await raw('TRACE', '/api/nothing-here', {});
  expect(response.status).toBe(404);
  expect(response.body.error.code).toBe('route_not_found');
});

/** Answers the fuzzer found undocumented: each status is now among the operation's documented responses. */
it.each([
  [
    'malformed JSON to the petitioner’s lookup',
    'POST',
    '/api/public/lookup',
    '/api/public/lookup',
    json,
    '{',
  ],
  [
    'a malformed Idempotency-Key',
    'POST',
    '/api/petitions/XF-2026-000001/withdraw',
    '/api/petitions/{id}/withdraw',
    { ...json, 'idempotency-key': 'not a key' },
    '{}',
  ],
  [
    'a charset that is not UTF-8',
    'POST',
    '/api/public/evaluations',
    '/api/public/evaluations',
    { 'content-type': 'application/json; charset=latin1' },
    '{}',
  ],
  [
    'CSV of a text-only report',
    'GET',
    '/api/reports/briefing?format=csv',
    '/api/reports/briefing',
    {},
    undefined,
  ],
  [
    'a unit that does not exist',
    'GET',
    '/api/reports/summary?unit=no-such-unit',
    '/api/reports/summary',
    {},
    undefined,
  ],
])('documents its answer to %s', async (_what, method, path, operation, headers, body) => {
  const document = (await raw('GET', '/openapi.json', {})).body;
  const response = await raw(method, path, headers as Record<string, string>, body);
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  expect(Object.keys(document.paths[operation][method.toLowerCase()].responses)).toContain(
    String(response.status),
  );
});

/** Bytes as given on a TCP connection: what Node's HTTP parser refuses never reaches a fetch-made request. */
function rawSocket(bytes: string) {
  const url = new URL(app.baseUrl);
  return new Promise<{ status: number; headers: string; body: any }>((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname, () => socket.write(bytes));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (text += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({
        status: Number(head.split(' ')[1]),
        headers: head,
        body: body ? JSON.parse(body) : undefined,
      });
    });
  });
}

describe('F11: strict requests', () => {
  const flow = () => new PetitionFlow(app);

  it('refuses a body that is not declared as JSON with 415 and runs nothing; a POST without a body still runs', async () => {
    const id = await flow().transferred();
    const before = await footprint(app.pool, id);
    const handler = { authorization: `Bearer ${await testToken('handler')}` };
    for (const [type, body] of [
      ['text/plain', '{"procedure":"simplified"}'],
      ['application/x-www-form-urlencoded', 'procedure=simplified'],
    ]) {
      const response = await raw(
        'POST',
        `/api/petitions/${id}/accept`,
        { ...handler, 'content-type': type! },
        body,
      );
      expect([response.status, response.body.error.code]).toEqual([415, 'unsupported_media_type']);
      expect(response.body.error.message).toContain('application/json');
    }
    expect(await footprint(app.pool, id)).toEqual(before);

    const noBody = await raw('POST', `/api/petitions/${id}/accept`, { ...handler, 'content-length': '0' });
    expect(noBody.status).toBe(200);
    expect(noBody.body.procedure).toBe('normal');
  });

  it('answers headers too large with 431 and a malformed request with 400, both in the API’s error shape', async () => {
    const tooLarge = await rawSocket(
      `GET /api/petitions HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(tooLarge.status).toBe(431);
    expect(tooLarge.headers).toMatch(/content-type: application\/json/i);
    expect(tooLarge.body.error.code).toBe('headers_too_large');
    expect(tooLarge.body.error.message).toEqual(expect.any(String));

    const malformed = await rawSocket('NOT AN HTTP REQUEST\r\n\r\n');
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'bad_request']);

    expect((await raw('GET', '/healthz', {})).status).toBe(200);
  });

  it('refuses a field the body does not take, naming it, instead of dropping it (note on accept and approval)', async () => {
    const id = await flow().withExtension();
    const before = await footprint(app.pool, id);
    const accept = await app.request('handler', 'POST', `/api/petitions/${id}/accept`, { note: '已受理' });
    expect([accept.status, accept.body.error.code]).toEqual([422, 'validation_failed']);
    expect(accept.body.error.details.fields).toEqual([{ path: 'note', message: expect.any(String) }]);

    const approve = await app.request('unit-head', 'POST', `/api/petitions/${id}/extensions/ext-1/approve`, {
      note: '同意延期',
    });
    expect([approve.status, approve.body.error.code]).toEqual([422, 'validation_failed']);
    expect(approve.body.error.details.fields).toEqual([{ path: 'note', message: expect.any(String) }]);
    expect(await footprint(app.pool, id)).toEqual(before);

    // A nested one is named by its own path, not by the object that holds it.
    const nested = await app.request('registrar', 'POST', '/api/petitions', {
      ...validRegistration(),
      petitioner: { name: '李四', nickname: '小李' },
    });
    expect([nested.status, nested.body.error.details.fields]).toEqual([
      422,
      [{ path: 'petitioner.nickname', message: expect.any(String) }],
    ]);
  });
});
