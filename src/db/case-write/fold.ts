import { type CaseWrite, type WritePart } from './part';
import { awaitedAction, type CaseState, isOverdue, nextDeadline } from '../../case';

/**
 * The petition's row: its fold, the columns lists filter on, and the writer it records. The version check
 * lives here: with a version (the row's `xmin` as read, no lock taken) the row is updated only if it is
 * still that version; without one (the caller holds the row's lock) always.
 */
export const foldPart: WritePart = {
  cte: 'target',
  document: 'fold',
  sql: (param) => `
     UPDATE petitions p
        SET case_state = f.case_state, status = f.status, handling_unit_id = f.handling_unit_id,
            outcome = f.outcome, overdue = f.overdue, next_deadline_key = f.next_deadline_key,
            next_deadline_at = f.next_deadline_at, closed_reason = f.closed_reason, procedure = f.procedure,
            routing_mode = f.routing_mode, last_sequence = f.last_sequence, record_fence = f.record_fence,
            review_unit_id = f.review_unit_id, reexamination_unit_id = f.reexamination_unit_id,
            bureau_unit_id = COALESCE(f.bureau_unit_id, p.bureau_unit_id),
            action_unit_id = f.action_unit_id, action_due_at = f.action_due_at, action_warn_at = f.action_warn_at,
            action_deadline_key = f.action_deadline_key, action_overdue = f.action_overdue,
            transferred_from_unit_ids = f.transferred_from_unit_ids, record_attempt_at = f.record_attempt_at, updated_at = now()
       FROM jsonb_populate_record(NULL::petitions, ${param('fold')}::jsonb) f
      WHERE p.id = ${param('petitionId')}
        AND (${param('version')}::text IS NULL OR p.xmin::text = ${param('version')}::text)
      RETURNING p.id, p.received_on, p.bureau_unit_id, p.registration_level, p.channel, p.domain, p.domain_category,
                p.first_time, p.transferred_from_unit_ids`,
  documentOf: foldColumns,
};

export function foldColumns({ state, fence, attemptAt }: CaseWrite) {
  const next = nextDeadline(state);
  const action = awaitedAction(state);
  return {
    case_state: state,
    status: state.status,
    handling_unit_id: state.handlingUnitId ?? null,
    outcome: state.reply?.outcome ?? null,
    overdue: isOverdue(state),
    next_deadline_key: next?.key ?? null,
    next_deadline_at: next?.dueAt ?? null,
    closed_reason: state.closure?.reason ?? null,
    procedure: state.procedure ?? null,
    routing_mode: state.routing?.mode ?? null,
    last_sequence: state.lastSequence,
    record_fence: fence,
    // A body that refused the request (Shandong Art 43–44) acted on the case: it keeps reading it.
    review_unit_id: state.review?.bodyUnitId ?? refusedBy(state, 'review') ?? null,
    reexamination_unit_id: state.reexamination?.bodyUnitId ?? refusedBy(state, 'reexamination') ?? null,
    // A transfer out of the area (转出) moves the case to the receiving bureau; the senders keep reading it.
    bureau_unit_id: state.bureauUnitId || null,
    transferred_from_unit_ids: (state.transfers ?? []).map((t) => t.fromUnitId),
    record_attempt_at: attemptAt,
    // The staff queue (待办): the unit the case waits for, on which deadline, by when (migration 1796000000025).
    action_unit_id: action?.unitId ?? null,
    action_due_at: action?.deadline.dueAt ?? null,
    action_warn_at: action?.warnAt ?? null,
    action_deadline_key: action?.deadline.key ?? null,
    action_overdue: action ? action.deadline.status === 'overdue' : null,
  };
}

/** The body that last refused a request of this stage, if any. */
function refusedBy(state: CaseState, stage: 'review' | 'reexamination'): string | undefined {
  return state.refusedRequests?.filter((r) => r.stage === stage).at(-1)?.bodyUnitId;
}
