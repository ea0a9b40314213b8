import { threadCpuMs } from './process-stats';

/** Where a worker process's CPU goes, by kind of thread. */
export interface WorkerThreadCpu {
  /** The SDK's workflow thread: every activation runs in its V8 sandbox. */
  workflowThread: number;
  /** The main thread: activities (the read-model writes), payloads, the bridge to the SDK's core. */
  mainThread: number;
  /** The SDK's core (Rust: gRPC, the workflow state machines). */
  sdkCore: number;
  /** V8's platform threads (garbage collection, compilation) and libuv's pool. */
  other: number;
}

export type ThreadSnapshot = ReturnType<typeof threadCpuMs>;

export const noThreadCpu = (): WorkerThreadCpu => ({
  workflowThread: 0,
  mainThread: 0,
  sdkCore: 0,
  other: 0,
});

/**
 * The CPU a worker used between two snapshots, by kind of thread. Node names none of its own threads, so
 * the workflow thread is told apart as the busiest thread named `node` other than the main one: the SDK runs
 * all workflows in one such thread (reused V8 context), and V8's platform threads each use a fraction of it.
 */
export function threadCpuBetween(
  pid: number,
  before: ThreadSnapshot,
  after: ThreadSnapshot,
): WorkerThreadCpu {
  const cpu = noThreadCpu();
  const nodeThreads: number[] = [];
  for (const [tid, { name, ms }] of after) {
    const used = ms - (before.get(tid)?.ms ?? 0);
    if (tid === pid) cpu.mainThread += used;
    else if (name === 'node') nodeThreads.push(used);
    else cpu.sdkCore += used;
  }
  nodeThreads.sort((a, b) => b - a);
  cpu.workflowThread = nodeThreads[0] ?? 0;
  cpu.other = nodeThreads.slice(1).reduce((sum, ms) => sum + ms, 0);
  return cpu;
}
