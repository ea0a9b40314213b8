import { computeDeadlines } from '../../src/activities/compute-deadline';
import { casePolicyOf, getRuleSet } from '../../src/rules';
import {
  type Actor,
  type CaseCommandBody,
  type CaseEvent,
  type CaseRegistration,
  type CaseState,
  CURRENT_REVISION,
  type DeadlineRequest,
  decide,
  decideAlarm,
  decideRegistration,
  fold,
  initialCaseState,
  nextAlarm,
  PETITIONER_ACTOR,
  type Refusal,
  settle,
} from '../../src/case';

/** The case core driven directly, with the rule set's real arithmetic and no servers. */
export const actors = {
  registrar: { login: 'registrar', unitId: 'bureau', roles: ['registrar'] },
  supervisor: { login: 'supervisor', unitId: 'bureau', roles: ['supervisor', 'registrar'] },
  handler: { login: 'handler', unitId: 'housing', roles: ['handler'] },
  head: { login: 'unit-head', unitId: 'housing', roles: ['unit-head', 'handler'] },
  hrHandler: { login: 'hr-handler', unitId: 'hr', roles: ['handler'] },
  hrHead: { login: 'hr-head', unitId: 'hr', roles: ['unit-head', 'handler'] },
  cityHandler: { login: 'city-handler', unitId: 'city-housing', roles: ['handler'] },
  provinceHandler: { login: 'province-handler', unitId: 'province-housing', roles: ['handler'] },
  office: { login: 'jco', unitId: 'office', roles: ['jco'] },
  petitioner: PETITIONER_ACTOR,
} satisfies Record<string, Actor>;

export class CaseDriver {
  readonly policy;
  state: CaseState = initialCaseState();
  events: CaseEvent[] = [];
  today: string;

  constructor(
    readonly ruleSetId = 'national-2022',
    today = '2026-03-02',
    /** The engine revision the case is registered on: 1 is the case engine before the supervision ladder. */
    readonly revision = CURRENT_REVISION,
  ) {
    this.policy = casePolicyOf(getRuleSet(ruleSetId));
    this.today = today;
  }

  private compute = async (requests: DeadlineRequest[]) =>
    computeDeadlines({ ruleSetId: this.ruleSetId, requests });

  private async commit(bodies: Parameters<typeof settle>[2], actor?: string): Promise<CaseEvent[]> {
    const events = await settle(
      this.policy,
      this.state,
      bodies,
      { at: `${this.today}T10:00:00.000Z`, actor },
      this.compute,
    );
    this.state = fold(this.state, events);
    this.events.push(...events);
    return events;
  }

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
    await this.commit(decideRegistration(registration, this.today, this.revision), 'registrar');
    return this;
  }

  /** Runs a command; returns the events, or the refusal (and the case is unchanged). */
  async run(actor: Actor, command: CaseCommandBody): Promise<{ events: CaseEvent[] } | { refusal: Refusal }> {
    const decision = decide(this.state, { ...command, actor }, { today: this.today, policy: this.policy });
    if (!decision.ok) return { refusal: decision.refusal };
    return { events: await this.commit(decision.events, actor.login) };
  }

  /** Runs a command that must succeed. */
  async ok(actor: Actor, command: CaseCommandBody): Promise<CaseEvent[]> {
    const result = await this.run(actor, command);
    if ('refusal' in result) throw new Error(`${command.type} refused: ${result.refusal.message}`);
    return result.events;
  }

  /** Lets time pass to the next alarm and fires it, as the workflow's timer would. */
  async fireNextAlarm(): Promise<CaseEvent[]> {
    const alarm = nextAlarm(this.state, this.policy);
    if (!alarm) throw new Error('no alarm pending');
    this.today = new Date(alarm.at + 8 * 3600_000).toISOString().slice(0, 10);
    return this.commit(decideAlarm(this.state, alarm, this.today, this.policy));
  }

  /** Fires alarms until the case's next alarm lies after the date (00:00 of the day after it), then moves to it. */
  async passUntil(date: string): Promise<CaseEvent[]> {
    const fired: CaseEvent[] = [];
    const end = new Date(`${date}T24:00:00+08:00`).getTime();
    for (let alarm = nextAlarm(this.state, this.policy); alarm && alarm.at < end;) {
      fired.push(...(await this.fireNextAlarm()));
      alarm = nextAlarm(this.state, this.policy);
    }
    this.today = date;
    return fired;
  }

  /** Folds events as if the engine had emitted them (with the deadlines they start and stop). */
  async apply(bodies: Parameters<typeof settle>[2]): Promise<CaseEvent[]> {
    return this.commit(bodies);
  }

  deadline(key: string) {
    return this.state.deadlines.filter((d) => d.key === key).pop();
  }
}
