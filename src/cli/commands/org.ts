import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { exportOrganisation } from '../../domain/organisation/export';
import { organisationJsonSchemaText } from '../../domain/organisation/file-format';
import { importOrganisationText } from '../../domain/organisation/import';
import { formatFileErrors } from '../../domain/organisation/parse';
import { describePlan, planIsEmpty, summarisePlan } from '../../domain/organisation/plan';
import { connectDatabase } from '../running-stack';

const WHERE = '\nConnects to DATABASE_URL, or to the embedded PostgreSQL of a running `npm start`.';

/** `org import` and `org export`: the organisation as a file (docs/organisation.md). */
export function registerOrgCommand(program: Command): void {
  const org = program.command('org').description('The organisation (regions, units, users) as a file');
  org
    .command('import')
    .description(
      'Check an organisation file, print what it changes, and apply it in one transaction. Units and users ' +
        'the file no longer lists are deactivated, never deleted.',
    )
    .argument('<file>', 'the organisation file (YAML or JSON; docs/organisation.md)')
    .option('--dry-run', 'check and print the changes, write nothing')
    .addHelpText('after', WHERE)
    .action(async (file: string, options: { dryRun?: boolean }) => {
      const started = performance.now();
      const text = fs.readFileSync(file, 'utf8');
      const pool = await connectDatabase(loadConfig());
      try {
        const result = await importOrganisationText(pool, text, { dryRun: options.dryRun });
        if (!result.ok) {
          console.error(formatFileErrors(file, result.errors));
          console.error(`org import: ${result.errors.length} error(s) in ${file}; nothing was changed`);
          process.exitCode = 1;
          return;
        }
        const lines = describePlan(result.plan);
        if (lines.length > 0) console.log(lines.join('\n'));
        if (planIsEmpty(result.plan)) console.log('no changes');
        else
          console.log(`${summarisePlan(result.plan)}${options.dryRun ? ' (dry run: nothing written)' : ''}`);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        console.log(`org import: ${result.counts.units} units, ${result.counts.users} users in ${seconds} s`);
      } finally {
        await pool.end();
      }
    });
  org
    .command('schema')
    .description('Print the JSON Schema of the organisation file (as in docs/organisation.schema.json)')
    .action(() => {
      process.stdout.write(organisationJsonSchemaText());
    });
  org
    .command('export')
    .description('Write the stored organisation in the file format (importing it again changes nothing)')
    .option('--output <file>', 'write to this file instead of standard output')
    .addHelpText('after', WHERE)
    .action(async (options: { output?: string }) => {
      const pool = await connectDatabase(loadConfig());
      try {
        const text = await exportOrganisation(pool);
        if (options.output) fs.writeFileSync(options.output, text);
        else process.stdout.write(text);
      } finally {
        await pool.end();
      }
    });
}
