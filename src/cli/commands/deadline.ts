import { InvalidArgumentError, type Command } from 'commander';
import {
  DEADLINE_KEYS,
  DEFAULT_RULE_SET_ID,
  dueDate,
  getRuleSet,
  type DeadlineKey,
  type DeadlineResult,
} from '../../rules';
import { reportingRulesErrors } from './rules';

interface DeadlineCommandOptions {
  ruleSet: string;
  deadline: string;
  start: string;
  extensionDays?: number;
  pausedDays?: number;
  json?: boolean;
}

function wholeDays(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number of days ≥ 0');
  return Number(value);
}

function describeResult(result: DeadlineResult): string {
  const lines = [
    `${result.deadlineKey} (${result.ruleSetId} v${result.ruleSetVersion}): due ${result.dueDate}, ` +
      `ends 24:00 Asia/Shanghai = ${result.dueAt}${result.provisional ? '  [PROVISIONAL]' : ''}`,
    `${result.kind}; ${result.actor} must act; ${result.citation}`,
    '',
    'How it was counted:',
    ...result.explanation.map((step, index) => `  ${index + 1}. ${step}`),
  ];
  if (result.warnings.length > 0) {
    lines.push('', 'Warnings:');
    for (const warning of result.warnings) {
      lines.push(`  ${warning.daysBefore} d before, at ${warning.at} → ${warning.notify.join(', ')}`);
    }
  }
  const expiry = [
    EXPIRY_WORDS[result.expiry.policy],
    ...result.expiry.escalations.map(
      (rung) => `escalation rung ${rung.rung} at ${rung.at} → ${rung.notify.join(', ')}`,
    ),
  ].filter(Boolean);
  lines.push('', `On expiry: ${expiry.length > 0 ? expiry.join('; ') : 'nothing automatic'}`);
  return lines.join('\n');
}

export function registerDeadlineCommand(program: Command): void {
  program
    .command('deadline')
    .description('Compute when a deadline falls due, on the official working-day calendar')
    .option(
      '--rule-set <id>',
      'rule set to apply; id@version for a released version (default: the latest)',
      DEFAULT_RULE_SET_ID,
    )
    .requiredOption('--deadline <key>', `deadline key: ${DEADLINE_KEYS.join(', ')}`)
    .requiredOption('--start <date>', 'Asia/Shanghai date of the starting event, YYYY-MM-DD')
    .option('--extension-days <n>', 'extension granted so far, in total', wholeDays)
    .option('--paused-days <n>', 'days the clock stood still (re-examination hearing)', wholeDays)
    .option('--json', 'print the full result as JSON')
    .action(
      reportingRulesErrors((options: DeadlineCommandOptions) => {
        const [id = '', version] = options.ruleSet.split('@');
        const ruleSet = getRuleSet(id, version);
        // dueDate validates the key (UnknownDeadlineError), so the cast only satisfies the compiler.
        const result = dueDate(ruleSet, options.deadline as DeadlineKey, options.start, {
          extensionDays: options.extensionDays,
          pausedDays: options.pausedDays,
        });
        console.log(options.json ? JSON.stringify(result, null, 2) : describeResult(result));
      }),
    );
}

const EXPIRY_WORDS = {
  supervise: 'a supervision notice is issued',
  'lapse-and-close': 'the window lapses and the case closes',
  'lapse-and-continue': 'the window lapses and the case goes on as it stands',
  escalate: 'it goes to the joint-conference office',
} as const;
