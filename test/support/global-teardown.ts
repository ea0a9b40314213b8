import type { ChildProcess } from 'node:child_process';

/** Stops the servers of the run and waits until they are gone, so no process outlives the suite. */
export default async function globalTeardown(): Promise<void> {
  const services = (globalThis as { __devServices?: ChildProcess }).__devServices;
  if (!services || services.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => services.once('exit', () => resolve()));
  services.kill('SIGTERM');
  const timeout = setTimeout(() => services.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timeout);
}
