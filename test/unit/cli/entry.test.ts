import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..', '..');

/** The README tells people to run `npx petitionflow …`: the package's own bin must run the CLI. */
it('runs through npx from the project folder', async () => {
  const { stdout } = await run('npx', ['--no-install', 'petitionflow', 'rules', 'list', '--json'], {
    cwd: ROOT,
    timeout: 60_000,
  });
  const ruleSets = JSON.parse(stdout) as Array<{ id: string }>;
  expect(ruleSets.map((r) => r.id)).toEqual(
    expect.arrayContaining(['national-2022', 'zhejiang-2016', 'shandong-2015']),
  );
});
