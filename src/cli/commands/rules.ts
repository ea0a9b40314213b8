import type { Command } from 'commander';
import { registerRulesReleaseCommand } from './rules-release';
import { DEFAULT_RULE_SET_ID, getRuleSet, listRuleSets, RulesError, type RuleSet } from '../../rules';
import { registerRulesImpactCommand } from './rules-impact';

/** Same status main.ts gives Commander usage errors: a wrong rule set or date is a usage error too. */
const USAGE_EXIT_CODE = 2;

/**
 * Runs a command action, turning a RulesError (unknown rule set, deadline or malformed date) into a one-line
 * `error: …` on stderr and exit status 2; anything else is a bug and propagates.
 */
export function reportingRulesErrors<Args extends unknown[]>(
  action: (...args: Args) => void,
): (...args: Args) => void {
  return (...args: Args) => {
    try {
      action(...args);
    } catch (err) {
      if (!(err instanceof RulesError)) throw err;
      console.error(`error: ${err.message.replace(/\s*\n\s*/g, ' ')}`);
      process.exitCode = USAGE_EXIT_CODE;
    }
  };
}

/** Terminal columns a string takes: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        char,
      )
        ? 2
        : 1;
  return width;
}

/** A plain-text table; the last column is not padded, so long citations can run on. */
export function formatTable(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => displayWidth(row[column] ?? ''))));
  return all
    .map((row) =>
      row
        .map((cell, column) =>
          column === row.length - 1 ? cell : cell + ' '.repeat((widths[column] ?? 0) - displayWidth(cell)),
        )
        .join('  '),
    )
    .join('\n');
}

function describeRuleSet(ruleSet: RuleSet): string {
  const lines = [
    `${ruleSet.id} v${ruleSet.version}${ruleSet.id === DEFAULT_RULE_SET_ID ? ' (default)' : ''}: ${ruleSet.title}`,
    `text: ${ruleSet.text.title} (${ruleSet.text.year}), ${ruleSet.text.source}, in force from ${ruleSet.text.effectiveFrom}` +
      inForceUntil(ruleSet) +
      (ruleSet.extends ? `; overrides ${ruleSet.extends}` : ''),
    `counting: start day ${ruleSet.counting.excludeStartDay ? 'not counted' : 'counted'}, ` +
      `${ruleSet.counting.rollForwardToWorkingDay ? 'a period ending on a rest day ends on the next working day' : 'no roll-forward'}, ` +
      `ends ${ruleSet.counting.endOfDay} ${ruleSet.counting.timeZone} (${ruleSet.counting.basis})`,
    '',
    formatTable(
      ['DEADLINE', 'LENGTH', 'FROM EVENT', 'MET BY', 'ACTOR', 'KIND', 'ON EXPIRY', 'CITATION'],
      ruleSet.deadlines.map((deadline) => [
        deadline.key,
        `${deadline.length} ${deadline.unit === 'calendar-days' ? 'd' : 'wd'}${deadline.pausable ? ' (pausable)' : ''}`,
        deadline.startsAt,
        deadline.stopsAt.join(', '),
        deadline.actor,
        deadline.kind,
        [
          deadline.expiry.policy,
          ...deadline.expiry.escalations.map((rung) => `escalate +${rung.daysAfter} d`),
        ]
          .filter(Boolean)
          .join(', ') || '-',
        deadline.citation,
      ]),
    ),
    '',
    `extension: ${ruleSet.extension.appliesTo.join(', ')} by at most ${ruleSet.extension.capDays} d in total` +
      `${ruleSet.extension.multipleGrants ? ' (several grants allowed)' : ''}, approved by ${ruleSet.extension.approverRole}` +
      (ruleSet.extension.assignedMatterApproverRole
        ? ` (${ruleSet.extension.assignedMatterApproverRole} for an assigned matter)`
        : '') +
      ` — ${ruleSet.extension.citation}`,
    `supervision: ${ruleSet.supervision.automaticNoticeOnExpiry ? 'automatic notice on expiry' : 'manual'}, ` +
      `feedback under '${ruleSet.supervision.feedbackDeadline}' — ${ruleSet.supervision.citation}`,
    `escalation: to ${ruleSet.escalation.office}; an unsettled routing objection when ` +
      `'${ruleSet.escalation.objectionDeadline}' passes — ${ruleSet.escalation.citation}`,
    `evaluation: under '${ruleSet.evaluation.deadline}', of ${ruleSet.evaluation.evaluates.join(', ')} ` +
      `(${ruleSet.evaluation.grades.join(' / ')})`,
    `return visit: under '${ruleSet.returnVisit.deadline}'`,
  ];
  if (ruleSet.acceptance) {
    const notice = ruleSet.acceptance.writtenNoticeRequired
      ? 'a decision told in writing'
      : 'no notice required';
    lines.push(`acceptance: ${notice} — ${ruleSet.acceptance.citation}`);
  }
  if (ruleSet.closures?.verification) {
    lines.push(`closure on verification (核查) — ${ruleSet.closures.verification.citation}`);
  }
  if (ruleSet.closures?.agreementCarriedOut) {
    lines.push(`closure on an agreement carried out — ${ruleSet.closures.agreementCarriedOut.citation}`);
  }
  if (ruleSet.simplifiedProcedure) {
    lines.push(
      `simplified procedure: '${ruleSet.simplifiedProcedure.deadline}' for ${ruleSet.simplifiedProcedure.eligibility} ` +
        `(${ruleSet.simplifiedProcedure.source})`,
    );
  }
  return lines.join('\n');
}

/** A replaced text: the last day it applied and the rule set of its successor (cases received before that take it). */
function inForceUntil(ruleSet: RuleSet): string {
  const { effectiveUntil, supersededBy } = ruleSet.text;
  if (!effectiveUntil) return '';
  return (
    ` to ${effectiveUntil}` +
    (supersededBy ? ` (then ${supersededBy}; cases received before take this set)` : '')
  );
}

export function registerRulesCommand(program: Command): void {
  const rules = program
    .command('rules')
    .description(
      'The rule sets deadlines are computed with: list and show them, preview a change (impact), release a version',
    );

  rules
    .command('list')
    .description('List the rule sets')
    .option('--json', 'print JSON')
    .action(
      reportingRulesErrors((options: { json?: boolean }) => {
        const ruleSets = listRuleSets();
        if (options.json) {
          console.log(JSON.stringify(ruleSets, null, 2));
          return;
        }
        console.log(
          formatTable(
            ['ID', 'VERSION', 'IN FORCE FROM', 'DEADLINES', 'TEXT'],
            ruleSets.map((ruleSet) => [
              ruleSet.id + (ruleSet.id === DEFAULT_RULE_SET_ID ? ' *' : ''),
              ruleSet.version,
              ruleSet.text.effectiveFrom,
              String(ruleSet.deadlines.length),
              `${ruleSet.text.title} (${ruleSet.text.year})` +
                (ruleSet.text.effectiveUntil ? `, until ${ruleSet.text.effectiveUntil}` : ''),
            ]),
          ),
        );
        console.log('* default');
      }),
    );

  rules
    .command('show')
    .description('Show one rule set: its deadlines, extension, supervision and escalation policy')
    .argument('<id>', 'rule set id, e.g. national-2022')
    .option('--json', 'print JSON')
    .action(
      reportingRulesErrors((id: string, options: { json?: boolean }) => {
        const ruleSet = getRuleSet(id);
        console.log(options.json ? JSON.stringify(ruleSet, null, 2) : describeRuleSet(ruleSet));
      }),
    );

  registerRulesImpactCommand(rules);
  registerRulesReleaseCommand(rules);
}
