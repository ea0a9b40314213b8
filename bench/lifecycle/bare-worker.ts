import { NativeConnection, Worker } from '@temporalio/worker';
import { installTemporalRuntime } from '../../src/temporal/runtime';
import { bareActivities } from './bare-activities';

/**
 * The bare lifecycle's worker, a process of its own so that its CPU and memory are measured apart from
 * the bench (which drives it). Run by the bench: `node -r tsx/cjs bench/lifecycle/bare-worker.ts`, with
 * BENCH_TEMPORAL_ADDRESS, BENCH_TASK_QUEUE and BENCH_MAX_CACHED_WORKFLOWS (the petition worker's cache size).
 */
/** The line the bench waits for (stack.ts). */
const BARE_WORKER_READY = 'Bare worker polling';

async function main() {
  const { BENCH_TEMPORAL_ADDRESS, BENCH_TASK_QUEUE, BENCH_MAX_CACHED_WORKFLOWS } = process.env;
  if (!BENCH_TEMPORAL_ADDRESS || !BENCH_TASK_QUEUE) throw new Error('started by the bench only');
  installTemporalRuntime('WARN');
  const connection = await NativeConnection.connect({ address: BENCH_TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: BENCH_TASK_QUEUE,
    workflowsPath: require.resolve('./bare-workflow'),
    activities: bareActivities,
    maxCachedWorkflows: Number(BENCH_MAX_CACHED_WORKFLOWS ?? 1000),
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => worker.shutdown());
  const running = worker.run();
  console.log(`${BARE_WORKER_READY} on ${BENCH_TASK_QUEUE}`);
  await running;
  await connection.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
