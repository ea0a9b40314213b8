import {
  allHandlersFinished,
  condition,
  defineUpdate,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { PetitionStatus } from '../../src/workflows/search-attributes';
import type { BareActivities } from './bare-activities';

/** One step of the bare lifecycle: an Update that does nothing but count. */
export const stepUpdate = defineUpdate<number, [string]>('step');

const { noop } = proxyLocalActivities<BareActivities>({ startToCloseTimeout: '10 seconds' });

/**
 * The bench's baselines: a workflow that takes `steps` Updates (the first sent with its start, as a
 * registration is), answers each with its number, and ends. Bare: no activity, no timer, no search attribute.
 * With `localActivities`, each Update first runs that many no-op local activities, one after the other, as a
 * petition's Update runs one (deadlines and the read model); with `upserts`, each Update also sets a search
 * attribute, as a petition's sets its status. The floor is one of each (FLOOR_WORK in bare-lifecycle.ts);
 * `--bare-local-activities` and `--bare-upserts` set them for the plain bare system, as an experiment.
 */
export async function bareLifecycleWorkflow(
  steps: number,
  localActivities = 0,
  upserts = false,
): Promise<void> {
  let taken = 0;
  setHandler(
    stepUpdate,
    localActivities === 0 && !upserts
      ? () => ++taken
      : async (step) => {
          for (let i = 0; i < localActivities; i++) await noop();
          if (upserts) upsertSearchAttributes([{ key: PetitionStatus, value: step.slice(0, 20) }]);
          return ++taken;
        },
  );
  await condition(() => taken >= steps && allHandlersFinished());
}
