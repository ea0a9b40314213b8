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

async function probe(dataDir: string, socketDir?: string): Promise<Probe> {
  const script = path.join(__dirname, 'embedded-postgres-probe.ts');
  const args = ['--require', 'tsx/cjs', script, dataDir, ...(socketDir ? [socketDir] : [])];
  const { stdout } = await promisify(execFile)(process.execPath, args, { timeout: 110_000 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Probe;
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
});
