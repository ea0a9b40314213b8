import type { ExpiryPolicy } from '../rules/case-vocabulary';
import { addDays, instantMs, startOfShanghaiDay } from '../rules/dates';
import type { DeadlineParty } from '../rules/rule-set-schema';
import type { Evaluation, FollowUp, ReturnVisit } from './aftercare';
import type { SupervisionItem } from './supervision';
import type { CasePriority } from './priority';
import type { CaseOwnerWork } from './case-owner';
import type { CaseResolution } from './resolution';
import type { CaseMerge } from './merge';
import type {
  CaseStatus,
  Category,
  Channel,
  ClosureReason,
  DiversionTarget,
  NotAcceptedReason,
  HigherOutcome,
  Outcome,
  Procedure,
  RoutingMode,
} from './vocabulary';

/**
 * A petition case as the fold of its events: the workflow holds it, the read model stores the same fold.
 * Codes, ids, dates and staff logins only — personal data and free text stay in PostgreSQL documents.
 */
export interface CaseState {
  petitionId: string;
  ruleSetId: string;
  channel: Channel;
  category: Category;
  /**
   * The subject matter (信访事项内容分类) as registered: a code of the classification file in force then.
   * Data, not vocabulary: the core carries it and never checks it, so histories with earlier codes replay.
   */
  domain: string;
  /** Date the petition bureau received it (YYYY-MM-DD, Asia/Shanghai); D1 runs from here. */
  receivedOn: string;
  /**
   * The petition bureau of the case: the one that registered it; for a petition a unit received directly,
   * the bureau of that unit's area; after a transfer out of the area (转出), the receiving bureau.
   */
  bureauUnitId: string;
  /**
   * The unit with authority that received the petition directly from the petitioner and registered it
   * (Art 23 ¶1–2): it handles the case from the start, under its own D2; no bureau routed it.
   */
  receivedBy?: { unitId: string; unitName: string };
  /** Transfers out of an area to the bureau of the area the responsible unit lies in (转出), oldest first. */
  transfers?: Transfer[];
  status: CaseStatus;
  /** The rule-set version the case adopted by a transitional provision; absent: the one it pinned at start. */
  ruleSetVersion?: string;
  flags: CaseFlags;
  group?: { persons: number; representatives: number };
  handlingUnitId?: string;
  handlingUnitName?: string;
  routing?: { mode: RoutingMode; routedOn: string; reportDays?: number };
  objection?: Objection;
  procedure?: Procedure;
  acceptedOn?: string;
  caseOwner?: CaseOwner;
  extensions: Extension[];
  reply?: { outcome: Outcome; opinionDocumentId: string; deliveredOn: string };
  diversion?: { to: DiversionTarget; noticeDocumentId: string };
  notAccepted?: { by: 'bureau' | 'unit'; reason: NotAcceptedReason; noticeDocumentId?: string };
  withdrawal?: { reasonDocumentId: string; on: string };
  /** The written notice of the acceptance decision (受理告知书), when one was recorded. */
  acceptanceNoticeDocumentId?: string;
  /** 核查 (上海 Art 42 (二)): the check that ended the procedure. */
  verification?: Verification;
  /** 浙江 Art 25 (1): the agreement carried out that ended the matter. */
  agreement?: Agreement;
  /** 复查: the review by the unit one level above the handling unit. */
  review?: HigherStage;
  /** 复核: the re-examination by the unit one level above the review body. */
  reexamination?: HigherStage & { hearings: Hearing[] };
  /** Review and re-examination requests the body refused (不予受理, Shandong Art 43–44), oldest first. */
  refusedRequests?: RefusedRequest[];
  closure?: { reason: ClosureReason; on: string; deadlineKey?: string };
  deadlines: CaseDeadline[];
  /** The joint-conference office (联席办) over the registering bureau: where escalations go. */
  officeUnitId?: string;
  /** The supervision ladder: one item per deadline that passed and was supervised or escalated. */
  supervision?: SupervisionItem[];
  returnVisits?: ReturnVisit[];
  evaluations?: Evaluation[];
  /**
   * A dissatisfied return visit flags the case for follow-up (跟踪回访). Where the rule set opens follow-ups,
   * a dissatisfied evaluation flags it too, and closing the last open follow-up clears the flag.
   */
  followUp?: { since: string };
  /** Follow-ups (跟踪回访) opened under rule sets with a follow-up deadline, oldest first. */
  followUps?: FollowUp[];
  /** 关注级别 (S5) and the 重大、紧急 flag (Art 25), as the bureau last set them. */
  priority?: CasePriority;
  /** The four 包 (包调查, 包处理, 包疏导教育, 包息诉罢访) recorded under case-owning leaders, oldest first. */
  caseOwnerWork?: CaseOwnerWork[];
  /** How the matter ended (S12–S16): 三到位一处理, an agreement, the opinion carried out, 息诉罢访. */
  resolution?: CaseResolution;
  /** 并案: the case it was merged into, while merged. */
  merge?: CaseMerge;
  /** Sequence number of the newest event folded in. */
  lastSequence: number;
}

export interface Verification {
  checkingUnitId: string;
  checkingUnitName: string;
  conclusionDocumentId: string;
  approvedOn: string;
  recordedBy: string;
}

export interface Agreement {
  agreementDocumentId: string;
  agreedOn: string;
  carriedOutOn: string;
  noteDocumentId?: string;
  recordedBy: string;
}

/** A transfer from one area's petition bureau to another's (转出): the sender keeps read access. */
export interface Transfer {
  fromUnitId: string;
  toUnitId: string;
  toName: string;
  on: string;
  noteDocumentId?: string;
}

/** A review or re-examination: who acts, when it was asked and accepted, and its opinion. */
export interface HigherStage {
  bodyUnitId: string;
  bodyName: string;
  requestedOn: string;
  acceptedOn?: string;
  outcome?: HigherOutcome;
  opinionDocumentId?: string;
  deliveredOn?: string;
  /** The petitioner's application as the body recorded it; absent in cases recorded before it was required. */
  application?: HigherApplication;
}

/** A request the body refused with written reasons: the stage as it was recorded, and the refusal. */
export interface RefusedRequest extends HigherStage {
  stage: 'review' | 'reexamination';
  refusedOn: string;
  reasonDocumentId: string;
}

/**
 * The petitioner's written application for a review or re-examination (复查 / 复核申请): how it reached the
 * body, and its text (a document) or its reference (a letter's number). The date it arrived is `requestedOn`.
 */
export interface HigherApplication {
  channel: Channel;
  documentId?: string;
  reference?: string;
}

/** 听证: a hearing during re-examination; its days are not counted in D10 (Art 36 ¶2). */
export interface Hearing {
  id: string;
  openedOn: string;
  closedOn?: string;
  /** Calendar days not counted: from the opening day to the closing day, both included. */
  days?: number;
}

export interface CaseFlags {
  /** 初信初访: no earlier petition of this petitioner on this matter is known. */
  firstTime: boolean;
  /** 重复信访: the same petitioner has an open case on the same matter; linked here. */
  repeatOf?: string;
  /** A matter already final (re-examined) that this petition raises again; linked here. */
  finalCaseId?: string;
}

export interface Objection {
  status: 'pending' | 'upheld' | 'rerouted';
  unitId: string;
  raisedBy: string;
  raisedOn: string;
  reasonDocumentId: string;
  decidedBy?: string;
  decidedOn?: string;
  noteDocumentId?: string;
}

/** 包案: a named leader takes personal charge, with a handler, a task and a target date ("四定四包"). */
export interface CaseOwner {
  leader: string;
  handler: string;
  targetDate: string;
  taskDocumentId: string;
  setBy: string;
  setOn: string;
}

export interface Extension {
  id: string;
  deadlineKey: string;
  days: number;
  status: 'pending' | 'approved' | 'refused';
  requestedBy: string;
  requestedOn: string;
  reasonDocumentId: string;
  decidedBy?: string;
  decidedOn?: string;
  refusalDocumentId?: string;
}

/** `paused`: its clock stands still (a re-examination hearing); it neither warns nor expires meanwhile. */
export type DeadlineStatus = 'running' | 'paused' | 'met' | 'overdue' | 'lapsed' | 'cancelled';

/** One time limit of the case, as the rule set computed it when it started. */
export interface CaseDeadline {
  key: string;
  status: DeadlineStatus;
  /** Who must act before it is due, as the rule set names them. */
  responsible: DeadlineParty;
  policy: ExpiryPolicy;
  kind: 'statutory' | 'service-norm';
  startDate: string;
  dueDate: string;
  dueAt: string;
  extensionDays: number;
  /** Days not counted (hearings), added to the period from its original start. */
  pausedDays?: number;
  /** The length set for this case (D4), when the rule lets the case set it. */
  lengthDays?: number;
  provisional: boolean;
  calendarVersion: string;
  ruleSetVersion: string;
  warnings: DeadlineWarning[];
  /** Instant the deadline started, or was last moved: warnings already past then are not sent late. */
  startedAt: string;
  firedWarnings: number[];
  metAt?: string;
  late?: boolean;
  overdueAt?: string;
  supervisionNoticeAt?: string;
  escalatedAt?: string;
}

/** A warning fires at 00:00 (Asia/Shanghai) of the day `daysBefore` calendar days before the due date. */
export interface DeadlineWarning {
  daysBefore: number;
  notify: string[];
}

export function warningAt(deadline: Pick<CaseDeadline, 'dueDate'>, warning: DeadlineWarning): string {
  return startOfShanghaiDay(addDays(deadline.dueDate, -warning.daysBefore));
}

/** Before the registration event: nothing is known yet. */
export function initialCaseState(): CaseState {
  return {
    petitionId: '',
    ruleSetId: '',
    channel: 'online',
    category: 'complaint',
    domain: 'other',
    receivedOn: '',
    bureauUnitId: '',
    status: 'registered',
    flags: { firstTime: true },
    extensions: [],
    deadlines: [],
    lastSequence: 0,
  };
}

/** Deadlines whose clock runs or ran out without being met: they can still be met (late). */
export function isOpen(deadline: CaseDeadline): boolean {
  return deadline.status === 'running' || deadline.status === 'overdue' || deadline.status === 'paused';
}

export function openDeadline(state: CaseState, key: string): CaseDeadline | undefined {
  return state.deadlines.find((d) => d.key === key && isOpen(d));
}

/** The unit that must act on a deadline now. */
export function unitActingOn(
  state: CaseState,
  deadline: Pick<CaseDeadline, 'responsible'>,
): string | undefined {
  switch (deadline.responsible) {
    case 'petition-bureau':
      return state.bureauUnitId;
    case 'review-body':
      return state.review?.bodyUnitId;
    case 'reexamination-body':
      return state.reexamination?.bodyUnitId;
    case 'case-owning-leader':
      // The leader's target date (包案): the unit that handles the matter, or the bureau until it is routed.
      return state.handlingUnitId ?? state.bureauUnitId;
    default:
      return state.handlingUnitId;
  }
}

/** The unit whose desk met the petitioner and registered the case: it hands out the query code. */
export function registeringUnitOf(state: CaseState): string {
  return state.receivedBy?.unitId ?? state.transfers?.[0]?.fromUnitId ?? state.bureauUnitId;
}

/** The unit that holds the case now: the bureau, the handling unit, or the review / re-examination body. */
export function holderOf(state: CaseState): string | undefined {
  switch (state.status) {
    case 'registered':
      return state.bureauUnitId;
    case 'review-requested':
    case 'under-review':
    case 'reviewed':
      return state.review?.bodyUnitId;
    case 'reexamination-requested':
    case 'under-reexamination':
      return state.reexamination?.bodyUnitId;
    case 'closed':
      // Whoever acted last: the re-examination body, a review body whose opinion stood, or the unit.
      return (
        state.reexamination?.bodyUnitId ??
        (state.review && state.review.outcome !== 'revoked' ? state.review.bodyUnitId : undefined) ??
        state.handlingUnitId ??
        state.bureauUnitId
      );
    default:
      return state.handlingUnitId;
  }
}

/**
 * The earliest running deadline: what the case waits for next. The petitioner's evaluation window is not
 * awaited by anyone (it lapses and the case goes on), so it is not what the case waits for.
 */
export function nextDeadline(state: CaseState): CaseDeadline | undefined {
  return state.deadlines
    .filter(
      (d) => d.status === 'running' && !(d.responsible === 'petitioner' && d.policy === 'lapse-and-continue'),
    )
    .sort((a, b) => instantMs(a.dueAt) - instantMs(b.dueAt))[0];
}

/** What a case awaits of a unit (the staff queue, 待办): the deadline, the unit that must act on it, its first warning. */
export interface AwaitedAction {
  deadline: CaseDeadline;
  unitId: string;
  /** The instant of its earliest warning (00:00 Asia/Shanghai), or null when the deadline warns of nothing. */
  warnAt: string | null;
}

/**
 * The earliest open deadline a unit must act on — running or overdue (a paused one stands still), not the
 * petitioner's own, nor a window that lapses and lets the case go on (the objection window D3: a unit that
 * does not object has nothing to do by then; its D2 is what it owes) — and that unit (`unitActingOn`). None for
 * a closed case, or one awaiting no unit.
 */
export function awaitedAction(state: CaseState): AwaitedAction | undefined {
  if (state.status === 'closed') return undefined;
  let awaited: { deadline: CaseDeadline; unitId: string } | undefined;
  for (const deadline of state.deadlines) {
    if (deadline.status !== 'running' && deadline.status !== 'overdue') continue;
    if (deadline.responsible === 'petitioner' || deadline.policy === 'lapse-and-continue') continue;
    const unitId = unitActingOn(state, deadline);
    if (!unitId) continue;
    if (!awaited || instantMs(deadline.dueAt) < instantMs(awaited.deadline.dueAt)) {
      awaited = { deadline, unitId };
    }
  }
  if (!awaited) return undefined;
  const first = awaited.deadline.warnings.reduce<DeadlineWarning | undefined>(
    (earliest, warning) => (!earliest || warning.daysBefore > earliest.daysBefore ? warning : earliest),
    undefined,
  );
  return { ...awaited, warnAt: first ? warningAt(awaited.deadline, first) : null };
}

export function isOverdue(state: CaseState): boolean {
  return state.deadlines.some((d) => d.status === 'overdue');
}
