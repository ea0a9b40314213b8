import type { CasePolicy } from '../rules/case-policy';
import { accept, type DecideContext, type Decision, outsideDates, refuse, type RuleMap } from './decision';
import type { CaseEventBody, EventOf } from './events';
import { type CaseState, isOpen, openDeadline } from './state';

/**
 * 三到位一处理 (Art 27): 解决到位 (a reasonable demand resolved), 教育疏导到位 (an unreasonable one: the
 * petitioner educated and guided), 帮扶救助到位 (a petitioner in hardship helped), 依法处理 (unlawful conduct of
 * the petitioner handled by law). A case may have several.
 */
export const RESOLUTION_MEASURES = ['resolved', 'educated', 'aided', 'lawfully-handled'] as const;
export type ResolutionMeasure = (typeof RESOLUTION_MEASURES)[number];

/** The kind of aid (帮扶救助): hardship relief, legal aid, 司法救助, social assistance, medical, employment. */
export const AID_KINDS = [
  'hardship-relief',
  'legal-aid',
  'judicial-aid',
  'social-assistance',
  'medical',
  'employment',
  'other',
] as const;
export type AidKind = (typeof AID_KINDS)[number];

/**
 * What 依法处理 came to (Art 47): dissuaded, criticised or educated (劝阻、批评、教育); the police's warning,
 * admonition or stop (警告、训诫、制止); a public-security penalty (治安管理处罚); criminal liability pursued.
 * A category only: the case holds no further personal data on it.
 */
export const LAWFUL_HANDLINGS = [
  'dissuaded',
  'police-warning',
  'public-security-penalty',
  'criminal-liability',
  'other',
] as const;
export type LawfulHandling = (typeof LAWFUL_HANDLINGS)[number];

/** Art 33: 调解协议书 (mediated) or 和解协议书 (settled between the parties). */
export const AGREEMENT_KINDS = ['mediation', 'settlement'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

export interface MeasureRecord {
  measure: ResolutionMeasure;
  on: string;
  aidKind?: AidKind;
  lawfulHandling?: LawfulHandling;
  noteDocumentId?: string;
}

export interface AgreementRecord {
  kind: AgreementKind;
  agreedOn: string;
  agreementDocumentId: string;
}

export interface StoppedPetitioning {
  on: string;
  noteDocumentId?: string;
}

/** How the matter ended (S12–S16), as recorded part by part: each part once. */
export interface CaseResolution {
  measures: (MeasureRecord & { recordedBy: string; recordedOn: string })[];
  agreement?: AgreementRecord & { recordedBy: string; recordedOn: string };
  /** 息诉罢访: the petitioner stopped petitioning on the matter. */
  stoppedPetitioning?: StoppedPetitioning & { recordedBy: string; recordedOn: string };
  /** The supported opinion carried out (Art 32 ¶2). */
  carriedOut?: { on: string; reportDocumentId: string; recordedBy: string; recordedOn: string };
}

/** The trigger a supported reply fires: where the pinned rule set has a deadline on it, carrying out is timed. */
export const SUPPORTED_OPINION_TRIGGER = 'supported-opinion-delivered';

/** The pinned rule set's deadline for carrying out a supported opinion; none before rule sets 1.4.0. */
export function carryOutDeadlineKey(policy: CasePolicy): string | undefined {
  return policy.deadlines.find((rule) => rule.startsAt === SUPPORTED_OPINION_TRIGGER)?.key;
}

/**
 * A period the reply sets for carrying out its opinion (the deadline's per-case length): only a supported one,
 * only where the rule set times it, within the rule set's cap. The refusal, or nothing.
 */
export function carryOutPeriodRefused(
  outcome: string,
  days: number,
  ctx: DecideContext,
): Decision | undefined {
  if (outcome !== 'supported') {
    return refuse(
      'invalid_argument',
      'only a supported opinion (Art 32 (一)) is carried out',
      'carryOutDays',
    );
  }
  const key = carryOutDeadlineKey(ctx.policy);
  const max = ctx.policy.deadlines.find((rule) => rule.key === key)?.maxLengthDays;
  if (max === undefined) {
    const { ruleSetId, ruleSetVersion } = ctx.policy;
    return refuse(
      'invalid_argument',
      `${ruleSetId} ${ruleSetVersion} does not time carrying out`,
      'carryOutDays',
    );
  }
  if (!Number.isInteger(days) || days < 1 || days > max) {
    return refuse('invalid_argument', `must be 1 to ${max} days, as the rule set allows`, 'carryOutDays');
  }
  return undefined;
}

/** A deadline that closing the case leaves running (carrying out a supported opinion). */
export function outlivesClosure(policy: CasePolicy, key: string): boolean {
  return policy.deadlines.some((r) => r.key === key && r.outlivesClosure);
}

/** A closed case with a deadline still running past its closure: its workflow, and the record, stay open. */
export function openPastClosure(state: CaseState, policy: CasePolicy): boolean {
  return state.deadlines.some((d) => isOpen(d) && outlivesClosure(policy, d.key));
}

/** Once the procedure ended and nothing outlives it, the workflow is gone: the record is refused as closed. */
function closedForGood(state: CaseState, policy: CasePolicy): Decision | undefined {
  if (state.status !== 'closed' || openPastClosure(state, policy)) return undefined;
  return refuse('transition_not_allowed', `Petition ${state.petitionId} is closed`);
}

/** The earliest day a part of the record may carry: the acceptance (or receipt) of the matter. */
const sinceOf = (state: CaseState) => state.acceptedOn ?? state.receivedOn;

function checkMeasures(state: CaseState, measures: MeasureRecord[], today: string): Decision | undefined {
  const seen = new Set<string>();
  for (const [index, m] of measures.entries()) {
    const field = `measures.${index}`;
    if (!(RESOLUTION_MEASURES as readonly string[]).includes(m.measure)) {
      return refuse(
        'invalid_argument',
        `must be one of ${RESOLUTION_MEASURES.join(', ')}`,
        `${field}.measure`,
      );
    }
    if (seen.has(m.measure)) return refuse('invalid_argument', `${m.measure} is named twice`, field);
    seen.add(m.measure);
    if ((m.measure === 'aided') !== (m.aidKind !== undefined)) {
      return refuse(
        'invalid_argument',
        'the kind of aid goes with aided, and only with it',
        `${field}.aidKind`,
      );
    }
    if ((m.measure === 'lawfully-handled') !== (m.lawfulHandling !== undefined)) {
      return refuse(
        'invalid_argument',
        'the category goes with lawfully-handled, and only with it',
        `${field}.lawfulHandling`,
      );
    }
    if ((m.aidKind === 'other' || m.lawfulHandling === 'other') && !m.noteDocumentId) {
      return refuse(
        'invalid_argument',
        'say in a note what was done when the kind is other',
        `${field}.note`,
      );
    }
    const invalid = outsideDates(`${field}.on`, m.on, sinceOf(state), today, 'the acceptance');
    if (invalid) return invalid;
    const earlier = state.resolution?.measures.find((r) => r.measure === m.measure);
    if (earlier) {
      return refuse(
        'transition_not_allowed',
        `${m.measure} is on the record already (${earlier.on}, by ${earlier.recordedBy})`,
        `${field}.measure`,
      );
    }
  }
  return undefined;
}

function checkAgreement(state: CaseState, agreement: AgreementRecord, today: string): Decision | undefined {
  if (state.category !== 'complaint') {
    return refuse(
      'invalid_argument',
      'Art 33: an agreement settles a complaint (申诉求决) only',
      'agreement',
    );
  }
  const invalid = outsideDates(
    'agreement.agreedOn',
    agreement.agreedOn,
    sinceOf(state),
    today,
    'the acceptance',
  );
  if (invalid) return invalid;
  const earlier = state.resolution?.agreement;
  if (earlier) {
    return refuse(
      'transition_not_allowed',
      `An agreement is on the record already (${earlier.agreedOn})`,
      'agreement',
    );
  }
  return undefined;
}

function checkStopped(state: CaseState, stopped: StoppedPetitioning, today: string): Decision | undefined {
  const invalid = outsideDates('stoppedPetitioning.on', stopped.on, sinceOf(state), today, 'the acceptance');
  if (invalid) return invalid;
  const earlier = state.resolution?.stoppedPetitioning;
  if (earlier) {
    return refuse(
      'transition_not_allowed',
      `息诉罢访 is on the record already (${earlier.on})`,
      'stoppedPetitioning',
    );
  }
  return undefined;
}

export const RESOLUTION_RULES = {
  recordResolution(state, c, ctx) {
    const closed = closedForGood(state, ctx.policy);
    if (closed) return closed;
    const measures = (c.measures ?? []).map((m) => ({ ...m, on: m.on ?? ctx.today }));
    if (measures.length === 0 && !c.agreement && !c.stoppedPetitioning) {
      return refuse(
        'invalid_argument',
        'name at least one of measures, agreement, stoppedPetitioning',
        'body',
      );
    }
    const refused =
      checkMeasures(state, measures, ctx.today) ??
      (c.agreement && checkAgreement(state, c.agreement, ctx.today)) ??
      (c.stoppedPetitioning && checkStopped(state, c.stoppedPetitioning, ctx.today));
    if (refused) return refused;
    return accept({
      type: 'resolution-recorded',
      recordedOn: ctx.today,
      ...(measures.length ? { measures } : {}),
      ...(c.agreement ? { agreement: c.agreement } : {}),
      ...(c.stoppedPetitioning ? { stoppedPetitioning: c.stoppedPetitioning } : {}),
    });
  },

  recordCarriedOut(state, c, ctx) {
    const key = carryOutDeadlineKey(ctx.policy);
    if (!key) {
      return refuse(
        'transition_not_allowed',
        `The case's rule set (${ctx.policy.ruleSetId} ${ctx.policy.ruleSetVersion}) does not track carrying out an opinion`,
      );
    }
    const closed = closedForGood(state, ctx.policy);
    if (closed) return closed;
    const done = state.resolution?.carriedOut;
    if (done)
      return refuse('transition_not_allowed', `The opinion was recorded carried out already (${done.on})`);
    const due = openDeadline(state, key);
    if (!due || state.reply?.outcome !== 'supported') {
      return refuse(
        'transition_not_allowed',
        'No supported opinion (支持, Art 32) awaits carrying out on this petition',
      );
    }
    const invalid = outsideDates(
      'carriedOutOn',
      c.carriedOutOn,
      due.startDate,
      ctx.today,
      'the supported reply',
    );
    if (invalid) return invalid;
    return accept({
      type: 'opinion-carried-out',
      carriedOutOn: c.carriedOutOn,
      reportDocumentId: c.reportDocumentId,
      recordedOn: ctx.today,
    });
  },
} satisfies Partial<RuleMap>;

/** The fold of the record's events. */
export function evolveResolution(
  s: CaseState,
  e: EventOf<'resolution-recorded'> | EventOf<'opinion-carried-out'>,
  actor: string,
): CaseState {
  const record: CaseResolution = s.resolution ?? { measures: [] };
  const by = { recordedBy: actor, recordedOn: e.recordedOn };
  if (e.type === 'opinion-carried-out') {
    s.resolution = {
      ...record,
      carriedOut: { on: e.carriedOutOn, reportDocumentId: e.reportDocumentId, ...by },
    };
    return s;
  }
  s.resolution = {
    ...record,
    measures: [...record.measures, ...(e.measures ?? []).map((m) => ({ ...m, ...by }))],
    ...(e.agreement ? { agreement: { ...e.agreement, ...by } } : {}),
    ...(e.stoppedPetitioning ? { stoppedPetitioning: { ...e.stoppedPetitioning, ...by } } : {}),
  };
  return s;
}

/** A supported opinion that a review or re-examination opinion changed or revoked no longer stands. */
export function supportedOpinionEnded(event: CaseEventBody): boolean {
  return (
    (event.type === 'review-opinion' || event.type === 'reexamination-opinion') && event.outcome !== 'upheld'
  );
}
