import fs from 'node:fs';
import os from 'node:os';
import type { ReplanReport } from '../../domain/rulebook/replan-cases';
import { RulesError } from '../../rules';
import { formatTable } from './rules';

/** A usage error of `calendar add-year` / `rules release`: exit 2 with the reason, nothing changed. */
export class RulebookInputError extends Error {}

/** The file as JSON; a missing or malformed file is a usage error. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new RulebookInputError(`cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new RulebookInputError(`${file} is not JSON: ${(err as Error).message}`);
  }
}

/** Who runs the command, recorded with what it adds and as the actor of the events it causes. */
export function operatorName(given?: string): string {
  if (given) return given;
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return 'cli';
  }
}

/** Runs an operator command: a refusal (bad file, version, year) → `error: …` and exit 2. */
export async function reportingRulebookErrors(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (err) {
    if (!(err instanceof RulesError) && !(err instanceof RulebookInputError)) throw err;
    console.error(`error: ${err.message.replace(/\s*\n\s*/g, ' ')}; nothing was changed`);
    process.exitCode = 2;
  }
}

/** The moves of a re-plan: counts, then one row per moved deadline; failures on stderr (exit 1). */
export function printReplan(report: ReplanReport, json: boolean, heading: Record<string, unknown>): void {
  const changedDates = report.moved.filter((m) => m.dateChanged).length;
  if (json) {
    console.log(
      JSON.stringify(
        {
          ...heading,
          casesSelected: report.selected,
          casesMoved: report.casesChanged,
          deadlinesRecomputed: report.moved.length,
          deadlinesMovedToAnotherDate: changedDates,
          moves: report.moved.map((m) => ({
            caseNumber: m.petitionId,
            deadline: m.key,
            dueBefore: m.dueBefore,
            dueAfter: m.dueAfter,
            dateChanged: m.dateChanged,
          })),
          failed: report.failed,
        },
        null,
        2,
      ),
    );
  } else {
    console.log(
      `re-planned ${report.selected} running case(s): ${report.casesChanged} case(s) changed, ` +
        `${report.moved.length} deadline(s) recomputed, ${changedDates} moved to another date`,
    );
    if (report.moved.length > 0) {
      console.log(
        formatTable(
          ['CASE', 'DEADLINE', 'DUE BEFORE', 'DUE AFTER'],
          report.moved.map((m) => [
            m.petitionId,
            m.key,
            m.dueBefore,
            m.dueAfter + (m.dateChanged ? '' : ' (same)'),
          ]),
        ),
      );
    }
  }
  for (const failure of report.failed)
    console.error(`not re-planned: ${failure.petitionId}: ${failure.reason}`);
  if (report.failed.length > 0) process.exitCode = 1;
}
