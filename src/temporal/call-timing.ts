import type { WorkflowClientInterceptor } from '@temporalio/client';
import { Histogram } from 'prom-client';

/**
 * How long the API's Updates take in Temporal, from the request to the workflow's answer (the round trip
 * through the server and a workflow task on the worker, its local activities included). The API's
 * request durations less these are the API's own work (authentication, reads, documents).
 */
export const temporalCallDurations = new Histogram({
  name: 'petitionflow_temporal_update_duration_seconds',
  help: 'Updates the API sends to petition workflows, until their answer, by Update name and outcome',
  labelNames: ['update', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [],
});

/** A client interceptor that times every Update (with or without the start) into temporalCallDurations. */
export function temporalCallTimer(): WorkflowClientInterceptor {
  async function timed<T>(update: string, call: () => Promise<T>): Promise<T> {
    const end = temporalCallDurations.startTimer({ update });
    try {
      const result = await call();
      end({ outcome: 'answered' });
      return result;
    } catch (err) {
      end({ outcome: 'failed' });
      throw err;
    }
  }
  return {
    startUpdate: (input, next) => timed(input.updateName, () => next(input)),
    startUpdateWithStart: (input, next) => timed(input.updateName, () => next(input)),
  };
}
