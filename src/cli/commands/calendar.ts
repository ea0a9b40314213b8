import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { addOfficialYear } from '../../domain/rulebook/add-year';
import { checkNewOfficialYear } from '../../rules';
import { connectDatabase, connectTemporal } from '../running-stack';
import { operatorName, printReplan, readJsonFile, reportingRulebookErrors } from './rulebook-output';

const WHERE =
  '\nConnects to DATABASE_URL and TEMPORAL_ADDRESS, or to the embedded servers of a running `npm start`.';

/** `calendar add-year`: the State Council's holiday notice for a year, loaded by every process (docs/rules-and-calendar.md). */
export function registerCalendarCommand(program: Command): void {
  const calendar = program.command('calendar').description('The official working-day calendar');
  calendar
    .command('add-year')
    .description(
      "Add a year of the State Council's holiday notice (holidays and make-up working days) to the calendar every " +
        'process loads, then re-plan the running cases whose deadlines were provisional and print what moved',
    )
    .argument('<file>', 'the year as JSON (docs/examples/official-year-2027.example.json shows the shape)')
    .option('--json', 'print the moves as JSON')
    .option('--by <name>', 'who adds it (recorded; default: the system user)')
    .addHelpText('after', WHERE)
    .action((file: string, options: { json?: boolean; by?: string }) =>
      reportingRulebookErrors(async () => {
        const raw = readJsonFile(file);
        // The file's own faults are reported before anything is reached (the store is checked again inside).
        checkNewOfficialYear(raw);
        const config = loadConfig();
        const pool = await connectDatabase(config);
        const temporal = await connectTemporal(config).catch(async (err: unknown) => {
          await pool.end();
          throw err;
        });
        try {
          const added = await addOfficialYear(pool, temporal.client, raw, operatorName(options.by));
          if (!options.json)
            console.log(`added the official schedule for ${added.year}: calendar ${added.calendarVersion}`);
          printReplan(added.replan, options.json === true, {
            year: added.year,
            calendarVersion: added.calendarVersion,
          });
        } finally {
          await temporal.close();
          await pool.end();
        }
      }),
    );
}
