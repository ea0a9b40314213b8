import {
  allHandlersFinished,
  condition,
  defineUpdate,
  proxyLocalActivities,
  setHandler,
} from '@temporalio/workflow';
import type { BareActivities } from './bare-activities';

/** One step of the bare lifecycle: an Update that does nothing but count. */
export const stepUpdate = defineUpdate<number, [string]>('step');

const { noop } = proxyLocalActivities<BareActivities>({ startToCloseTimeout: '10 seconds' });

/**
 * The bench's baseline: a workflow that takes `steps` Updates (the first sent with its start, as a
 * registration is), answers each with its number, and ends. No activity, no timer, no search attribute.
 * With `localActivities` (an experiment: `--bare-local-activities`), each Update first runs that many no-op
 * local activities, one after the other, as a petition's Update runs its two (deadlines, then the read model).
 */
export async function bareLifecycleWorkflow(steps: number, localActivities = 0): Promise<void> {
  let taken = 0;
  setHandler(
    stepUpdate,
    localActivities === 0
      ? () => ++taken
      : async () => {
          for (let i = 0; i < localActivities; i++) await noop();
          return ++taken;
        },
  );
  await condition(() => taken >= steps && allHandlersFinished());
}
