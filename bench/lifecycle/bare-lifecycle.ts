import { type Client, WithStartWorkflowOperation } from '@temporalio/client';
import { bareLifecycleWorkflow, stepUpdate } from './bare-workflow';
import type { Lifecycle } from './load';
import { LIFECYCLE_STEPS } from './petition-lifecycle';

/**
 * The bare lifecycle, driven by the Temporal client: Update-with-Start for the first step (as a registration
 * starts its case), then one Update per further step, each waiting for its answer.
 */
export function bareLifecycle(
  client: Client,
  taskQueue: string,
  run: string,
  experiment: { localActivities: number; updateBytes: number; upserts: boolean },
): Lifecycle {
  const { localActivities, updateBytes, upserts } = experiment;
  const argOf = (step: string) => step.padEnd(updateBytes, '.');
  return {
    async run(index, record) {
      const workflowId = `bare-${run}-${index}`;
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
