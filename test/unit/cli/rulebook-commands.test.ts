import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/** The real command, from source; no stack runs, so anything reaching for one would fail otherwise. */
function spawnCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'bin/petitionflow.js'), ...args],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          PETITIONFLOW_FROM_SOURCE: '1',
          DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

function tempFile(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rulebook-cli-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('calendar add-year and rules release refuse bad input with exit 2, before reaching the stack', () => {
  it('refuses a year whose make-up working day is also a day off, naming it', async () => {
    const example = JSON.parse(
      fs.readFileSync(path.join(ROOT, 'docs/examples/official-year-2027.example.json'), 'utf8'),
    );
    example.year = 2099;
    example.published = '2098-11-01';
    example.holidays = [{ name: 'Labour Day', nameZh: '劳动节', from: '2099-05-01', to: '2099-05-05' }];
    example.makeUpWorkdays = [{ date: '2099-05-02', for: 'Labour Day' }];
    const run = await spawnCli(['calendar', 'add-year', tempFile('2099.json', JSON.stringify(example))]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/makeUpWorkdays\.0\.date: also listed as a day off; nothing was changed/);
  });

  it('refuses a year the calendar package already has', async () => {
    const file = {
      year: 2025,
      notice: 'x',
      published: '2024-11-12',
      holidays: [{ name: 'X', nameZh: 'X', from: '2025-01-01', to: '2025-01-01' }],
      makeUpWorkdays: [],
    };
    const run = await spawnCli(['calendar', 'add-year', tempFile('2025.json', JSON.stringify(file))]);
    expect([run.code, run.stderr]).toEqual([
      2,
      expect.stringMatching(/2025 is already loaded \(from the calendar package\)/),
    ]);
  });

  it('refuses a rule-set file that is not JSON', async () => {
    const run = await spawnCli(['rules', 'release', tempFile('broken.json', '{ "id": ')]);
    expect([run.code, run.stderr]).toEqual([2, expect.stringMatching(/is not JSON.*nothing was changed/)]);
  });
});
