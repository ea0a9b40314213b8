import { Command, CommanderError } from 'commander';
import { registerAdminCommands } from './commands/admin';
import { registerCalendarCommand } from './commands/calendar';
import { registerDeadlineCommand } from './commands/deadline';
import { registerDemoCommand } from './commands/demo';
import { registerDevServicesCommand } from './commands/dev-services';
import { registerOidcProviderCommand } from './commands/oidc-provider';
import { registerOrgCommand } from './commands/org';
import { registerReportCommand } from './commands/report';
import { registerRulesCommand } from './commands/rules';
import { registerServeCommands } from './commands/serve';
import { ConfigSchema } from '../config';
import { installTemporalRuntime } from '../temporal/runtime';

/** Usage errors (unknown rule set, malformed date, …) exit with this code. */
export const USAGE_EXIT_CODE = 2;

export function buildProgram(): Command {
  const program = new Command('petitionflow')
    .description('Petition (信访) processing on durable Temporal workflows')
    .exitOverride()
    .showHelpAfterError(false);
  registerServeCommands(program);
  registerAdminCommands(program);
  registerDeadlineCommand(program);
  registerRulesCommand(program);
  registerReportCommand(program);
  registerOrgCommand(program);
  registerDemoCommand(program);
  registerDevServicesCommand(program);
  registerOidcProviderCommand(program);
  registerCalendarCommand(program);
  return program;
}

/** Runs the command line; the `bin/petitionflow.js` entry calls this. */
export async function runCli(argv: string[]): Promise<void> {
  // Before anything touches Temporal; a malformed address is reported when the command loads its config.
  const metricsAddress = ConfigSchema.shape.TEMPORAL_METRICS_ADDRESS.safeParse(
    process.env.TEMPORAL_METRICS_ADDRESS,
  );
  installTemporalRuntime('WARN', metricsAddress.success ? metricsAddress.data : undefined);
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
      return;
    }
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  }
}
