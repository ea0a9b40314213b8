import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { exited, stopProcess, waitForOutput } from '../../src/dev-services/child-process';

const ROOT = path.resolve(__dirname, '..', '..');
const READY_TIMEOUT_MS = 60_000;
const RESTART_PAUSE_MS = 1_000;

/**
 * One `petitionflow api` or `petitionflow worker` process, kept running the way the compose file's
 * `restart: unless-stopped` keeps it: when it exits by itself (or cannot start because a server is down) it
 * is started again. `kill` is the fault: SIGKILL, then a restart. Its output goes to `<logDir>/<name>.log`.
 */
export class SupervisedProcess {
  private child: ChildProcess | undefined;
  /** The process being started, until it is ready. */
  private candidate: ChildProcess | undefined;
  private stopping = false;
  private starting: Promise<void> | undefined;
  /** Restarts after the process exited by itself (not counting `kill`). */
  unexpectedExits = 0;

  constructor(
    readonly name: string,
    private readonly command: 'api' | 'worker',
    private readonly env: Record<string, string>,
    private readonly logDir: string,
  ) {}

  /** Starts the process (again), retrying until it is ready or the process is being stopped. */
  start(): Promise<void> {
    this.starting ??= this.startUntilReady().finally(() => (this.starting = undefined));
    return this.starting;
  }

  /**
   * SIGKILL: no shutdown hook runs; in-flight requests and tasks are cut off. Resolves once the process is
   * gone; it is then started again in the background (`running` resolves when it is back).
   */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child) {
      child.kill('SIGKILL');
      await exited(child);
    }
    void this.start();
  }

  /** Resolves once the process is running (at once if it is). */
  running(): Promise<void> {
    return this.starting ?? Promise.resolve();
  }

  /** Stops it for good: SIGTERM, SIGKILL after the grace period. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.candidate) await stopProcess(this.candidate, 10_000);
    await this.starting?.catch(() => undefined);
    if (this.child) await stopProcess(this.child, 10_000);
  }

  private async startUntilReady(): Promise<void> {
    for (;;) {
      if (this.stopping) return;
      const child = (this.candidate = this.spawn());
      try {
        await waitForOutput(child, /API listening|Worker polling/, READY_TIMEOUT_MS, this.name);
        this.child = child;
        this.superviseExit(child);
        return;
      } catch {
        // A server it needs is down (Temporal, PostgreSQL): try again shortly, as a supervisor would.
        await stopProcess(child, 1_000);
        await new Promise((resolve) => setTimeout(resolve, RESTART_PAUSE_MS));
      } finally {
        this.candidate = undefined;
      }
    }
  }

  private superviseExit(child: ChildProcess): void {
    void exited(child).then(() => {
      if (this.child !== child || this.stopping) return; // killed on purpose, or stopping
      this.unexpectedExits++;
      this.child = undefined;
      void this.start();
    });
  }

  private spawn(): ChildProcess {
    const log = fs.openSync(path.join(this.logDir, `${this.name}.log`), 'a');
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'petitionflow.js'), this.command], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', log],
      env: { ...process.env, ...this.env },
    });
    fs.closeSync(log);
    child.stdout?.on('data', (chunk: Buffer) =>
      fs.appendFileSync(path.join(this.logDir, `${this.name}.log`), chunk),
    );
    return child;
  }
}
