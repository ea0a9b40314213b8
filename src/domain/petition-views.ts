import type { PetitionRow, TimelineEntry } from '../db/petitions';
import { explainDeadline } from './deadline-explanation';
import {
  type CaseDeadline,
  type CasePriority,
  type CaseResolution,
  type HigherStage,
  holderOf,
  nextDeadline,
} from '../case';

/** What lists show of a petition. */
export function summaryOf(row: PetitionRow) {
  return {
    id: row.id,
    status: row.status,
    channel: row.channel,
    category: row.category,
    domain: row.domain,
    domainCategory: row.domainCategory,
    classificationVersion: row.classificationVersion,
    subject: row.subject,
    receivedOn: row.receivedOn,
    ruleSetId: row.ruleSetId,
    bureauUnitId: row.bureauUnitId,
    handlingUnitId: row.handlingUnitId,
    overdue: row.overdue,
    closedReason: row.closedReason,
    nextDeadline: nextOf(row),
    priority: priorityOf(row.caseState?.priority),
  };
}

function priorityOf(priority: CasePriority | undefined) {
  if (!priority) return null;
  const { level, majorUrgent, majorUrgentSince } = priority;
  return { level, majorUrgent, majorUrgentSince: majorUrgentSince ?? null };
}

/** The deadline the case waits for next, with its due instant as the rule set wrote it (24:00 +08:00). */
function nextOf(row: PetitionRow): { key: string; dueAt: string } | null {
  const next = row.caseState ? nextDeadline(row.caseState) : undefined;
  return next ? { key: next.key, dueAt: next.dueAt } : null;
}

export interface DetailSources {
  row: PetitionRow;
  timeline: TimelineEntry[];
  documents: Map<string, string>;
  linkedFrom: Array<{ id: string; relation: string }>;
  /** Cases merged into this one (并案), with their documents: they show here. */
  merged?: MergedCaseView[];
}

/** A case merged into the one shown: its number, subject, the merge, and its documents. */
export interface MergedCaseView {
  id: string;
  subject: string;
  receivedOn: string;
  mergedOn: string | null;
  mergedBy: string | null;
  documents: Array<{ id: string; kind: string; body: string; createdBy: string; createdAt: string }>;
}

/**
 * A petition as staff read it: the read model's fold of its events (never the workflow, so a slow or
 * stopped worker does not slow reads), with the texts of its documents put back where they belong.
 */
export function detailOf({ row, timeline, documents, linkedFrom, merged = [] }: DetailSources) {
  const state = row.caseState;
  const textOf = (id: string | undefined) => (id ? (documents.get(id) ?? null) : null);
  const orNull = <T>(value: T | undefined) => value ?? null;
  return {
    ...summaryOf(row),
    description: row.description,
    petitioner: row.petitioner,
    petitionerId: row.petitionerId ?? null,
    flags: { firstTime: row.firstTime, repeat: row.repeatOf !== null, group: orNull(state?.group) },
    links: { repeatOf: row.repeatOf, finalCase: row.finalCaseId, linkedFrom },
    handlingUnitName: orNull(state?.handlingUnitName),
    receivedBy: orNull(state?.receivedBy),
    transfers: (state?.transfers ?? []).map((t) => ({
      fromUnitId: t.fromUnitId,
      toUnitId: t.toUnitId,
      toName: t.toName,
      on: t.on,
      note: textOf(t.noteDocumentId),
    })),
    routing: orNull(state?.routing),
    procedure: orNull(state?.procedure),
    acceptedOn: orNull(state?.acceptedOn),
    objection: state?.objection
      ? {
          ...state.objection,
          reason: textOf(state.objection.reasonDocumentId),
          note: textOf(state.objection.noteDocumentId),
        }
      : null,
    caseOwner: state?.caseOwner ? { ...state.caseOwner, task: textOf(state.caseOwner.taskDocumentId) } : null,
    extensions: (state?.extensions ?? []).map((x) => ({
      ...x,
      reason: textOf(x.reasonDocumentId),
      refusalReason: textOf(x.refusalDocumentId),
    })),
    outcome: state?.reply?.outcome ?? null,
    reply: state?.reply ? { ...state.reply, opinion: textOf(state.reply.opinionDocumentId) } : null,
    diversion: state?.diversion
      ? { ...state.diversion, notice: textOf(state.diversion.noticeDocumentId) }
      : null,
    notAccepted: state?.notAccepted
      ? { ...state.notAccepted, notice: textOf(state.notAccepted.noticeDocumentId) }
      : null,
    withdrawal: state?.withdrawal
      ? { ...state.withdrawal, reason: textOf(state.withdrawal.reasonDocumentId) }
      : null,
    closure: orNull(state?.closure),
    acceptanceNotice: textOf(state?.acceptanceNoticeDocumentId),
    verification: state?.verification
      ? { ...state.verification, conclusion: textOf(state.verification.conclusionDocumentId) }
      : null,
    agreement: state?.agreement
      ? {
          ...state.agreement,
          agreement: textOf(state.agreement.agreementDocumentId),
          note: textOf(state.agreement.noteDocumentId),
        }
      : null,
    priority: state?.priority
      ? {
          ...priorityOf(state.priority)!,
          reason: textOf(state.priority.reasonDocumentId),
          setBy: state.priority.setBy,
          setOn: state.priority.setOn,
        }
      : null,
    caseOwnerWork: (state?.caseOwnerWork ?? []).map(({ noteDocumentId, ...done }) => ({
      ...done,
      note: textOf(noteDocumentId),
    })),
    resolution: state?.resolution ? resolutionView(state.resolution, textOf) : null,
    actingUnitId: state ? (holderOf(state) ?? null) : null,
    review: state?.review ? higherView(state.review, textOf) : null,
    reexamination: state?.reexamination ? higherView(state.reexamination, textOf) : null,
    refusedRequests: (state?.refusedRequests ?? []).map((r) => ({
      ...higherView(r, textOf),
      reason: textOf(r.reasonDocumentId),
    })),
    deadlines: (state?.deadlines ?? []).map((d) => deadlineView(row.ruleSetId, d)),
    supervision: (state?.supervision ?? []).map((item) => ({
      ...item,
      id: `${row.id}.${item.id}`,
      // A manual item's notice (督办通知 / 交办函); automatic items have none.
      ...(item.noteDocumentId ? { note: textOf(item.noteDocumentId) } : {}),
      feedback: item.feedback ? { ...item.feedback, report: textOf(item.feedback.reportDocumentId) } : null,
      listing: item.listing ? { ...item.listing, note: textOf(item.listing.noteDocumentId) } : null,
      instructions: item.instructions.map((i) => ({ ...i, instruction: textOf(i.instructionDocumentId) })),
    })),
    returnVisits: (state?.returnVisits ?? []).map((v) => ({ ...v, note: textOf(v.noteDocumentId) })),
    evaluations: state?.evaluations ?? [],
    followUp: orNull(state?.followUp),
    followUps: (state?.followUps ?? []).map((f) => ({ ...f, note: textOf(f.noteDocumentId) })),
    merge: state?.merge
      ? {
          intoCaseId: state.merge.intoCaseId,
          mergedOn: state.merge.mergedOn,
          mergedBy: state.merge.mergedBy,
          previousStatus: state.merge.previousStatus,
          reason: textOf(state.merge.reasonDocumentId),
        }
      : null,
    mergedCases: merged,
    timeline: timeline.map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
  };
}

/** How the matter ended, with its texts: the measures' notes, the agreement, the carried-out report. */
function resolutionView(r: CaseResolution, textOf: (id: string | undefined) => string | null) {
  return {
    measures: r.measures.map(({ noteDocumentId, ...m }) => ({ ...m, note: textOf(noteDocumentId) })),
    agreement: r.agreement ? { ...r.agreement, text: textOf(r.agreement.agreementDocumentId) } : null,
    stoppedPetitioning: r.stoppedPetitioning
      ? { ...r.stoppedPetitioning, note: textOf(r.stoppedPetitioning.noteDocumentId) }
      : null,
    carriedOut: r.carriedOut ? { ...r.carriedOut, report: textOf(r.carriedOut.reportDocumentId) } : null,
  };
}

/** A review or re-examination with its texts: the petitioner's application (null in older cases), the opinion. */
function higherView<S extends HigherStage>(stage: S, textOf: (id: string | undefined) => string | null) {
  const { application } = stage;
  return {
    ...stage,
    application: application
      ? {
          channel: application.channel,
          reference: application.reference ?? null,
          documentId: application.documentId ?? null,
          text: textOf(application.documentId),
        }
      : null,
    opinion: textOf(stage.opinionDocumentId),
  };
}

function deadlineView(ruleSetId: string, d: CaseDeadline) {
  return {
    key: d.key,
    status: d.status,
    kind: d.kind,
    startDate: d.startDate,
    dueDate: d.dueDate,
    dueAt: d.dueAt,
    extensionDays: d.extensionDays,
    pausedDays: d.pausedDays ?? 0,
    provisional: d.provisional,
    calendarVersion: d.calendarVersion,
    ruleSetVersion: d.ruleSetVersion,
    explanation: explainDeadline(ruleSetId, d),
    metAt: d.metAt ?? null,
    late: d.late ?? null,
    overdueAt: d.overdueAt ?? null,
    supervisionNoticeAt: d.supervisionNoticeAt ?? null,
  };
}
