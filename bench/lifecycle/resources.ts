import { cpuMs, postgresCpuMs, rssBytes } from './process-stats';
import type { StackPids } from './stack';

export type Role = keyof StackPids;

/** CPU used so far by each process of the stack, ms. */
export type CpuSnapshot = Record<Role, number>;

export function cpuSnapshot(pids: StackPids): CpuSnapshot {
  return {
    api: cpuMs(pids.api),
    worker: cpuMs(pids.worker),
    bareWorker: cpuMs(pids.bareWorker),
    server: cpuMs(pids.server),
    postmaster: postgresCpuMs(pids.postmaster),
  };
}

/** CPU ms per lifecycle between two snapshots, for the given processes (and their total). */
export function cpuPerLifecycle(
  before: CpuSnapshot,
  after: CpuSnapshot,
  roles: Role[],
  lifecycles: number,
): { total: number; byProcess: Partial<Record<Role, number>> } {
  const byProcess = Object.fromEntries(roles.map((r) => [r, (after[r] - before[r]) / lifecycles]));
  return { total: roles.reduce((sum, r) => sum + byProcess[r]!, 0), byProcess };
}

export const MiB = 1024 * 1024;

/** Resident memory of each process of the stack now, MiB. */
export function rssMiB(pids: StackPids): Record<Role, number> {
  return {
    api: rssBytes(pids.api) / MiB,
    worker: rssBytes(pids.worker) / MiB,
    bareWorker: rssBytes(pids.bareWorker) / MiB,
    server: rssBytes(pids.server) / MiB,
    postmaster: rssBytes(pids.postmaster) / MiB,
  };
}
