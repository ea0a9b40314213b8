import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { dateOf, instantMs, nowIso, nowMs, todayInShanghai } from '../clock';
import * as attrs from '../search-attributes';
import type { PetitionEvent, PetitionEventType } from './events';
import {
  acknowledgeUpdate,
  type Actor,
  type CaseDeadline,
  deadlineView,
  INVALID_ARGUMENT,
  NOT_RESPONSIBLE,
  type PetitionState,
  type PetitionWorkflowInput,
  registrationUpdate,
  replyUpdate,
  routeUpdate,
  stateQuery,
  TRANSITION_NOT_ALLOWED,
} from './messages';

/** The activities this workflow scheduled, as its histories record them. */
interface DeadlineResult {
  startDate: string;
  dueDate: string;
  dueAt: string;
  provisional: boolean;
  calendarVersion: string;
  ruleSetVersion: string;
  explanation: string[];
  kind: 'statutory' | 'service-norm';
  warnings: CaseDeadline['warnings'];
  expiry: { closesWindow: boolean; supervision: boolean };
}
interface PetitionProjection {
  status: PetitionState['status'];
  handlingUnitId?: string;
  outcome?: string;
  overdue: boolean;
  nextDeadlineKey?: string;
  nextDeadlineAt?: string;
  deadlines: unknown[];
  lastSequence: number;
}
interface LegacyActivities {
  computeDeadline(input: { ruleSetId: string; key: string; startDate: string }): Promise<DeadlineResult>;
  recordPetitionEvents(input: {
    petitionId: string;
    events: PetitionEvent[];
    projection: PetitionProjection;
  }): Promise<void>;
}

const { computeDeadline, recordPetitionEvents } = proxyActivities<LegacyActivities>({
  startToCloseTimeout: '30 seconds',
  // A database outage must delay the read model, never lose an event: retry without limit.
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** An instant at which the workflow has something to do for one deadline. */
interface Alarm {
  at: number;
  deadline: CaseDeadline;
  kind: 'warning' | 'due';
  daysBefore?: number;
}

/**
 * FROZEN: the pre-release petition workflow (the walking skeleton), registered under its original type
 * `petitionWorkflow` only so that the histories it recorded (test/fixtures/histories/petition-*.json)
 * replay forever. New cases run `petitionCaseWorkflow`; the activities this one schedules no longer
 * exist, so it can replay but not run. Do not change.
 *
 * One petition (信访事项) from registration to closure. Transitions arrive as Updates whose
 * validators reject what the current state does not allow, before anything reaches history;
 * every time limit is a durable timer computed by the case's rule set.
 */
export async function petitionWorkflow(input: PetitionWorkflowInput): Promise<PetitionState> {
  const { registeredBy, ...registration } = input;
  const state: PetitionState = {
    ...registration,
    status: 'registered',
    deadlines: [],
    overdue: false,
    lastSequence: 0,
  };
  // Events wait here until an activity has written them, in order, to PostgreSQL.
  const outbox: PetitionEvent[] = [];
  let persistedSequence = 0;

  function emit(type: PetitionEventType, data: Record<string, unknown>, actor?: Actor): void {
    state.lastSequence += 1;
    outbox.push({ sequence: state.lastSequence, type, at: nowIso(), actor: actor?.login, data });
  }

  /** Asks the rule set for a deadline's dates; changes nothing, so a failure leaves the case as it was. */
  async function computeCaseDeadline(key: string, startDate: string): Promise<CaseDeadline> {
    const result: DeadlineResult = await computeDeadline({ ruleSetId: state.ruleSetId, key, startDate });
    return {
      key,
      status: 'running',
      startDate: result.startDate,
      dueDate: result.dueDate,
      dueAt: result.dueAt,
      provisional: result.provisional,
      calendarVersion: result.calendarVersion,
      ruleSetVersion: result.ruleSetVersion,
      explanation: result.explanation,
      kind: result.kind,
      closesWindow: result.expiry.closesWindow,
      supervision: result.expiry.supervision,
      warnings: result.warnings,
      startedAt: nowIso(),
      firedWarnings: [],
    };
  }

  function addDeadline(deadline: CaseDeadline): void {
    state.deadlines.push(deadline);
    emit('deadline-started', {
      key: deadline.key,
      startDate: deadline.startDate,
      dueDate: deadline.dueDate,
      dueAt: deadline.dueAt,
      provisional: deadline.provisional,
      calendarVersion: deadline.calendarVersion,
      ruleSetVersion: deadline.ruleSetVersion,
      explanation: deadline.explanation,
    });
    refreshVisibility();
  }

  /**
   * Runs a transition: the next deadline is computed first (the only step that can fail), then the
   * state changes all at once. Other transitions are refused meanwhile, so two cannot interleave.
   */
  async function transition(nextKey: string, startDate: string, apply: (next: CaseDeadline) => void) {
    transitionInProgress = true;
    try {
      const next = await computeCaseDeadline(nextKey, startDate);
      apply(next);
      addDeadline(next);
    } finally {
      transitionInProgress = false;
    }
    return persisted(state.lastSequence);
  }

  function meetDeadline(key: string): void {
    const deadline = state.deadlines.find(
      (d) => d.key === key && (d.status === 'running' || d.status === 'overdue'),
    );
    if (!deadline) return;
    const late = deadline.status === 'overdue';
    deadline.status = 'met';
    deadline.metAt = nowIso();
    emit('deadline-met', { key, dueAt: deadline.dueAt, late });
  }

  /** Keeps the derived fields, the search attributes and the Web UI details in step with the state. */
  function refreshVisibility(): void {
    const pending = state.deadlines
      .filter((d) => d.status === 'running')
      .sort((a, b) => instantMs(a.dueAt) - instantMs(b.dueAt));
    const next = pending[0];
    state.nextDeadline = next ? { key: next.key, dueAt: next.dueAt } : undefined;
    state.overdue = state.deadlines.some((d) => d.status === 'overdue');
    upsertSearchAttributes([
      { key: attrs.PetitionStatus, value: state.status },
      { key: attrs.HandlingUnit, value: state.handlingUnitId ?? null },
      { key: attrs.NextDeadline, value: next ? dateOf(next.dueAt) : null },
      { key: attrs.NextDeadlineKey, value: next?.key ?? null },
      { key: attrs.Overdue, value: state.overdue },
    ]);
    const unit = state.handlingUnitId ? ` → ${state.handlingUnitName ?? state.handlingUnitId}` : '';
    const due = next ? ` · ${next.key} due ${next.dueAt.slice(0, 10)}` : '';
    setCurrentDetails(`${state.status}${unit}${due}${state.overdue ? ' · OVERDUE' : ''}`);
  }

  function projection(): PetitionProjection {
    return {
      status: state.status,
      handlingUnitId: state.handlingUnitId,
      outcome: state.outcome,
      overdue: state.overdue,
      nextDeadlineKey: state.nextDeadline?.key,
      nextDeadlineAt: state.nextDeadline?.dueAt,
      deadlines: state.deadlines.map(deadlineView),
      lastSequence: state.lastSequence,
    };
  }

  /** Resolves once the read model holds every event up to `sequence`, so API reads see the change. */
  async function persisted(sequence: number): Promise<PetitionState> {
    await condition(() => persistedSequence >= sequence);
    return state;
  }

  function requireStatus(expected: PetitionState['status'], transition: string): void {
    if (state.status !== expected) {
      throw ApplicationFailure.create({
        type: TRANSITION_NOT_ALLOWED,
        message: `Cannot ${transition} a petition that is ${state.status}`,
        details: [{ status: state.status, transition }],
        nonRetryable: true,
      });
    }
  }

  function requireIdle(): void {
    if (transitionInProgress) {
      throw ApplicationFailure.create({
        type: TRANSITION_NOT_ALLOWED,
        message: 'Another change to this petition is in progress; retry',
        nonRetryable: true,
      });
    }
  }

  function requireUnit(actor: Actor, unitId: string | undefined): void {
    if (actor.unitId !== unitId) {
      throw ApplicationFailure.create({
        type: NOT_RESPONSIBLE,
        message: `Only ${unitId ?? '(no unit)'} can do this on this petition`,
        nonRetryable: true,
      });
    }
  }

  function requireHandlingUnit(actor: Actor): void {
    if (actor.unitId !== state.handlingUnitId) {
      throw ApplicationFailure.create({
        type: NOT_RESPONSIBLE,
        message: `Only the handling unit ${state.handlingUnitId ?? '(none)'} can act on this petition`,
        nonRetryable: true,
      });
    }
  }

  let registered = false;
  let transitionInProgress = false;

  setHandler(stateQuery, () => state);

  setHandler(registrationUpdate, async () => {
    await condition(() => registered);
    return persisted(state.lastSequence);
  });

  setHandler(
    routeUpdate,
    // Receipt of the transfer by the unit is taken as the day it is sent (electronic transfer).
    ({ actor, unitId, unitName }) =>
      transition('acknowledge', todayInShanghai(), () => {
        state.status = 'transferred';
        state.handlingUnitId = unitId;
        state.handlingUnitName = unitName;
        meetDeadline('route');
        emit('transferred', { unitId }, actor);
      }),
    {
      validator: ({ actor, unitId }) => {
        requireIdle();
        requireStatus('registered', 'route');
        requireUnit(actor, state.bureauUnitId);
        if (unitId === state.bureauUnitId) {
          throw ApplicationFailure.create({
            type: TRANSITION_NOT_ALLOWED,
            message: 'A petition is routed to a handling unit, not back to the registering bureau',
            nonRetryable: true,
          });
        }
      },
    },
  );

  setHandler(
    acknowledgeUpdate,
    ({ actor }) =>
      transition('handle', todayInShanghai(), () => {
        state.status = 'accepted';
        meetDeadline('acknowledge');
        emit('accepted', { unitId: state.handlingUnitId }, actor);
      }),
    {
      validator: ({ actor }) => {
        requireIdle();
        requireStatus('transferred', 'acknowledge');
        requireHandlingUnit(actor);
      },
    },
  );

  setHandler(
    replyUpdate,
    ({ actor, outcome, opinionDocumentId, deliveredOn }) => {
      const delivered = deliveredOn ?? todayInShanghai();
      return transition('request-review', delivered, () => {
        state.status = 'replied';
        state.outcome = outcome;
        state.opinionDocumentId = opinionDocumentId;
        meetDeadline('handle');
        emit('replied', { outcome, opinionDocumentId, deliveredOn: delivered }, actor);
      });
    },
    {
      validator: ({ actor, deliveredOn }) => {
        requireIdle();
        requireStatus('accepted', 'reply to');
        requireHandlingUnit(actor);
        if (deliveredOn === undefined) return;
        // A reply cannot reach the petitioner before the matter was accepted, nor in the future; an
        // earlier date would also cut short the petitioner's review window.
        const acceptedOn = state.deadlines.find((d) => d.key === 'handle')?.startDate ?? state.receivedOn;
        const today = todayInShanghai();
        if (deliveredOn < acceptedOn || deliveredOn > today) {
          throw ApplicationFailure.create({
            type: INVALID_ARGUMENT,
            message: `deliveredOn must be between the acceptance date ${acceptedOn} and today ${today}`,
            details: [{ field: 'deliveredOn' }],
            nonRetryable: true,
          });
        }
      },
    },
  );

  function nextAlarm(): Alarm | undefined {
    const alarms: Alarm[] = [];
    for (const deadline of state.deadlines) {
      if (deadline.status !== 'running') continue;
      for (const warning of deadline.warnings) {
        const at = instantMs(warning.at);
        // A warning already past when the deadline started would only be noise.
        if (deadline.firedWarnings.includes(warning.daysBefore) || at < instantMs(deadline.startedAt))
          continue;
        alarms.push({ at, deadline, kind: 'warning', daysBefore: warning.daysBefore });
      }
      alarms.push({ at: instantMs(deadline.dueAt), deadline, kind: 'due' });
    }
    return alarms.sort((a, b) => a.at - b.at)[0];
  }

  /**
   * A provisional due date was computed without the official holidays of its year. Before it
   * fires, the rule set is asked again: once next year's schedule is in the calendar data, the
   * date may move (e.g. onto the day after the Spring Festival). Returns true if it moved.
   */
  async function recheckProvisional(deadline: CaseDeadline): Promise<boolean> {
    const fresh = await computeCaseDeadline(deadline.key, deadline.startDate);
    if (fresh.dueAt === deadline.dueAt && fresh.calendarVersion === deadline.calendarVersion) return false;
    const previousDueAt = deadline.dueAt;
    Object.assign(deadline, {
      dueDate: fresh.dueDate,
      dueAt: fresh.dueAt,
      provisional: fresh.provisional,
      calendarVersion: fresh.calendarVersion,
      explanation: fresh.explanation,
      warnings: fresh.warnings,
    });
    emit('deadline-recomputed', {
      key: deadline.key,
      previousDueAt,
      dueDate: deadline.dueDate,
      dueAt: deadline.dueAt,
      provisional: deadline.provisional,
      calendarVersion: deadline.calendarVersion,
    });
    refreshVisibility();
    return fresh.dueAt !== previousDueAt;
  }

  function fire(alarm: Alarm): void {
    const { deadline } = alarm;
    if (alarm.kind === 'warning') {
      deadline.firedWarnings.push(alarm.daysBefore ?? 0);
      const warning = deadline.warnings.find((w) => w.daysBefore === alarm.daysBefore);
      emit('deadline-warning', {
        key: deadline.key,
        dueAt: deadline.dueAt,
        daysBefore: alarm.daysBefore,
        notify: warning?.notify ?? [],
      });
      return;
    }
    if (deadline.closesWindow) {
      // The petitioner's window (e.g. to request a review) lapsed unused: the case is final.
      deadline.status = 'lapsed';
      emit('window-lapsed', { key: deadline.key, dueAt: deadline.dueAt });
      state.status = 'closed';
      state.closedReason = `${deadline.key}-window-lapsed`;
      emit('closed', { reason: state.closedReason });
    } else {
      deadline.status = 'overdue';
      if (deadline.supervision) {
        // 督办: the petition bureau's automatic supervision notice to whoever must act.
        deadline.supervisionNoticeAt = nowIso();
        emit('supervision-notice', {
          key: deadline.key,
          dueAt: deadline.dueAt,
          unitId: deadline.key === 'route' ? state.bureauUnitId : state.handlingUnitId,
        });
      }
    }
    refreshVisibility();
  }

  emit(
    'registered',
    { channel: input.channel, category: input.category, domain: input.domain },
    registeredBy,
  );
  upsertSearchAttributes([
    { key: attrs.RuleSet, value: input.ruleSetId },
    { key: attrs.PetitionChannel, value: input.channel },
    { key: attrs.PetitionCategory, value: input.category },
  ]);
  const route = await computeCaseDeadline('route', input.receivedOn);
  addDeadline(route);
  // An Update may have moved the case on while D1 was being computed.
  if (state.status !== 'registered') meetDeadline('route');
  registered = true;

  for (;;) {
    if (outbox.length > 0) {
      const events = outbox.splice(0, outbox.length);
      await recordPetitionEvents({ petitionId: state.petitionId, events, projection: projection() });
      persistedSequence = events[events.length - 1]?.sequence ?? persistedSequence;
      continue;
    }
    if (state.status === 'closed') {
      // Let in-flight Updates finish (they wait for their events to be written) before completing.
      await condition(() => outbox.length > 0 || allHandlersFinished());
      if (outbox.length === 0) break;
      continue;
    }
    const alarm = nextAlarm();
    const wake = () => outbox.length > 0;
    if (!alarm) {
      await condition(wake);
      continue;
    }
    const woken = await condition(wake, Math.max(1, alarm.at - nowMs()));
    if (woken || alarm.deadline.status !== 'running') continue;
    if (alarm.kind === 'due' && alarm.deadline.provisional && (await recheckProvisional(alarm.deadline)))
      continue;
    // The case may have moved on while the date was re-checked.
    if (alarm.deadline.status === 'running') fire(alarm);
  }
  return state;
}
