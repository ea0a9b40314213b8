import { createLogger } from '../../src/runtime/logger';
import { startTestApp, type TestApp } from '../support/harness';

/** F6: a token sent where none is read is refused, and its value never reaches the API's log. */
let app: TestApp;
const lines: string[] = [];

beforeAll(async () => {
  const logger = createLogger('info', false, { write: (line: string) => void lines.push(line) });
  app = await startTestApp('request-log', { logger });
});

afterAll(async () => {
  await app?.stop();
});

it('logs a refused token in the query or a cookie without its value', async () => {
  const secret = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2VuLXZhbHVl.c2lnbmF0dXJl';
  const answers = [
    await app.request(undefined, 'GET', `/api/petitions?access_token=${secret}`),
    await app.request(undefined, 'GET', `/api/notifications?pageSize=5&token=${secret}`),
    await app.request(undefined, 'GET', '/api/petitions', undefined, { cookie: `session=${secret}` }),
    await app.request(undefined, 'GET', '/api/petitions', undefined, { authorization: `Bearer ${secret}` }),
  ];
  expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401]);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const requests = lines.filter((line) => line.includes('"req"'));
  expect(requests.length).toBeGreaterThanOrEqual(4);
  expect(lines.join('\n')).not.toContain(secret);
  // What was asked for stays readable.
  expect(requests.join('\n')).toContain('pageSize=5&token=[Redacted]');
});
