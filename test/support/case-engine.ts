import { computeDeadlines } from '../../src/activities/compute-deadline';
import { type CasePolicy, casePolicyOf, getRuleSet } from '../../src/rules';
import { shanghaiDateAt } from '../../src/rules/dates';
import {
  type Actor,
  type CaseCommandBody,
  type CaseEvent,
  type CaseEventBody,
  type CaseIO,
  type CaseRegistration,
  CaseRefusal,
  CaseRunner,
  completeSettlement,
  draftSettlement,
  fold,
  PETITIONER_ACTOR,
  type Refusal,
  type ReplanMove,
  type ReplanRequest,
} from '../../src/case';

/** The case core driven directly, with the rule set's real arithmetic and no servers. */
export const actors = {
  registrar: { login: 'registrar', unitId: 'bureau', roles: ['registrar'] },
  supervisor: { login: 'supervisor', unitId: 'bureau', roles: ['supervisor', 'registrar'] },
  /** The registrar of another area's bureau, to which a petition may be transferred out (转出). */
  otherRegistrar: { login: 'other-registrar', unitId: 'other-bureau', roles: ['registrar'] },
  handler: { login: 'handler', unitId: 'housing', roles: ['handler'] },
  head: { login: 'unit-head', unitId: 'housing', roles: ['unit-head', 'handler'] },
  hrHandler: { login: 'hr-handler', unitId: 'hr', roles: ['handler'] },
  hrHead: { login: 'hr-head', unitId: 'hr', roles: ['unit-head', 'handler'] },
  cityHandler: { login: 'city-handler', unitId: 'city-housing', roles: ['handler'] },
  provinceHandler: { login: 'province-handler', unitId: 'province-housing', roles: ['handler'] },
  /** The heads of the review and re-examination bodies: they approve those bodies' extensions (Beijing). */
  cityHead: { login: 'city-head', unitId: 'city-housing', roles: ['unit-head', 'handler'] },
  provinceHead: { login: 'province-head', unitId: 'province-housing', roles: ['unit-head', 'handler'] },
  office: { login: 'jco', unitId: 'office', roles: ['jco'] },
  petitioner: PETITIONER_ACTOR,
} satisfies Record<string, Actor>;

/**
 * The case runner the workflow runs, driven with an in-memory I/O: the rule set's real arithmetic, an array
 * for the read model and a clock the test sets (`today`, at 10:00 UTC, 18:00 in Beijing).
 */
export class CaseDriver {
  readonly policy;
  /** Every event written, in order. */
  readonly events: CaseEvent[] = [];
  private runner: CaseRunner;
  private nowMs: number;

  /** `pinned` rewrites the policy as a case pinned under an earlier release of the rules would hold it. */
  constructor(
    readonly ruleSetId = 'national-2022',
    today = '2026-03-02',
    pinned: (policy: CasePolicy) => CasePolicy = (policy) => policy,
  ) {
    this.policy = pinned(casePolicyOf(getRuleSet(ruleSetId)));
    this.nowMs = atTen(today);
    this.runner = new CaseRunner(this.policy, this.io);
  }

  get state() {
    return this.runner.state;
  }

  /** Today in Asia/Shanghai on the driver's clock. */
  get today(): string {
    return shanghaiDateAt(this.nowMs);
  }

  set today(date: string) {
    this.nowMs = atTen(date);
  }

  /** The instant the driver's clock stands at (ISO). */
  get now(): string {
    return new Date(this.nowMs).toISOString();
  }

  private readonly io: CaseIO = {
    now: () => this.nowMs,
    // As the workflow does: every date with the version the case pinned (or adopted by a re-plan).
    compute: async (requests) =>
      computeDeadlines({ ruleSetId: this.ruleSetId, ruleSetVersion: this.runner.policyVersion, requests }),
    settleAndRecord: async (draft) => {
      const results = computeDeadlines({
        ruleSetId: this.ruleSetId,
        ruleSetVersion: this.runner.policyVersion,
        requests: draft.requests,
      });
      this.events.push(...completeSettlement(draft, results));
      return results;
    },
    record: async (events) => {
      this.events.push(...events);
    },
  };

  async register(overrides: Partial<CaseRegistration> = {}): Promise<this> {
    const registration: CaseRegistration = {
      petitionId: 'XF-2026-000001',
      ruleSetId: this.ruleSetId,
      channel: 'online',
      category: 'complaint',
      domain: 'housing',
      receivedOn: this.today,
      bureauUnitId: 'bureau',
      flags: { firstTime: true },
      officeUnitId: 'office',
      ...overrides,
    };
    await this.written(() => this.runner.register(registration, 'registrar'));
    return this;
  }

  /** Runs a command as the workflow's Update does (validator, then handler); the events, or the refusal. */
  async run(actor: Actor, body: CaseCommandBody): Promise<{ events: CaseEvent[] } | { refusal: Refusal }> {
    const command = { ...body, actor };
    try {
      this.runner.validate(command);
      return { events: await this.written(() => this.runner.execute(command)) };
    } catch (err) {
      if (err instanceof CaseRefusal) return { refusal: err.refusal };
      throw err;
    }
  }

  /** Executes a command without its validator, as a replayed Update does: the events, or the refusal. */
  async replay(actor: Actor, body: CaseCommandBody): Promise<{ events: CaseEvent[] } | { refusal: Refusal }> {
    try {
      return { events: await this.written(() => this.runner.execute({ ...body, actor })) };
    } catch (err) {
      if (err instanceof CaseRefusal) return { refusal: err.refusal };
      throw err;
    }
  }

  /** The shell's step for a case pinned before the date limits (see the workflow's `date-limits` patch). */
  adoptDateLimits(): void {
    this.runner.adoptDateLimits();
  }

  /**
   * The workflow's `replan` Update: the policy of a newer version loaded (as its activity does), then the
   * runner's re-plan; the moves and the events written.
   */
  async replan(request: ReplanRequest = {}) {
    const version = request.ruleSetVersion;
    const target =
      version !== undefined && version !== this.runner.policyVersion
        ? casePolicyOf(getRuleSet(this.ruleSetId, version))
        : undefined;
    let moves: ReplanMove[] = [];
    const events = await this.written(async () => {
      moves = await this.runner.replan(request, target, 'operator');
    });
    return { moves, events };
  }

  /** Nothing more can happen: the workflow would end here. */
  get closed(): boolean {
    return this.runner.closed;
  }

  /** The rule-set version the case computes with. */
  get policyVersion(): string {
    return this.runner.policyVersion;
  }

  /** The case's next alarm, as the shell would arm its timer. */
  nextAlarm() {
    return this.runner.nextAlarm();
  }

  /** Runs a command that must succeed. */
  async ok(actor: Actor, command: CaseCommandBody): Promise<CaseEvent[]> {
    const result = await this.run(actor, command);
    if ('refusal' in result) throw new Error(`${command.type} refused: ${result.refusal.message}`);
    return result.events;
  }

  /** Lets time pass to the next alarm and fires it, as the workflow's timer would. */
  async fireNextAlarm(): Promise<CaseEvent[]> {
    const alarm = this.runner.nextAlarm();
    if (!alarm) throw new Error('no alarm pending');
    this.nowMs = alarm.at;
    // As the workflow does for every case it runs now (its patch `ladder-once-per-item`).
    this.runner.adoptEscalationOncePerItem();
    return this.written(() => this.runner.expire(alarm));
  }

  /** Fires alarms until the case's next alarm lies after the date (00:00 of the day after it), then moves to it. */
  async passUntil(date: string): Promise<CaseEvent[]> {
    const fired: CaseEvent[] = [];
    const end = new Date(`${date}T24:00:00+08:00`).getTime();
    for (let alarm = this.runner.nextAlarm(); alarm && alarm.at < end; alarm = this.runner.nextAlarm()) {
      fired.push(...(await this.fireNextAlarm()));
    }
    this.today = date;
    return fired;
  }

  /**
   * Folds events as if the core had decided them (with the deadlines they start and stop): a shortcut to a
   * state that commands would reach the long way. The runner goes on from the result.
   */
  async apply(bodies: CaseEventBody[]): Promise<CaseEvent[]> {
    const draft = draftSettlement(this.policy, this.state, bodies, { at: this.now });
    const events = completeSettlement(
      draft,
      computeDeadlines({ ruleSetId: this.ruleSetId, requests: draft.requests }),
    );
    this.events.push(...events);
    this.runner = new CaseRunner(this.policy, this.io, fold(this.state, events));
    return events;
  }

  deadline(key: string) {
    return this.state.deadlines.filter((d) => d.key === key).pop();
  }

  /** The events a change wrote, once the runner's outbox is flushed as the workflow's loop does. */
  private async written(change: () => Promise<unknown>): Promise<CaseEvent[]> {
    const before = this.events.length;
    await change();
    await this.runner.flush();
    return this.events.slice(before);
  }
}

function atTen(date: string): number {
  return Date.parse(`${date}T10:00:00.000Z`);
}
