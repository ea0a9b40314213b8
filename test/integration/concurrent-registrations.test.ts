import { startTestApp, type TestApp, validRegistration } from '../support/harness';

/**
 * More registrations at once than one process has database connections (10). A registration once held its
 * transaction's connection (and the petition number's lock) while asking the pool for a second one: with
 * every connection held by a registration, the process stood still until the pool's 5 s timeout failed them.
 */
const AT_ONCE = 40;
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp('concurrent-registrations');
});

afterAll(async () => {
  await app?.stop();
});

it(`registers ${AT_ONCE} petitions sent at once to one process, none refused for want of a connection`, async () => {
  const run = `concurrent-${Date.now()}`;
  const answers = await Promise.all(
    Array.from({ length: AT_ONCE }, (_, i) =>
      app.request('registrar', 'POST', '/api/petitions', { ...validRegistration(), subject: `${run}-${i}` }),
    ),
  );
  expect(answers.map((a) => a.status)).toEqual(Array(AT_ONCE).fill(201));
  expect(new Set(answers.map((a) => a.body.id)).size).toBe(AT_ONCE);
});
