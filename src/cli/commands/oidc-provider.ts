import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { createPool } from '../../db/pool';
import { startEmbeddedSignIn } from '../../runtime/embedded-sign-in';

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
    .option('--redirect-uri <url...>', "the browser client's redirect URIs", [])
    .action(async (options: { redirectUri: string[] }) => {
      const config = loadConfig();
      if (!config.DATABASE_URL) throw new Error('DATABASE_URL must be set (the users who may sign in)');
      const pool = createPool(config.DATABASE_URL);
      const provider = await startEmbeddedSignIn(config, pool, options.redirectUri);
      const stop = () =>
        void provider
          .stop()
          .then(() => pool.end())
          .finally(() => process.exit(0));
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
      console.log(`${OIDC_PROVIDER_READY} ${provider.issuer}`);
    });
}
