import type { ChildProcess } from 'node:child_process';

/** Resolves once the process has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * SIGTERM, then SIGKILL if the process is still there after `graceMs`; resolves when it is gone, so
 * that no process outlives the one that started it.
 */
export async function stopProcess(child: ChildProcess, graceMs: number): Promise<void> {
  const gone = exited(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}

/**
 * Resolves with the first match of `ready` in the process's standard output; rejects if the process
 * exits first or `timeoutMs` passes. `output` gets everything it writes, for the caller to forward.
 */
export function waitForOutput(
  child: ChildProcess,
  ready: RegExp,
  timeoutMs: number,
  what: string,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const match = seen.match(ready);
      if (match) finish(() => resolve(match));
    };
    const onExit = (code: number | null, signal: string | null) =>
      finish(() => reject(new Error(`${what} exited (${signal ?? code}) before it was ready`)));
    const timer = setTimeout(
      () => finish(() => reject(new Error(`${what} was not ready after ${timeoutMs / 1000} s`))),
      timeoutMs,
    );
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      settle();
    };
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}
