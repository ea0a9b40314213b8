import { setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import { type CaseState, isOverdue, nextDeadline } from './case';
import { dateOf } from './clock';
import * as attrs from './search-attributes';

/**
 * Keeps the search attributes and the Web UI's details line in step with the case. An upsert is a history
 * event, so only values that changed are sent.
 */
export function createVisibility() {
  let last = '';
  return function refresh(state: CaseState): void {
    const next = nextDeadline(state);
    const overdue = isOverdue(state);
    const current = JSON.stringify([state.status, state.handlingUnitId, next?.key, next?.dueAt, overdue]);
    if (current === last) return;
    last = current;
    upsertSearchAttributes([
      { key: attrs.PetitionStatus, value: state.status },
      { key: attrs.HandlingUnit, value: state.handlingUnitId ?? null },
      { key: attrs.NextDeadline, value: next ? dateOf(next.dueAt) : null },
      { key: attrs.NextDeadlineKey, value: next?.key ?? null },
      { key: attrs.Overdue, value: overdue },
    ]);
    const unit = state.handlingUnitId ? ` → ${state.handlingUnitName ?? state.handlingUnitId}` : '';
    const due = next ? ` · ${next.key} due ${next.dueAt.slice(0, 10)}` : '';
    const closed = state.closure ? ` (${state.closure.reason})` : '';
    setCurrentDetails(`${state.status}${closed}${unit}${due}${overdue ? ' · OVERDUE' : ''}`);
  };
}
