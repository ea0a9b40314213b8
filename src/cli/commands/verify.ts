import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { remainingDrift, verifyCases, type VerifyReport } from '../../domain/verification';
import { connectDatabase, connectTemporal } from '../running-stack';

/** `verify [--fix]`: every case's read model against its workflow; exit 0 only when nothing drifted. */
export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description(
      'Compare every case’s read model (PostgreSQL) with its workflow (Temporal) and its own audit trail. ' +
        'Run it after an incident (a database restore, a workflow reset, processes killed). Needs the stack ' +
        'running with a worker (closed cases are queried by replay). Exit 0 only when nothing drifted.',
    )
    .option('--fix', 'fold drifted read models again from their events; finish or remove stuck registrations')
    .option('--json', 'print the report as JSON')
    .option('--case <ids...>', 'only these cases (petition numbers)')
    .action(async (options: { fix?: boolean; json?: boolean; case?: string[] }) => {
      const config = loadConfig();
      const pool = await connectDatabase(config);
      const temporal = await connectTemporal(config);
      try {
        const report = await verifyCases(
          { pool, client: temporal.client, taskQueue: config.TEMPORAL_TASK_QUEUE },
          {
            fix: options.fix ?? false,
            ...(options.case ? { only: options.case } : {}),
            onProgress: (n) => process.stderr.write(`\rchecked ${n} cases`),
          },
        );
        process.stderr.write('\n');
        console.log(options.json ? JSON.stringify(report, null, 2) : describe(report, options.fix ?? false));
        process.exitCode = remainingDrift(report, options.fix ?? false) === 0 ? 0 : 1;
      } finally {
        await temporal.close();
        await pool.end();
      }
    });
}

function describe(report: VerifyReport, fixed: boolean): string {
  const f = report.findings;
  const ids = (list: string[]) =>
    list.length ? `  ${list.slice(0, 20).join(' ')}${list.length > 20 ? ' …' : ''}` : '';
  const lines = [
    `checked ${report.checked} cases: ${f.ok.length} in step`,
    `projection drift (read model ≠ fold of its events): ${f['projection-drift'].length}${fixed ? `, folded again: ${report.repaired.length}` : ''}${ids(f['projection-drift'])}`,
    `events missing (workflow ahead of PostgreSQL, not repairable here): ${f['events-missing'].length}${ids(f['events-missing'])}`,
    `workflow missing: ${f['workflow-missing'].length}${ids(f['workflow-missing'])}`,
    `registrations without events (older than 2 min): finished ${report.unstarted.finished.length}, removed ${report.unstarted.removed.length}, waiting ${report.unstarted.waiting.length}, failed ${report.unstarted.failed.length}${ids(report.unstarted.waiting)}`,
    `drift remaining: ${remainingDrift(report, fixed)}`,
  ];
  return lines.join('\n');
}
