import { proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import type { PetitionActivities } from '../activities';
import type { CaseIO, CaseRegistration } from '../case';
import { nowIso, nowMs } from './clock';

/**
 * Local activities: rule evaluation (its result is recorded, so a replay never recomputes a date) and the
 * read model's deltas (not in history at all; a workflow task redone after a failure writes its events
 * again, and the projector lets them supersede the first writing). A database outage must delay the read
 * model, never lose an event: retry without limit.
 */
export const activities = proxyLocalActivities<PetitionActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * The case runner's I/O inside the workflow. Writes carry a fence that orders them: a redo of a failed
 * workflow task comes later in history than the task; attempts that share a place in history (a lost
 * speculative task and its redo, the retries of a failing task) are ordered by when they started, so the
 * later attempt's events stand.
 */
export function workflowCaseIO(
  { petitionId, ruleSetId }: CaseRegistration,
  pinnedVersion: () => string,
): CaseIO {
  const keys = (requests: Array<{ key: string }>) => requests.map((r) => r.key).join(', ');
  return {
    now: nowMs,
    compute: (requests) =>
      activities.computeDeadlines.executeWithOptions({ summary: `compute ${keys(requests)}` }, [
        { ruleSetId, ruleSetVersion: pinnedVersion(), requests },
      ]),
    settleAndRecord: (draft) => {
      const first = draft.events[0]?.sequence ?? draft.lastSequence + 1;
      const last = draft.lastSequence + draft.requests.length;
      return activities.settleAndRecord.executeWithOptions(
        { summary: `compute ${keys(draft.requests)}; record events ${first}–${last}` },
        [
          {
            petitionId,
            ruleSetId,
            ruleSetVersion: pinnedVersion(),
            draft,
            fence: workflowInfo().historyLength,
            attemptAt: nowIso(),
          },
        ],
      );
    },
    record: (events) =>
      activities.recordCaseEvents.executeWithOptions(
        { summary: `record events ${events[0]!.sequence}–${events[events.length - 1]!.sequence}` },
        [{ petitionId, events, fence: workflowInfo().historyLength, attemptAt: nowIso() }],
      ),
  };
}
