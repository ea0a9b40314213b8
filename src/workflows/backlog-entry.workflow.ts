import { allHandlersFinished, condition, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import {
  alarmFired,
  type BacklogClockState,
  closeClock,
  DEFAULT_BACKLOG_TIMINGS,
  nextAlarm,
  retarget,
  startClock,
} from '../backlog';
import type { BacklogActivities } from '../activities/backlog';
import { isIsoDate } from '../rules/dates';
import { createAlarmClock } from './alarm-clock';
import {
  type BacklogEntryWorkflowInput,
  backlogClockQuery,
  closeEntryUpdate,
  retargetUpdate,
} from './backlog-messages';
import { refuse } from './refusals';

/** Writing the notices must not be lost to a database outage: retry without limit. */
const activities = proxyLocalActivities<BacklogActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * One backlog entry's target date (积案台账): a durable timer for its next alarm — warnings, then the 督办
 * notice, then escalation to the joint-conference office. A new target date re-plans; closing the entry
 * ends the workflow. The decisions are the pure core's (src/backlog); this is its thin shell.
 */
export async function backlogEntryWorkflow(input: BacklogEntryWorkflowInput): Promise<void> {
  const timings = DEFAULT_BACKLOG_TIMINGS;
  const clock = createAlarmClock();
  let state: BacklogClockState = startClock(input.targetDate, input.registeredOn);
  let changes = 0;

  setHandler(backlogClockQuery, () => state);
  setHandler(
    retargetUpdate,
    ({ targetDate, today }) => {
      state = retarget(state, targetDate, today);
      changes++;
      return state;
    },
    {
      validator: (change) => {
        if (!isIsoDate(change?.targetDate) || !isIsoDate(change?.today))
          refuse({ code: 'invalid_argument', message: 'targetDate and today must be dates' });
        if (!state.open) refuse({ code: 'transition_not_allowed', message: 'The entry is closed' });
      },
    },
  );
  setHandler(closeEntryUpdate, () => {
    state = closeClock(state);
    changes++;
    return state;
  });

  while (state.open) {
    const alarm = nextAlarm(state, timings);
    const seen = changes;
    const wake = () => changes !== seen;
    const fired = await clock.wait(alarm?.at, wake, alarm ? `${alarm.kind} ${alarm.key}` : '');
    if (!fired || !alarm) continue;
    await activities.fireBacklogAlarm({ entryId: input.entryId, alarm });
    state = alarmFired(state, alarm);
  }
  // An Update that closed the entry answers before the run ends.
  await condition(allHandlersFinished);
}
