import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { createPool } from '../../db/pool';
import { LOCAL_REDIRECT_URIS, startEmbeddedSignIn } from '../../runtime/embedded-sign-in';

/** The line that announces the provider; the issuer URL follows it. */
export const OIDC_PROVIDER_READY = 'OIDC provider listening at';

/**
 * The embedded OpenID provider alone, as a process of its own (the tests start it, stop it, and start it
 * again with a rotated key): EMBEDDED_OIDC_PORT, EMBEDDED_OIDC_KEYS, users from DATABASE_URL.
 */
export function registerOidcProviderCommand(program: Command): void {
  program
    .command('oidc-provider', { hidden: true })
    .description('Run the embedded OpenID provider alone (development and tests)')
    .action(async () => {
      const config = loadConfig();
      if (!config.DATABASE_URL) throw new Error('DATABASE_URL must be set (the users who may sign in)');
      const pool = createPool(config.DATABASE_URL);
      const provider = await startEmbeddedSignIn(config, pool, LOCAL_REDIRECT_URIS);
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        void provider
          .stop()
          .then(() => pool.end())
          .finally(() => process.exit(0));
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
      // Never outlives the process that started it (a test run killed without its teardown).
      process.stdin.on('close', stop);
      process.stdin.resume();
      console.log(`${OIDC_PROVIDER_READY} ${provider.issuer}`);
    });
}
