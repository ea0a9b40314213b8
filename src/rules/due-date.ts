import type { DeadlineKey } from './deadline-keys';
import {
  addDays,
  assertIsoDate,
  daysBetween,
  endOfShanghaiDay,
  startOfShanghaiDay,
  weekdayName,
} from './dates';
import {
  DeadlineNotExtendableError,
  DeadlineNotPausableError,
  ExtensionCapExceededError,
  InvalidArgumentError,
} from './errors';
import { getDeadlineRule } from './rule-set-registry';
import type { DeadlineKind, DeadlineParty, DeadlineRule, DeadlineUnit, RuleSet } from './rule-set-schema';
import type { WorkingCalendar } from './calendar/working-calendar';
import type { ExpiryPolicy } from './case-vocabulary';

export interface DeadlineOptions {
  /** Total extension granted so far (all grants together), in the deadline's unit. */
  extensionDays?: number;
  /** Days the clock stood still (a re-examination hearing), in the deadline's unit. */
  pausedDays?: number;
  /** The length set for this case, for a deadline whose rule allows it (perCaseLength). */
  lengthDays?: number;
}

export interface DeadlineResult {
  ruleSetId: string;
  ruleSetVersion: string;
  deadlineKey: DeadlineKey;
  /** YYYY-MM-DD, the Asia/Shanghai calendar date of the starting event. */
  startDate: string;
  length: number;
  unit: DeadlineUnit;
  extensionDays: number;
  pausedDays: number;
  /** YYYY-MM-DD, the last day of the period. */
  dueDate: string;
  /** 24:00 Asia/Shanghai of dueDate, written as the next day's 00:00 with the +08:00 offset. */
  dueAt: string;
  /** True when a day the result depends on is not in the official calendar data. */
  provisional: boolean;
  calendarVersion: string;
  explanation: string[];
  kind: DeadlineKind;
  actor: DeadlineParty;
  citation: string;
  warnings: Array<{ daysBefore: number; at: string; notify: DeadlineParty[] }>;
  expiry: {
    policy: ExpiryPolicy;
    escalations: Array<{ rung: number; daysAfter: number; at: string; notify: DeadlineParty[] }>;
  };
}

/** Far beyond any statutory period; stops a typo (pausedDays: 1e9) from spinning the day loop. */
const MAX_TOTAL_DAYS = 3650;

function nonNegativeInteger(value: number | undefined, name: string): number {
  if (value === undefined) return 0;
  if (!Number.isInteger(value) || value < 0) {
    throw new InvalidArgumentError(`${name} must be a whole number of days ≥ 0, got ${String(value)}`);
  }
  return value;
}

function unitLabel(unit: DeadlineUnit): string {
  return unit === 'calendar-days' ? 'd' : 'wd';
}

function describeDay(calendar: WorkingCalendar, date: string): string {
  const info = calendar.dayInfo(date);
  if (info.holidayName) return `a public holiday, ${info.holidayName}`;
  if (info.makeUpWorkday) return `a make-up working day (${info.weekday}, for ${info.makeUpFor})`;
  return info.working ? `a working day (${info.weekday})` : `a weekend rest day (${info.weekday})`;
}

interface Period {
  dueDate: string;
  /** Every day whose working / rest status the due date depends on. */
  consultedDays: string[];
  steps: string[];
}

/**
 * Calendar days: the period ends `total` days after the start (the start day itself counted or not per the
 * rule set); only the final day is moved when it is a rest day — days in between are counted whatever they are.
 */
function calendarDayPeriod(
  calendar: WorkingCalendar,
  ruleSet: RuleSet,
  startDate: string,
  total: number,
): Period {
  const { excludeStartDay, rollForwardToWorkingDay } = ruleSet.counting;
  const lastDay = addDays(startDate, excludeStartDay ? total : total - 1);
  const consultedDays = [lastDay];
  const arithmetic = `${total} d from ${startDate} → ${lastDay}, ${describeDay(calendar, lastDay)}`;
  if (calendar.isWorkingDay(lastDay) || !rollForwardToWorkingDay) {
    const suffix = calendar.isWorkingDay(lastDay) ? '' : ' (roll-forward is off in this rule set)';
    return { dueDate: lastDay, consultedDays, steps: [arithmetic + suffix] };
  }
  let dueDate = addDays(lastDay, 1);
  while (!calendar.isWorkingDay(dueDate)) {
    consultedDays.push(dueDate);
    dueDate = addDays(dueDate, 1);
  }
  consultedDays.push(dueDate);
  return {
    dueDate,
    consultedDays,
    steps: [`${arithmetic} → next working day ${dueDate} (${calendar.dayInfo(dueDate).weekday})`],
  };
}

/** A date the case set (a leader's target): `total` calendar days after the start, kept even on a rest day. */
function exactDatePeriod(startDate: string, total: number): Period {
  const dueDate = addDays(startDate, total);
  return {
    dueDate,
    consultedDays: [dueDate],
    steps: [`${total} d after ${startDate} → ${dueDate}, the date set for this case (not moved)`],
  };
}

/** Working days: count `total` working days from the day after the start (or from the start day itself). */
function workingDayPeriod(
  calendar: WorkingCalendar,
  ruleSet: RuleSet,
  startDate: string,
  total: number,
): Period {
  const consultedDays: string[] = [];
  const skipped: Array<{ from: string; to: string; name: string }> = [];
  let date = ruleSet.counting.excludeStartDay ? addDays(startDate, 1) : startDate;
  let counted = 0;
  for (;;) {
    consultedDays.push(date);
    if (calendar.isWorkingDay(date)) {
      counted++;
      if (counted === total) break;
    } else {
      const name = calendar.dayInfo(date).holidayName;
      const run = skipped[skipped.length - 1];
      // Runs of one holiday read better as a range than day by day.
      if (name && run?.name === name && daysBetween(run.to, date) === 1) run.to = date;
      else if (name) skipped.push({ from: date, to: date, name });
    }
    date = addDays(date, 1);
  }
  const steps = [`${total} wd from ${startDate} → ${date} (${weekdayName(date)})`];
  if (skipped.length > 0) {
    const runs = skipped.map(
      (run) => `${run.from === run.to ? run.from : `${run.from}…${run.to}`} ${run.name}`,
    );
    steps.push(`public holidays not counted: ${runs.join(', ')}`);
  }
  const makeUps = consultedDays.filter((day) => calendar.dayInfo(day).makeUpWorkday);
  if (makeUps.length > 0) steps.push(`make-up working days counted: ${makeUps.join(', ')}`);
  return { dueDate: date, consultedDays, steps };
}

function checkExtension(ruleSet: RuleSet, rule: DeadlineRule, extensionDays: number): string | undefined {
  if (extensionDays === 0) return undefined;
  const policy = ruleSet.extension;
  if (!policy.appliesTo.includes(rule.key)) throw new DeadlineNotExtendableError(rule.key, ruleSet.id);
  if (extensionDays > policy.capDays) {
    throw new ExtensionCapExceededError(rule.key, policy.capDays, extensionDays, ruleSet.id);
  }
  const unit = unitLabel(rule.unit);
  return `extension of ${extensionDays} ${unit} granted (cap ${policy.capDays} ${unit} in total; approver: ${policy.approverRole})`;
}

/** The rule's length, or the one set for this case where the rule lets the case set it (up to its cap). */
function lengthOf(ruleSet: RuleSet, rule: DeadlineRule, lengthDays: number | undefined): number {
  if (lengthDays === undefined) return rule.length;
  if (!rule.perCaseLength) {
    throw new InvalidArgumentError(
      `${rule.key} has a fixed length in ${ruleSet.id}; lengthDays is not allowed`,
    );
  }
  if (!Number.isInteger(lengthDays) || lengthDays < 1 || lengthDays > rule.perCaseLength.maxDays) {
    throw new InvalidArgumentError(
      `lengthDays for ${rule.key} must be a whole number of days from 1 to ${rule.perCaseLength.maxDays}, got ${String(lengthDays)}`,
    );
  }
  return lengthDays;
}

export function computeDueDate(
  calendar: WorkingCalendar,
  ruleSet: RuleSet,
  key: string,
  startDate: string,
  options: DeadlineOptions = {},
): DeadlineResult {
  const rule = getDeadlineRule(ruleSet, key);
  assertIsoDate(startDate);
  const extensionDays = nonNegativeInteger(options.extensionDays, 'extensionDays');
  const pausedDays = nonNegativeInteger(options.pausedDays, 'pausedDays');
  const extensionStep = checkExtension(ruleSet, rule, extensionDays);
  if (pausedDays > 0 && !rule.pausable) throw new DeadlineNotPausableError(rule.key, ruleSet.id);
  const length = lengthOf(ruleSet, rule, options.lengthDays);
  const total = length + extensionDays + pausedDays;
  if (total > MAX_TOTAL_DAYS)
    throw new InvalidArgumentError(`period of ${total} days exceeds ${MAX_TOTAL_DAYS}`);

  const unit = unitLabel(rule.unit);
  const explanation = [
    `${rule.key}: ${rule.title} — ${length} ${unit}${length === rule.length ? '' : ' (set for this case)'} counted from event '${rule.startsAt}', ${rule.actor} acts ` +
      `(${rule.kind}; ${rule.citation}); rule set ${ruleSet.id} v${ruleSet.version}`,
    ruleSet.counting.excludeStartDay
      ? `start ${startDate} (${weekdayName(startDate)}) is not counted; day 1 is ${addDays(startDate, 1)}`
      : `start ${startDate} (${weekdayName(startDate)}) counts as day 1`,
  ];
  if (extensionStep) explanation.push(extensionStep);
  if (pausedDays > 0)
    explanation.push(`${pausedDays} ${unit} of hearing time not counted (${rule.citation})`);
  if (extensionDays > 0 || pausedDays > 0) {
    const parts = [length, extensionDays, pausedDays].filter((part, index) => index === 0 || part > 0);
    explanation.push(`${parts.join(' + ')} = ${total} ${unit}, counted from the original start`);
  }

  const period = rule.perCaseLength?.exactDate
    ? exactDatePeriod(startDate, total)
    : rule.unit === 'calendar-days'
      ? calendarDayPeriod(calendar, ruleSet, startDate, total)
      : workingDayPeriod(calendar, ruleSet, startDate, total);
  explanation.push(...period.steps);

  const dueDate = period.dueDate;
  const dueAt = endOfShanghaiDay(dueDate);
  explanation.push(`due ${dueDate}, ending 24:00 Asia/Shanghai (${dueAt})`);

  const gaps = [...new Set(period.consultedDays.map((day) => calendar.coverageGap(day)).filter(Boolean))];
  const provisional = gaps.length > 0;
  explanation.push(`calendar ${calendar.version}`);
  if (provisional) {
    explanation.push(`PROVISIONAL: ${gaps.join('; ')}`);
  }

  // A warning fires at the start (00:00) of the day `daysBefore` calendar days before the due date, so a
  // 1-day warning leaves the whole of the day before and the due day itself. Warnings that would fall on or
  // before the start date are dropped: they could only fire at once, before anything was late.
  const warnings = rule.warnings
    .map((warning) => ({ warning, day: addDays(dueDate, -warning.daysBefore) }))
    .filter(({ day }) => daysBetween(startDate, day) > 0)
    .map(({ warning, day }) => ({
      daysBefore: warning.daysBefore,
      at: startOfShanghaiDay(day),
      notify: [...warning.notify],
    }));

  // Escalation rungs fire `daysAfter` calendar days after the deadline passed (dueAt).
  const escalations = rule.expiry.escalations.map((rung) => ({
    rung: rung.rung,
    daysAfter: rung.daysAfter,
    at: endOfShanghaiDay(addDays(dueDate, rung.daysAfter)),
    notify: [...rung.notify],
  }));

  return {
    ruleSetId: ruleSet.id,
    ruleSetVersion: ruleSet.version,
    deadlineKey: rule.key,
    startDate,
    length,
    unit: rule.unit,
    extensionDays,
    pausedDays,
    dueDate,
    dueAt,
    provisional,
    calendarVersion: calendar.version,
    explanation,
    kind: rule.kind,
    actor: rule.actor,
    citation: rule.citation,
    warnings,
    expiry: { policy: rule.expiry.policy, escalations },
  };
}
