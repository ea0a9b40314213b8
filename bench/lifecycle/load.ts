import type { Log } from '../../src/runtime/logger';

/** One kind of lifecycle: runs number `index` to its end, timing each step; resolves with its workflow id. */
export interface Lifecycle {
  run(index: number, record: (step: string, ms: number) => void): Promise<string>;
}

export interface LoadResult {
  lifecycles: number;
  concurrency: number;
  seconds: number;
  /** Every step's latency in ms, by step name, in the order they ended. */
  latencies: Map<string, number[]>;
  workflowIds: string[];
}

const PROGRESS_EVERY_MS = 5_000;

/**
 * `lifecycles` lifecycles, `concurrency` at a time (each of `concurrency` loops takes the next number
 * until none is left). A failed step fails the run. Prints progress every few seconds.
 */
export async function runLoad(
  lifecycle: Lifecycle,
  options: { lifecycles: number; concurrency: number; label: string; firstIndex?: number },
  log: Log,
): Promise<LoadResult> {
  const latencies = new Map<string, number[]>();
  const workflowIds: string[] = [];
  const record = (step: string, ms: number) => {
    const list = latencies.get(step) ?? [];
    list.push(ms);
    latencies.set(step, list);
  };
  let next = 0;
  const started = performance.now();
  const progress = setInterval(() => {
    const seconds = (performance.now() - started) / 1000;
    const done = workflowIds.length;
    log(`${options.label}: ${done}/${options.lifecycles} lifecycles, ${(done / seconds).toFixed(1)}/s`);
  }, PROGRESS_EVERY_MS);
  const loop = async () => {
    while (next < options.lifecycles) {
      const index = (options.firstIndex ?? 0) + next++;
      workflowIds.push(await lifecycle.run(index, record));
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, loop));
  } finally {
    clearInterval(progress);
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    lifecycles: options.lifecycles,
    concurrency: options.concurrency,
    seconds,
    latencies,
    workflowIds,
  };
}
