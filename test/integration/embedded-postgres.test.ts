import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

interface Probe {
  url: string;
  clientUrl: string;
  /** Where the server saw each connection come from: null over a Unix socket. */
  viaClientUrl: string | null;
  viaUrl: string | null;
  log: string[];
}

async function runProbe<T>(script: string, args: string[]): Promise<T> {
  const command = ['--require', 'tsx/cjs', path.join(__dirname, script), ...args];
  const { stdout } = await promisify(execFile)(process.execPath, command, { timeout: 110_000 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as T;
}

const probe = (dataDir: string, socketDir?: string) =>
  runProbe<Probe>('embedded-postgres-probe.ts', [dataDir, ...(socketDir ? [socketDir] : [])]);

interface Logins {
  fileMode: string;
  /** 'ok' or the refusal's SQLSTATE. */
  oldDefault: string;
  url: string;
  clientUrl: string;
}

/**
 * The embedded PostgreSQL: our processes reach it over a Unix socket in its data directory (cheaper per
 * query than loopback TCP), other programs over TCP; where no socket can be made, TCP alone, as before.
 */
describe('the embedded PostgreSQL', () => {
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-embedded-pg-'));
    fs.chmodSync(root, 0o755); // PostgreSQL's own user must reach the data directory inside
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('takes our connections over the socket in its data directory, others over TCP', async () => {
    const dataDir = path.join(root, 'with-socket');
    const result = await probe(dataDir);
    expect(result.clientUrl).toContain(`host=${encodeURIComponent(dataDir)}`);
    expect(result.viaClientUrl).toBeNull();
    expect(result.viaUrl).toBe('127.0.0.1');
    expect(result.log.join('\n')).not.toMatch(/TCP only/);
  });

  it('starts on TCP alone when its socket cannot be made, and says so', async () => {
    const result = await probe(path.join(root, 'without-socket'), path.join(root, 'no-such-folder'));
    expect(result.clientUrl).toBe(result.url);
    expect(result.viaClientUrl).toBe('127.0.0.1');
    expect(result.log.join('\n')).toMatch(
      /did not start with a Unix socket in .*no-such-folder; starting it on TCP only/,
    );
  });

  it('gives its superuser a random password, kept owner-only, also on a cluster an earlier build made (F7)', async () => {
    const result = await runProbe<{ fresh: Logins; earlier: Logins & { kept: unknown[] }; log: string[] }>(
      'embedded-postgres-password-probe.ts',
      [path.join(root, 'password')],
    );
    const refused = { fileMode: '600', oldDefault: '28P01', url: 'ok', clientUrl: 'ok' };
    expect(result.fresh).toEqual(refused);
    expect(result.earlier).toEqual({ ...refused, kept: [{ id: 7 }] });
    expect(result.log.join('\n')).toMatch(/had the old well-known password; it now has a random one/);
  });
});
