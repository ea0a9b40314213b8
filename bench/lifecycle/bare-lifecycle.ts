import { type Client, WithStartWorkflowOperation } from '@temporalio/client';
import { bareLifecycleWorkflow, stepUpdate } from './bare-workflow';
import type { Lifecycle } from './load';
import { LIFECYCLE_STEPS } from './petition-lifecycle';

/** What the bare workflow does in each Update besides counting (bare-workflow.ts). */
export interface BareWork {
  /** No-op local activities, one after the other. */
  localActivities: number;
  /** Each Update's argument padded to this many bytes. */
  updateBytes: number;
  /** A search-attribute upsert. */
  upserts: boolean;
}

/**
 * The floor: only what every transition of a case must do — one local activity (a case's writes its read
 * model before the Update answers) and one search-attribute upsert (its status, for the Web UI).
 */
export const FLOOR_WORK: BareWork = { localActivities: 1, updateBytes: 0, upserts: true };

/**
 * The bare lifecycle, driven by the Temporal client: Update-with-Start for the first step (as a registration
 * starts its case), then one Update per further step, each waiting for its answer. Its workflows are named
 * `<name>-<run>-<index>` (bare's `bare-…`, the floor's `floor-…`), on the bare worker's task queue.
 */
export function bareLifecycle(
  client: Client,
  taskQueue: string,
  run: string,
  work: BareWork,
  name = 'bare',
): Lifecycle {
  const { localActivities, updateBytes, upserts } = work;
  const argOf = (step: string) => step.padEnd(updateBytes, '.');
  return {
    async run(index, record) {
      const workflowId = `${name}-${run}-${index}`;
      const [first, ...rest] = LIFECYCLE_STEPS;
      let started = performance.now();
      await client.workflow.executeUpdateWithStart(stepUpdate, {
        args: [argOf(first!)],
        startWorkflowOperation: new WithStartWorkflowOperation(bareLifecycleWorkflow, {
          workflowId,
          taskQueue,
          args: [LIFECYCLE_STEPS.length, localActivities, upserts],
          workflowIdConflictPolicy: 'FAIL',
        }),
      });
      record(first!, performance.now() - started);
      const handle = client.workflow.getHandle(workflowId);
      for (const step of rest) {
        started = performance.now();
        await handle.executeUpdate(stepUpdate, { args: [argOf(step)] });
        record(step, performance.now() - started);
      }
      return workflowId;
    },
  };
}
