import { type CasePolicy, DEFAULT_DATE_LIMITS } from '../rules/case-policy';
import { instantMs, shanghaiDateAt } from '../rules/dates';
import { type Alarm, deadlineStillDue, decideAlarm, nextAlarm } from './alarms';
import type { CaseCommand } from './commands';
import { commandTime } from './command-time';
import type { Refusal } from './decision';
import { decide } from './decide';
import { isMerged } from './merge';
import { type ComputedDeadline, type DeadlineRequest, movedDeadline, recheckRequest } from './deadlines';
import {
  type CaseRegistration,
  completeSettlement,
  decideRegistration,
  draftSettlement,
  type EventMeta,
  type SettlementDraft,
} from './engine';
import type { CaseEvent, CaseEventBody } from './events';
import { fold } from './evolve';
import {
  adoptionEvent,
  adoptsVersion,
  replanDeadlines,
  replanMoves,
  replanRequests,
  type ReplanMove,
  type ReplanRequest,
} from './replan';
import { type CaseState, initialCaseState, nextDeadline } from './state';
import { openPastClosure } from './resolution';
import type { CaseStatus } from './vocabulary';

/**
 * What a case runner needs from the world. The workflow passes local activities and the workflow clock;
 * unit tests pass the rule set's arithmetic, an array and a clock of their own.
 */
export interface CaseIO {
  /** Now, in epoch milliseconds (the workflow clock). */
  now(): number;
  /** Computes deadlines' dates by the case's rule set. */
  compute(requests: DeadlineRequest[]): Promise<ComputedDeadline[]>;
  /** Computes a draft's dates and writes its events to the read model in one step; answers the dates. */
  settleAndRecord(draft: SettlementDraft): Promise<ComputedDeadline[]>;
  /** Writes events to the read model. */
  record(events: CaseEvent[]): Promise<void>;
}

/** What a transition answers: small, so history stays small; readers get the case from PostgreSQL. */
export interface TransitionResult {
  sequence: number;
  status: CaseStatus;
  nextDeadline: { key: string; dueAt: string } | null;
}

/** A command the case refuses: the reason, for the caller to raise as it raises errors. */
export class CaseRefusal extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

/**
 * One case at run time: its state, the events not yet written to the read model (the outbox) and the
 * steps every transition takes — decide, compute the deadlines, fold, write. The caller serialises the
 * calls that change the case (`register`, `execute`, `expire`, `cancel`, `flush`): each may wait on I/O.
 */
export class CaseRunner {
  private current: CaseState;
  private readonly outbox: CaseEvent[] = [];
  private persisted: number;
  /** The time of the latest event: no later event is dated before it. */
  private latestAt = '';

  /** A new case, or one whose state (all of it written to the read model) is given. */
  constructor(
    private policy: CasePolicy,
    private readonly io: CaseIO,
    state: CaseState = initialCaseState(),
  ) {
    this.current = state;
    this.persisted = state.lastSequence;
  }

  get state(): CaseState {
    return this.current;
  }

  /** The sequence up to which the read model holds the case's events. */
  get persistedSequence(): number {
    return this.persisted;
  }

  get hasUnwrittenEvents(): boolean {
    return this.outbox.length > 0;
  }

  /**
   * Nothing more can happen: the case is closed and no deadline outlives it (a supported opinion still to be
   * carried out keeps it open to its commands and alarms; policies before rule sets 1.4.0 have none); a case
   * closed as merged waits to be unmerged (see merge.ts).
   */
  get closed(): boolean {
    return (
      this.current.status === 'closed' &&
      !openPastClosure(this.current, this.policy) &&
      !isMerged(this.current)
    );
  }

  async register(registration: CaseRegistration, actor: string): Promise<number> {
    const at = this.timeOf();
    return this.commit(decideRegistration(registration, this.dateAt(at)), { actor }, at);
  }

  /**
   * Throws the refusal when the case, as it stands, refuses the command. Synchronous: an Update's validator.
   * A new command is held to today's rules: a case pinned before the date limits is checked with the defaults
   * it adopts before it executes the command (`adoptDateLimits`).
   */
  validate(command: CaseCommand): void {
    const policy = this.policy.dateLimits ? this.policy : { ...this.policy, dateLimits: DEFAULT_DATE_LIMITS };
    this.decided(command, this.timeOf(command), policy);
  }

  /** The rule-set version the case pinned: every date of the case is computed with it. */
  get policyVersion(): string {
    return this.policy.ruleSetVersion;
  }

  /** Whether the case's pinned policy bounds the dates staff set ahead (rule sets 1.3.0 on). */
  get limitsDates(): boolean {
    return this.policy.dateLimits !== undefined;
  }

  /** A case pinned before the date limits takes the defaults from its next command on. */
  adoptDateLimits(): void {
    if (!this.policy.dateLimits) this.policy = { ...this.policy, dateLimits: DEFAULT_DATE_LIMITS };
  }

  /** Whether the case escalates each ladder item once (see `CasePolicy.escalatesOncePerItem`). */
  get escalatesOncePerItem(): boolean {
    return this.policy.escalatesOncePerItem === true;
  }

  /** A case started before the fix takes it from its next alarm on (the shell records the patch). */
  adoptEscalationOncePerItem(): void {
    this.policy = { ...this.policy, escalatesOncePerItem: true };
  }

  /** Decides a command again (the case may have changed since it was validated) and commits its events. */
  async execute(command: CaseCommand): Promise<number> {
    const at = this.timeOf(command);
    const events = this.decided(command, at);
    return this.commit(events, { actor: command.actor.login, requestId: command.requestId }, at);
  }

  /** The case's earliest alarm (the shell keeps one timer for it). */
  nextAlarm(): Alarm | undefined {
    return nextAlarm(this.current, this.policy);
  }

  /**
   * An alarm's time has come. A provisional deadline (computed without the official holidays of its year)
   * asks the calendar again first and moves if it changed; otherwise the core says what the expiry does.
   */
  async expire(alarm: Alarm): Promise<void> {
    const deadline = alarm.kind === 'due' ? deadlineStillDue(this.current, alarm) : undefined;
    if (deadline?.provisional) {
      const [fresh] = await this.io.compute([recheckRequest(deadline)]);
      const moved = fresh && movedDeadline(deadline, fresh);
      if (moved) {
        await this.commit([moved], {});
        return;
      }
    }
    const at = this.timeOf();
    const events = decideAlarm(this.current, alarm, this.dateAt(at), this.policy);
    if (events.length > 0) await this.commit(events, {}, at);
  }

  /**
   * The case's rules data changed (an official year added, or a version with a transitional provision
   * released): counts again what the change touches (see replan.ts) and commits a `deadline-recomputed` for
   * each deadline it moves, after a `rule-set-adopted` when the case adopts `target` (the policy of the
   * requested version, newer than the pinned one). Answers the moves; none when nothing moved, so a second
   * re-plan of the same change does nothing.
   */
  async replan(request: ReplanRequest, target?: CasePolicy, actor?: string): Promise<ReplanMove[]> {
    const pinned = this.policy;
    const version = request.ruleSetVersion;
    const adopts =
      version !== undefined && target !== undefined && adoptsVersion(this.current, pinned, version);
    const deadlines = replanDeadlines(this.current, pinned, request, target);
    // The compute function counts with the case's version: the adopted one from here on.
    if (adopts) this.policy = target;
    let moves: ReplanMove[];
    try {
      const computed = deadlines.length > 0 ? await this.io.compute(replanRequests(deadlines)) : [];
      moves = replanMoves(deadlines, computed, adopts ? version : undefined);
    } catch (err) {
      this.policy = pinned;
      throw err;
    }
    const bodies: CaseEventBody[] = [
      ...(adopts ? [adoptionEvent(pinned, { ...request, ruleSetVersion: version })] : []),
      ...moves.map((move) => move.event),
    ];
    if (bodies.length > 0) await this.commit(bodies, actor ? { actor } : {});
    return moves;
  }

  /** A cancellation of the run is recorded on the case, which goes on: closing it is an audited act. */
  async cancel(): Promise<void> {
    if (!this.closed) await this.commit([{ type: 'cancellation-requested' }], {});
  }

  /** Writes the events waiting in the outbox, if any. */
  async flush(): Promise<void> {
    if (this.outbox.length === 0) return;
    const events = this.outbox.splice(0, this.outbox.length);
    await this.io.record(events);
    this.persisted = events[events.length - 1]!.sequence;
  }

  /** The answer to a transition whose events are written (`persistedSequence` ≥ its sequence). */
  answer(sequence: number): TransitionResult {
    const next = nextDeadline(this.current);
    return {
      sequence,
      status: this.current.status,
      nextDeadline: next ? { key: next.key, dueAt: next.dueAt } : null,
    };
  }

  private decided(command: CaseCommand, at: string, policy = this.policy): CaseEventBody[] {
    const decision = decide(this.current, command, { today: this.dateAt(at), policy });
    if (!decision.ok) throw new CaseRefusal(decision.refusal);
    return decision.events;
  }

  /**
   * Runs one decision to its end: deadlines computed, events folded, and either written at once (one step,
   * when no earlier event waits) or queued in the outbox for `flush`. Answers the last event's sequence.
   */
  private async commit(bodies: CaseEventBody[], meta: Omit<EventMeta, 'at'>, at = this.timeOf()) {
    this.latestAt = at;
    const draft = draftSettlement(this.policy, this.current, bodies, { ...meta, at });
    const writeNow =
      draft.requests.length > 0 && this.outbox.length === 0 && this.persisted === this.current.lastSequence;
    if (writeNow) {
      const events = completeSettlement(draft, await this.io.settleAndRecord(draft));
      this.current = fold(this.current, events);
      this.persisted = this.current.lastSequence;
    } else {
      const results = draft.requests.length > 0 ? await this.io.compute(draft.requests) : [];
      const events = completeSettlement(draft, results);
      this.current = fold(this.current, events);
      this.outbox.push(...events);
    }
    return this.current.lastSequence;
  }

  private timeOf(command?: CaseCommand): string {
    return commandTime(command?.requestedAt, this.io.now(), this.latestAt);
  }

  private dateAt(at: string): string {
    return shanghaiDateAt(instantMs(at));
  }
}
