import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** Log lines: JSON for collectors, readable for a person at a terminal. */
const ROOT = path.resolve(__dirname, '../../..');
const logOnce = (terminal: boolean) =>
  spawnSync(
    process.execPath,
    [
      '-r',
      'tsx/cjs',
      '-e',
      `const log = require('./src/runtime/logger').createLogger('info', ${terminal}); log.info({ petitionId: 'XF-2026-000001' }, 'case routed'); log.flush();`,
    ],
    { cwd: ROOT, encoding: 'utf8' },
  ).stdout;

it('writes one JSON object per line when the output is not a terminal', () => {
  const line = JSON.parse(logOnce(false).trim());
  expect(line).toMatchObject({
    level: 30,
    msg: 'case routed',
    petitionId: 'XF-2026-000001',
    service: 'petitionflow',
  });
});

it('writes readable lines when a person watches a terminal', () => {
  const output = logOnce(true);
  expect(output).toMatch(/INFO.*case routed/);
  expect(output).toContain('petitionId: "XF-2026-000001"');
  expect(() => JSON.parse(output.trim())).toThrow();
});
