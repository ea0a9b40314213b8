import { histogramDelta, type Sample, scrape } from './prometheus';
import type { BenchStack } from './stack';

/**
 * Where petitionflow's time goes at one concurrency: mean durations (ms) of each span, from the API's and the
 * worker's own metrics over the phase. Nested: a request holds its Update; the Update holds the workflow task
 * on the worker (plus the server's part); the task holds its local activities.
 */
export interface SpanFigures {
  concurrency: number;
  /** API: a POST from its first byte to its answer, by route. */
  requestMs: Record<string, number>;
  /** API: the Update's round trip through Temporal (request → the workflow's answer), by Update. */
  updateMs: Record<string, number>;
  /** Worker: workflow task from the server's hand-over to its completion (SDK metrics). */
  workflowTaskMs?: number;
  /** Worker: scheduled → taken by the worker. */
  workflowTaskScheduleToStartMs?: number;
  /** Worker: local activities by type (recordCaseEvents = the PostgreSQL writes). */
  localActivityMs: Record<string, number>;
}

const MS_PER_SECOND = 1000;

export async function spansAround<T>(
  stack: BenchStack,
  concurrency: number,
  phase: () => Promise<T>,
): Promise<{ value: T; spans: SpanFigures }> {
  const apiMetrics = `${stack.apiUrl}/metrics`;
  const [api0, worker0] = await Promise.all([scrape(apiMetrics), scrape(stack.workerMetricsUrl)]);
  const value = await phase();
  const [api1, worker1] = await Promise.all([scrape(apiMetrics), scrape(stack.workerMetricsUrl)]);
  const means = (
    before: Sample[],
    after: Sample[],
    name: string,
    where: Record<string, string>,
    by: string | undefined,
    scale: number,
  ) =>
    Object.fromEntries(
      [...histogramDelta(before, after, name, where, by)].map(([group, { sum, count }]) => [
        group,
        (sum / count) * scale,
      ]),
    );
  const workerScale = workerUnitScale(worker1);
  const single = (name: string) => means(worker0, worker1, name, {}, undefined, workerScale)[''];
  return {
    value,
    spans: {
      concurrency,
      requestMs: means(
        api0,
        api1,
        'petitionflow_http_request_duration_seconds',
        { method: 'POST' },
        'route',
        MS_PER_SECOND,
      ),
      updateMs: means(
        api0,
        api1,
        'petitionflow_temporal_update_duration_seconds',
        { outcome: 'answered' },
        'update',
        MS_PER_SECOND,
      ),
      workflowTaskMs: single('temporal_workflow_task_execution_latency'),
      workflowTaskScheduleToStartMs: single('temporal_workflow_task_schedule_to_start_latency'),
      localActivityMs: means(
        worker0,
        worker1,
        'temporal_local_activity_execution_latency',
        {},
        'activity_type',
        workerScale,
      ),
    },
  };
}

/** The SDK exports durations in ms, or in seconds where told to (the metric's name then says so). */
function workerUnitScale(samples: Sample[]): number {
  return samples.some((s) => s.name.endsWith('_seconds_sum')) ? MS_PER_SECOND : 1;
}
