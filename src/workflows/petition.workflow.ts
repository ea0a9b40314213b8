import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
} from '@temporalio/workflow';
import type { PetitionActivities } from '../activities';
import type { CasePolicy } from '../rules/case-policy';
import {
  alarmStillDue,
  type CaseEvent,
  type CaseEventBody,
  COMMAND_TYPES,
  type ComputeDeadline,
  decide,
  decideAlarm,
  decideRegistration,
  type EventMeta,
  fold,
  initialCaseState,
  nextAlarm,
  nextDeadline,
  type Refusal,
  settle,
} from './case';
import { nowIso, nowMs, todayInShanghai } from './clock';
import {
  commandUpdates,
  type PetitionWorkflowInput,
  registrationUpdate,
  stateQuery,
  type TransitionResult,
} from './messages';
import { createVisibility } from './visibility';

// A database outage must delay the read model, never lose an event: retry without limit.
const retry = { initialInterval: '1 second', maximumInterval: '1 minute' };
/** Pure rule evaluation: a local activity (its result is still recorded, so a replay never recomputes). */
const rules = proxyLocalActivities<PetitionActivities>({ startToCloseTimeout: '30 seconds', retry });
/**
 * Writing the read model is an ordinary activity: its input (the events) is in history before it runs, so
 * the read model gets exactly the events of history — a local activity could write events of a workflow
 * task that then failed and was redone later, with other timestamps.
 */
const readModel = proxyActivities<PetitionActivities>({ startToCloseTimeout: '30 seconds', retry });

/**
 * One petition (信访事项) from registration to closure: a thin shell around the pure case core. Each
 * command of the transition table is an Update whose validator asks `decide`; its events, with the
 * deadlines the rule set starts and stops, are folded at once and written to PostgreSQL before it answers.
 * One timer waits for the earliest warning or expiry.
 */
export async function petitionWorkflow(input: PetitionWorkflowInput): Promise<void> {
  const { registeredBy, ...registration } = input;
  const refresh = createVisibility();
  let state = initialCaseState();
  const outbox: CaseEvent[] = [];
  let persistedSequence = 0;
  let registered = false;
  // While a decision's deadlines are computed, nothing else may change the case.
  let busy = false;

  // Loaded once the handlers are in place (an Update sent with the start must find its handler).
  let policy: CasePolicy | undefined;
  const compute: ComputeDeadline = (request) =>
    rules.computeDeadline({ ruleSetId: registration.ruleSetId, request });
  const context = () => ({ today: todayInShanghai(), policy: policy! });

  /** Runs one decision to its end: deadlines computed, events folded and queued for the read model. */
  async function commit(bodies: CaseEventBody[], meta: Omit<EventMeta, 'at'>): Promise<number> {
    busy = true;
    try {
      const events = await settle(policy!, state, bodies, { ...meta, at: nowIso() }, compute);
      state = fold(state, events);
      outbox.push(...events);
      refresh(state);
      return state.lastSequence;
    } finally {
      busy = false;
    }
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
  setHandler(registrationUpdate, async () => {
    await condition(() => registered);
    return answer(state.lastSequence);
  });
  for (const type of COMMAND_TYPES) {
    setHandler(
      commandUpdates[type],
      async (command) => {
        await condition(() => registered && !busy);
        // The case may have changed since the validator accepted the command: decide again.
        const decision = decide(state, command, context());
        if (!decision.ok) throw refusalFailure(decision.refusal);
        const meta = { actor: command.actor.login, requestId: command.requestId };
        return answer(await commit(decision.events, meta));
      },
      {
        validator: (command) => {
          if (command.type !== type)
            throw refusalFailure({ code: 'invalid_argument', message: `expected a ${type} command` });
          if (!registered)
            throw refusalFailure({
              code: 'transition_not_allowed',
              message: 'The petition is still being registered; retry',
            });
          const decision = decide(state, command, context());
          if (!decision.ok) throw refusalFailure(decision.refusal);
        },
      },
    );
  }

  policy = await rules.loadCasePolicy(registration.ruleSetId);
  await commit(decideRegistration(registration, todayInShanghai()), { actor: registeredBy.login });
  registered = true;

  for (;;) {
    if (outbox.length > 0) {
      const events = outbox.splice(0, outbox.length);
      await readModel.recordCaseEvents({ petitionId: state.petitionId, events });
      persistedSequence = events[events.length - 1]?.sequence ?? persistedSequence;
      continue;
    }
    if (state.status === 'closed') {
      // In-flight Updates finish first (they wait for their events to be written).
      await condition(() => outbox.length > 0 || allHandlersFinished());
      if (outbox.length === 0) return;
      continue;
    }
    const alarm = nextAlarm(state);
    const wake = () => outbox.length > 0;
    if (!alarm) {
      await condition(wake);
      continue;
    }
    if (await condition(wake, Math.max(1, alarm.at - nowMs()))) continue;
    if (busy) {
      await condition(() => !busy);
      continue;
    }
    const deadline = alarmStillDue(state, alarm);
    if (!deadline) continue;
    if (alarm.kind === 'due' && deadline.provisional) {
      // Computed without the official holidays of its year: ask the calendar again before it fires.
      const fresh = await compute({
        key: deadline.key,
        startDate: deadline.startDate,
        extensionDays: deadline.extensionDays,
        ...(deadline.lengthDays ? { lengthDays: deadline.lengthDays } : {}),
      });
      if (fresh.dueAt !== deadline.dueAt || fresh.calendarVersion !== deadline.calendarVersion) {
        const { responsible: _r, policy: _p, kind: _k, startDate: _s, ruleSetVersion: _v, ...dates } = fresh;
        await commit([{ type: 'deadline-recomputed', previousDueAt: deadline.dueAt, ...dates }], {});
        continue;
      }
    }
    await commit(decideAlarm(state, alarm, todayInShanghai()), {});
  }
}

function refusalFailure(refusal: Refusal): ApplicationFailure {
  return ApplicationFailure.create({
    type: refusal.code,
    message: refusal.message,
    details: refusal.field ? [{ field: refusal.field }] : [],
    nonRetryable: true,
  });
}
