import { setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import { activeItems, type CaseState, holderOf, isOverdue, nextDeadline, supervisionLevel } from '../case';
import { dateOf } from './clock';
import * as attrs from './search-attributes';

/**
 * Keeps the search attributes and the Web UI's details line in step with the case. An upsert is a history
 * event, so only the attributes that changed are sent.
 */
export function createVisibility() {
  // What the start already set (the API starts every case as registered, not overdue); and unset is null.
  const sent = new Map<string, string>([
    [attrs.PetitionStatus.name, JSON.stringify('registered')],
    [attrs.Overdue.name, 'false'],
    [attrs.SupervisionLevel.name, JSON.stringify('none')],
    ...[attrs.HandlingUnit, attrs.NextDeadline, attrs.NextDeadlineKey].map(
      (key) => [key.name, 'null'] as [string, string],
    ),
  ]);
  return function refresh(state: CaseState): void {
    const next = nextDeadline(state);
    const overdue = isOverdue(state);
    const values = [
      { key: attrs.PetitionStatus, value: state.status },
      // The unit acting now: the handling unit, or the review / re-examination body at those stages.
      { key: attrs.HandlingUnit, value: holderOf(state) ?? null },
      { key: attrs.NextDeadline, value: next ? dateOf(next.dueAt) : null },
      { key: attrs.NextDeadlineKey, value: next?.key ?? null },
      { key: attrs.Overdue, value: overdue },
      { key: attrs.SupervisionLevel, value: supervisionLevel(state) },
    ] as const;
    const changed = values.filter(({ key, value }) => sent.get(key.name) !== JSON.stringify(value));
    if (changed.length === 0) return;
    for (const { key, value } of changed) sent.set(key.name, JSON.stringify(value));
    upsertSearchAttributes(changed as unknown as Parameters<typeof upsertSearchAttributes>[0]);
    const holder = holderOf(state);
    const holderName =
      holder === state.review?.bodyUnitId
        ? state.review?.bodyName
        : holder === state.reexamination?.bodyUnitId
          ? state.reexamination?.bodyName
          : state.handlingUnitName;
    const unit = holder && holder !== state.bureauUnitId ? ` → ${holderName ?? holder}` : '';
    const due = next ? ` · ${next.key} due ${next.dueAt.slice(0, 10)}` : '';
    const closed = state.closure ? ` (${state.closure.reason})` : '';
    setCurrentDetails(`${state.status}${closed}${unit}${due}${overdue ? ' · OVERDUE' : ''}${rungOf(state)}`);
  };
}

/** The ladder's rung for the details line, e.g. " · 督办 handle-1 (office: overdue)". */
function rungOf(state: CaseState): string {
  const items = activeItems(state);
  if (items.length === 0) return '';
  const level = supervisionLevel(state);
  const top = items.find((item) => item.level === level)!;
  const why = top.escalation ? `: ${top.escalation.reason}` : '';
  const listed = top.listing ? `, correct by ${top.listing.correctBy}` : '';
  return ` · supervision ${top.id} at ${top.level}${why}${listed}`;
}
