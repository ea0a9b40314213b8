import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { releaseRuleSet } from '../../domain/rulebook/release';
import { connectDatabase, connectTemporal } from '../running-stack';
import { operatorName, printReplan, readJsonFile, reportingRulebookErrors } from './rulebook-output';

/** `rules release`: a rule-set version loaded by every process; new cases pin it (docs/rules-and-calendar.md). */
export function registerRulesReleaseCommand(rules: Command): void {
  rules
    .command('release')
    .description(
      'Release a rule-set version (a complete file, or one that extends "id@version"): every process loads it and ' +
        'new cases pin it; running cases keep their version unless its transitional provision applies to them',
    )
    .argument('<file>', 'the version as JSON (as src/rules/rule-sets/<id>/<version>.json)')
    .option('--json', 'print the result as JSON')
    .option('--by <name>', 'who releases it (recorded; default: the system user)')
    .addHelpText(
      'after',
      '\nConnects to DATABASE_URL and TEMPORAL_ADDRESS, or to the embedded servers of a running `npm start`.',
    )
    .action((file: string, options: { json?: boolean; by?: string }) =>
      reportingRulebookErrors(async () => {
        const raw = readJsonFile(file);
        const config = loadConfig();
        const pool = await connectDatabase(config);
        const temporal = await connectTemporal(config).catch(async (err: unknown) => {
          await pool.end();
          throw err;
        });
        try {
          const { ruleSet, replan } = await releaseRuleSet(
            pool,
            temporal.client,
            raw,
            operatorName(options.by),
          );
          const released = { ruleSetId: ruleSet.id, version: ruleSet.version };
          if (!replan) {
            console.log(
              options.json
                ? JSON.stringify({ ...released, appliesToRunningCases: false }, null, 2)
                : `released ${ruleSet.id} v${ruleSet.version}: new cases pin it; running cases keep their version`,
            );
            return;
          }
          if (!options.json)
            console.log(
              `released ${ruleSet.id} v${ruleSet.version}; its transitional provision (${ruleSet.transitional?.citation}) ` +
                'applies to running cases',
            );
          printReplan(replan, options.json === true, { ...released, appliesToRunningCases: true });
        } finally {
          await temporal.close();
          await pool.end();
        }
      }),
    );
}
