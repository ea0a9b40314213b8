import type { CasePolicy } from '../rules/case-policy';
import { addDays } from '../rules/dates';
import type { CommandOf, CommandType } from './commands';
import type { CaseEventBody } from './events';
import type { CaseDeadline, CaseState } from './state';

/** Why a command was refused; the API maps the code to an HTTP status. */
export interface Refusal {
  code: 'transition_not_allowed' | 'not_responsible' | 'invalid_argument' | 'deadline_passed' | 'not_found';
  message: string;
  field?: string;
}

export type Decision = { ok: true; events: CaseEventBody[] } | { ok: false; refusal: Refusal };

export interface DecideContext {
  /** Today in Asia/Shanghai on the workflow clock (YYYY-MM-DD). */
  today: string;
  policy: CasePolicy;
}

/** What else must hold for one command, once the table allowed it here and for this actor. */
export type Rule<T extends CommandType> = (
  state: CaseState,
  command: CommandOf<T>,
  ctx: DecideContext,
) => Decision;
export type RuleMap = { [T in CommandType]: Rule<T> };

export const refuse = (code: Refusal['code'], message: string, field?: string): Decision => ({
  ok: false,
  refusal: { code, message, ...(field ? { field } : {}) },
});
export const accept = (...events: CaseEventBody[]): Decision => ({ ok: true, events });

export /**
 * Whether a deadline still runs on this day: by its date, not only its status — the expiry alarm may not
 * have been processed yet (a worker outage, or a request arriving with the timer).
 */
function runsOn(deadline: CaseDeadline, today: string): boolean {
  return deadline.status === 'running' && today <= deadline.dueDate;
}

export /** A date that must lie between an earlier event of the case and today: the refusal when it does not. */
function outsideDates(
  field: string,
  date: string,
  from: string,
  today: string,
  label = '',
): Decision | undefined {
  if (date >= from && date <= today) return undefined;
  return refuse(
    'invalid_argument',
    `must be between ${label ? `${label} ` : ''}${from} and today ${today}`,
    field,
  );
}

/**
 * A date staff set ahead (a target, a date to correct by): from `earliest` to the rule set's limit of days
 * after today. The refusal when it lies outside; a case pinned before the limits existed checks the lower end.
 */
export function outsideAhead(
  field: string,
  date: string,
  earliest: { date: string; label: string },
  today: string,
  limitDays: number | undefined,
): Decision | undefined {
  if (date < earliest.date) {
    return refuse('invalid_argument', `must not be before ${earliest.label} (${earliest.date})`, field);
  }
  if (limitDays === undefined) return undefined;
  const latest = addDays(today, limitDays);
  if (date <= latest) return undefined;
  return refuse(
    'invalid_argument',
    `must be ${latest} or earlier: at most ${limitDays} days after today (${today}), as the rule set allows`,
    field,
  );
}
