import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  patched,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { PetitionActivities } from '../activities';
import type { CasePolicy } from '../rules/case-policy';
import {
  type CaseCommand,
  type CaseEvent,
  type CaseEventBody,
  COMMAND_TYPES,
  completeSettlement,
  type ComputeDeadlines,
  CURRENT_REVISION,
  deadlineStillDue,
  decide,
  decideAlarm,
  describeAlarm,
  decideRegistration,
  draftSettlement,
  type EventMeta,
  fold,
  initialCaseState,
  movedDeadline,
  nextAlarm,
  nextDeadline,
  recheckRequest,
  type Refusal,
  type SettlementDraft,
} from '../case';
import { commandTime, instantMs, nowIso, nowMs, shanghaiDateAt, todayInShanghai } from './clock';
import {
  commandUpdates,
  type PetitionWorkflowInput,
  registrationUpdate,
  stateQuery,
  type TransitionResult,
} from './messages';
import { createAlarmClock } from './alarm-clock';
import { createLock } from './lock';
import { createVisibility } from './visibility';

/**
 * Local activities: rule evaluation (its result is recorded, so a replay never recomputes a date) and the
 * read model's deltas (not in history at all; a workflow task redone after a failure writes its events
 * again, and the projector lets them supersede the first writing). A database outage must delay the read
 * model, never lose an event: retry without limit.
 */
const activities = proxyLocalActivities<PetitionActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * One petition (信访事项) from registration to closure: a thin shell around the pure case core. Each
 * command of the transition table is an Update whose validator asks `decide`; its events, with the
 * deadlines the rule set starts and stops, are folded at once and written to PostgreSQL before it answers.
 * One timer waits for the earliest warning or expiry.
 */
export async function petitionCaseWorkflow(input: PetitionWorkflowInput): Promise<void> {
  // A cancellation (say, pressed in the Web UI) must not silently end a petition and its timers: it is
  // recorded and the case goes on; closing a case is an audited act through the API.
  const root = CancellationScope.current();
  return CancellationScope.nonCancellable(() => runCase(input, root));
}

async function runCase(input: PetitionWorkflowInput, root: CancellationScope): Promise<void> {
  const { registeredBy, ...registration } = input;
  // Cases started before the supervision ladder keep their first behaviour for life (their histories
  // replay unchanged); new ones climb it. Asked once, first, so one case never mixes the two.
  const revision = patched('supervision-ladder') ? CURRENT_REVISION : 1;
  // Cases started since commands carry their request time take it as the command's time (see commandTime);
  // earlier ones keep the workflow clock, so their histories compute the same events.
  const requestTimes = patched('command-request-time');
  // Cases started since then compute a decision's deadlines and write its events in one local activity
  // when nothing waits to be written before them; earlier ones keep the two of their histories.
  const settleInOneActivity = patched('settle-and-record');
  const refresh = createVisibility();
  const clock = createAlarmClock();
  const lock = createLock();
  let state = initialCaseState();
  const outbox: CaseEvent[] = [];
  let persistedSequence = 0;
  let registered = false;

  // Loaded once the handlers are in place (an Update sent with the start must find its handler); they read
  // it only after the registration, so it is never seen unset.
  // eslint-disable-next-line prefer-const -- assigned once, below the handlers that close over it
  let policy: CasePolicy | undefined;
  const compute: ComputeDeadlines = (requests) =>
    activities.computeDeadlines.executeWithOptions(
      { summary: `compute ${requests.map((r) => r.key).join(', ')}` },
      [{ ruleSetId: registration.ruleSetId, requests }],
    );
  /** The time of the latest event: no later event is dated before it. */
  let latestAt = '';
  const timeOf = (command?: CaseCommand) =>
    commandTime(requestTimes ? command?.requestedAt : undefined, nowMs(), latestAt);
  const contextAt = (at: string) => ({ today: shanghaiDateAt(instantMs(at)), policy: policy! });

  /** Decisions whose events were written as they were settled: the main loop looks at the alarms again. */
  let writtenWhileSettled = 0;

  /**
   * Runs one decision to its end (call it holding the lock): deadlines computed, events folded, and either
   * written at once (one local activity, when no earlier event waits) or queued for the main loop.
   */
  async function commit(
    bodies: CaseEventBody[],
    meta: Omit<EventMeta, 'at'>,
    at = timeOf(),
  ): Promise<number> {
    latestAt = at;
    const draft = draftSettlement(policy!, state, bodies, { ...meta, at });
    const writeNow =
      settleInOneActivity &&
      draft.requests.length > 0 &&
      outbox.length === 0 &&
      persistedSequence === state.lastSequence;
    if (writeNow) {
      state = fold(state, completeSettlement(draft, await settleAndRecord(draft)));
      persistedSequence = state.lastSequence;
      writtenWhileSettled++;
    } else {
      const events = completeSettlement(
        draft,
        draft.requests.length > 0 ? await compute(draft.requests) : [],
      );
      state = fold(state, events);
      outbox.push(...events);
    }
    refresh(state);
    return state.lastSequence;
  }

  async function settleAndRecord(draft: SettlementDraft) {
    const first = draft.events[0]?.sequence ?? draft.lastSequence + 1;
    const last = draft.lastSequence + draft.requests.length;
    return activities.settleAndRecord.executeWithOptions(
      { summary: `compute ${draft.requests.map((r) => r.key).join(', ')}; record events ${first}–${last}` },
      [
        {
          // The registration's own id: the case's state has none before its first event.
          petitionId: registration.petitionId,
          ruleSetId: registration.ruleSetId,
          draft,
          fence: workflowInfo().historyLength,
          attemptAt: nowIso(),
        },
      ],
    );
  }

  async function answer(sequence: number): Promise<TransitionResult> {
    await condition(() => persistedSequence >= sequence);
    const next = nextDeadline(state);
    return {
      sequence,
      status: state.status,
      nextDeadline: next ? { key: next.key, dueAt: next.dueAt } : null,
    };
  }

  setHandler(stateQuery, () => state);
  setHandler(registrationUpdate, () =>
    CancellationScope.nonCancellable(async () => {
      await condition(() => registered);
      return answer(state.lastSequence);
    }),
  );
  for (const type of COMMAND_TYPES) {
    setHandler(
      commandUpdates[type],
      // Handlers run in the root scope: shield them, too, from a cancellation of the workflow.
      (command) =>
        CancellationScope.nonCancellable(async () => {
          await condition(() => registered);
          const sequence = await lock.run(async () => {
            // The case may have changed since the validator accepted the command: decide again.
            const at = timeOf(command);
            const decision = decide(state, command, contextAt(at));
            if (!decision.ok) throw refusalFailure(decision.refusal);
            return commit(decision.events, { actor: command.actor.login, requestId: command.requestId }, at);
          });
          return answer(sequence);
        }),
      {
        validator: (command) => {
          if (command.type !== type) {
            throw refusalFailure({ code: 'invalid_argument', message: `expected a ${type} command` });
          }
          if (!registered) {
            throw refusalFailure({
              code: 'retry_later',
              message: 'The petition is still being registered; retry',
            });
          }
          const decision = decide(state, command, contextAt(timeOf(command)));
          if (!decision.ok) throw refusalFailure(decision.refusal);
        },
      },
    );
  }

  root.cancelRequested.catch(() =>
    lock.run(async () => {
      await condition(() => registered);
      if (state.status !== 'closed') await commit([{ type: 'cancellation-requested' }], {});
    }),
  );

  policy = await activities.loadCasePolicy(registration.ruleSetId);
  await lock.run(() =>
    commit(decideRegistration(registration, todayInShanghai(), revision), { actor: registeredBy.login }),
  );
  registered = true;

  for (;;) {
    if (outbox.length > 0) {
      const events = outbox.splice(0, outbox.length);
      await recordEvents(state.petitionId, events);
      persistedSequence = events[events.length - 1]?.sequence ?? persistedSequence;
      continue;
    }
    if (state.status === 'closed') {
      // In-flight Updates finish first (they wait for their events to be written).
      await condition(() => outbox.length > 0 || allHandlersFinished());
      if (outbox.length === 0) return;
      continue;
    }
    const alarm = nextAlarm(state, policy);
    const summary = alarm ? describeAlarm(state, alarm) : '';
    const written = writtenWhileSettled;
    const wake = () => outbox.length > 0 || writtenWhileSettled !== written;
    if (!(await clock.wait(alarm?.at, wake, summary)) || !alarm) continue;
    await lock.run(async () => {
      // The case may have moved on while the lock was waited for.
      const deadline = alarm.kind === 'due' ? deadlineStillDue(state, alarm) : undefined;
      if (deadline?.provisional) {
        // Computed without the official holidays of its year: ask the calendar again before it fires.
        const [fresh] = await compute([recheckRequest(deadline)]);
        const moved = fresh && movedDeadline(deadline, fresh);
        if (moved) {
          await commit([moved], {});
          return;
        }
      }
      const events = decideAlarm(state, alarm, todayInShanghai(), policy);
      if (events.length > 0) await commit(events, {});
    });
  }
}

function refusalFailure(refusal: Refusal | { code: 'retry_later'; message: string; field?: string }) {
  return ApplicationFailure.create({
    type: refusal.code,
    message: refusal.message,
    details: refusal.field ? [{ field: refusal.field }] : [],
    nonRetryable: true,
  });
}

/**
 * Writes events to the read model. The fence orders writes: a redo of a failed workflow task comes later in
 * history than the task; attempts that share a place in history (a lost speculative task and its redo, the
 * retries of a failing task) are ordered by when they started, so the later attempt's events stand.
 */
async function recordEvents(petitionId: string, events: CaseEvent[]): Promise<void> {
  const range = `${events[0]!.sequence}–${events[events.length - 1]!.sequence}`;
  await activities.recordCaseEvents.executeWithOptions({ summary: `record events ${range}` }, [
    { petitionId, events, fence: workflowInfo().historyLength, attemptAt: nowIso() },
  ]);
}
