import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { stopProcess, waitForOutput } from '../../src/dev-services/child-process';
import { freePorts } from '../../src/dev-services/free-ports';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'petitionflow.js');
/** A first start may initialise PostgreSQL and bundle the workflow code: minutes on a busy machine. */
const READY_TIMEOUT_MS = 300_000;
/** `start` stops the API, the worker, PostgreSQL and Temporal in turn. */
const STOP_GRACE_MS = 60_000;
/** How long a child of the stack may take to notice that its parent is gone. */
const EXIT_GRACE_MS = 10_000;
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export interface FuzzStack {
  apiUrl: string;
  /** The settings the stack was started with (data folder, ports): an operator command given them finds it. */
  settings: Record<string, string>;
  /** A bearer token for a demo user, minted by `petitionflow token` as an operator would. */
  token(login: string): Promise<string>;
  /** Stops the stack; rejects if any of its processes is still there afterwards. */
  stop(): Promise<void>;
}

/**
 * `petitionflow start` with its embedded defaults, in a data folder of its own and on free ports, so it
 * collides neither with a dev stack (`npm start`) nor with a test run. `env` is added to its environment;
 * its output goes to `logFile`.
 */
export async function startFuzzStack(env: Record<string, string>, logFile: string): Promise<FuzzStack> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'petitionflow-fuzz-'));
  // As root the embedded PostgreSQL runs as the `postgres` user, which must reach its data folder.
  fs.chmodSync(workDir, 0o755);
  const dataDir = path.join(workDir, 'data');
  // Below the system's ephemeral range, so that no outgoing connection takes one before the servers do.
  const [api, temporal, temporalUi, postgres, oidc] = await freePorts(5, { min: 20_000, max: 32_767 });
  const settings = {
    DATA_DIR: dataDir,
    API_PORT: String(api),
    API_HOST: '127.0.0.1',
    TEMPORAL_PORT: String(temporal),
    TEMPORAL_UI_PORT: String(temporalUi),
    EMBEDDED_PG_PORT: String(postgres),
    EMBEDDED_OIDC_PORT: String(oidc),
    ...env,
  };
  const stackEnv = { ...process.env, ...settings };
  // A process group of its own: after the stop, any process still in it is a leftover.
  const child = spawn(process.execPath, [CLI, 'start'], {
    cwd: ROOT,
    env: stackEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const log = fs.createWriteStream(logFile);
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  child.once('close', () => log.end());
  const logWritten = new Promise<void>((resolve) => log.once('close', () => resolve()));
  // In a group of its own the stack does not get the terminal's Ctrl-C: it is stopped here instead.
  const onSignal = () => void stop().finally(() => process.exit(130));
  const stop = async () => {
    for (const signal of SIGNALS) process.off(signal, onSignal);
    try {
      await stopStack(child, workDir);
    } finally {
      await logWritten;
    }
  };
  for (const signal of SIGNALS) process.once(signal, onSignal);
  try {
    await waitForOutput(child, /Ready in/, READY_TIMEOUT_MS, 'petitionflow start');
  } catch (err) {
    await stop().catch(() => undefined);
    throw new Error(`${(err as Error).message}; its output:\n${fs.readFileSync(logFile, 'utf8')}`, {
      cause: err,
    });
  }
  return {
    apiUrl: `http://127.0.0.1:${api}`,
    settings,
    token: async (login) => {
      const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'token', '--user', login], {
        cwd: ROOT,
        env: stackEnv,
      });
      return stdout.trim();
    },
    stop,
  };
}

async function stopStack(child: ChildProcess, workDir: string): Promise<void> {
  await stopProcess(child, STOP_GRACE_MS);
  const leftovers = await remainingProcesses(child.pid!, workDir);
  const described = await describe(leftovers);
  for (const pid of leftovers) killIfThere(pid);
  fs.rmSync(workDir, { recursive: true, force: true });
  if (leftovers.length > 0) {
    throw new Error(`the stack left processes behind, killed now:\n${described}`);
  }
}

/** What is still running once the stack's helpers (tsx's esbuild service) had time to notice their parent left. */
async function remainingProcesses(groupId: number, workDir: string): Promise<number[]> {
  const deadline = Date.now() + EXIT_GRACE_MS;
  for (;;) {
    const found = await processesOf(groupId, workDir);
    if (found.length === 0 || Date.now() > deadline) return found;
    await sleep(250);
  }
}

/** Processes still in the stack's group, or naming its folder (PostgreSQL and Temporal do, by their data). */
async function processesOf(groupId: number, workDir: string): Promise<number[]> {
  const pgrep = async (args: string[]) => {
    try {
      const { stdout } = await promisify(execFile)('pgrep', args);
      return stdout.split('\n').filter(Boolean).map(Number);
    } catch {
      return []; // pgrep exits 1 when nothing matches
    }
  };
  const found = [...(await pgrep(['-g', String(groupId)])), ...(await pgrep(['-f', workDir]))];
  return [...new Set(found)].filter((pid) => pid !== process.pid && !isZombie(pid));
}

/** An exited process that its new parent (init) has not reaped yet: it runs nothing and holds nothing. */
function isZombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true; // gone meanwhile
  }
}

function killIfThere(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // exited meanwhile
  }
}

async function describe(pids: number[]): Promise<string> {
  if (pids.length === 0) return '';
  const { stdout } = await promisify(execFile)('ps', [
    '-o',
    'pid,ppid,user,etime,args',
    '-p',
    pids.join(','),
  ]);
  return stdout;
}
