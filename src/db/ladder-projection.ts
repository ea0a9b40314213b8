import type { SupervisionItemRow } from './supervision-items';
import { type CaseEvent, type CaseState, evolve, itemsOf, noticeOf, type Recipient } from '../case';

/** A notification to write: one per recipient spec, resolved to active users by case-write/notifications. */
export interface NotificationRow {
  sequence: number;
  kind: string;
  payload: object;
  login: string | null;
  unitId: string | null;
  roles: string[] | null;
}

/** A supervision item as the writer stores it: the queue's row without what a read joins to it. */
export type SupervisionItemWrite = Omit<SupervisionItemRow, 'petitionId' | 'unitName'>;

/**
 * Folds `events` into `before` (one pass) and gives what the event writer keeps beside the fold, in the same
 * statement: the notifications the events cause (a transactional outbox: written with the events or not at
 * all; a redone write finds them there and adds none), and the supervision items for the office's queue as
 * they stand after the events.
 */
export function foldWithLadder(
  petitionId: string,
  before: CaseState,
  events: CaseEvent[],
): { state: CaseState; notifications: NotificationRow[]; items: SupervisionItemWrite[] } {
  let state = before;
  const notifications: NotificationRow[] = [];
  for (const event of events) {
    state = evolve(state, event);
    const notice = noticeOf(event, state);
    if (!notice) continue;
    const payload = { text: notice.text, event: event.type, ...keysOf(event), ...dueDateOf(event, state) };
    for (const recipient of notice.recipients) {
      notifications.push({
        sequence: event.sequence,
        kind: notice.kind,
        payload,
        ...recipientColumns(recipient),
      });
    }
  }
  return { state, notifications, items: itemsOf(state).map((item) => itemRow(petitionId, item)) };
}

function recipientColumns(r: Recipient) {
  return {
    login: 'login' in r ? r.login : null,
    unitId: 'unitId' in r ? r.unitId : null,
    roles: 'roles' in r ? r.roles : null,
  };
}

function keysOf(event: CaseEvent): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const field of ['key', 'itemId', 'extensionId', 'reason'] as const) {
    const value = (event as Record<string, unknown>)[field];
    if (typeof value === 'string') keys[field] = value;
  }
  return keys;
}

/**
 * The date a notice is about (a warning's deadline, a feedback target, a listing's correction date), as a field
 * of its own: the mail and SMS that carry the notice are built from such fields, never from its text.
 */
function dueDateOf(event: CaseEvent, state: CaseState): { dueDate?: string } {
  if (event.type === 'deadline-warning') {
    const dueDate = state.deadlines.filter((d) => d.key === event.key).pop()?.dueDate;
    return dueDate ? { dueDate } : {};
  }
  for (const field of ['dueDate', 'targetDate', 'correctBy', 'feedbackDue'] as const) {
    const value = (event as Record<string, unknown>)[field];
    if (typeof value === 'string') return { dueDate: value };
  }
  return {};
}

function itemRow(petitionId: string, item: ReturnType<typeof itemsOf>[number]): SupervisionItemWrite {
  return {
    id: `${petitionId}.${item.id}`,
    itemId: item.id,
    deadlineKey: item.deadlineKey,
    unitId: item.unitId ?? null,
    level: item.level,
    status: item.status,
    noticeOn: item.noticeOn ?? null,
    feedbackOn: item.feedback?.on ?? null,
    targetDate: item.feedback?.targetDate ?? null,
    escalatedOn: item.escalation?.on ?? null,
    escalationReason: item.escalation?.reason ?? null,
    listedOn: item.listing?.on ?? null,
    correctBy: item.listing?.correctBy ?? null,
    listingOverdue: item.listing?.overdueOn !== undefined,
    endedOn: item.endedOn ?? null,
    source: item.source ?? 'automatic',
    kind: item.kind ?? null,
    ground: item.ground ?? null,
    feedbackDue: item.feedbackDue ?? null,
  };
}
