import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { migrate } from '../../db/migrate';
import { createPool } from '../../db/pool';
import { seedDemoOrganisation } from '../../domain/organisation/demo';
import { summarisePlan } from '../../domain/organisation/plan';
import { embeddedTokenMinter } from '../../runtime/embedded-sign-in';
import { registerVerifyCommand } from './verify';

/** `migrate`, `token` and `verify`: one-shot operator commands. */
export function registerAdminCommands(program: Command): void {
  registerVerifyCommand(program);
  program
    .command('migrate')
    .description('Apply database migrations to DATABASE_URL')
    .option('--seed-demo', 'also insert the demo organisation and users')
    .action(async (options: { seedDemo?: boolean }) => {
      const config = loadConfig();
      if (!config.DATABASE_URL)
        throw new Error('DATABASE_URL must be set (npm start migrates its embedded database itself)');
      await migrate(config.DATABASE_URL, console.log);
      if (options.seedDemo) {
        const pool = createPool(config.DATABASE_URL);
        try {
          const seeded = await seedDemoOrganisation(pool);
          console.log(
            seeded?.ok
              ? `Demo organisation: ${summarisePlan(seeded.plan)}`
              : 'The database holds an organisation of its own: the demo organisation is not imported',
          );
        } finally {
          await pool.end();
        }
      }
    });

  program
    .command('token')
    .description(
      "Mint an access token for a user, signed with the embedded OpenID provider's key (embedded defaults)",
    )
    .requiredOption('--user <login>', 'the user the token names (e.g. registrar)')
    .option('--ttl <duration>', 'how long the token is valid', '12h')
    .action(async (options: { user: string; ttl: string }) => {
      const mint = embeddedTokenMinter(loadConfig());
      console.log(await mint(options.user, options.ttl));
    });
}
