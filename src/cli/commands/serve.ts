import { Connection, type TLSConfig } from '@temporalio/client';
import type { Command } from 'commander';
import type { Pool } from 'pg';
import { loadConfig } from '../../config';
import { migrate } from '../../db/migrate';
import { asRuntimeRole } from '../../db/roles';
import { createPool } from '../../db/pool';
import { classificationOf } from '../../domain/classification';
import { DEMO_ORGANISATION, seedDemoOrganisation } from '../../domain/organisation/demo';
import { summarisePlan } from '../../domain/organisation/plan';
import { resolveAuthSecret } from '../../runtime/auth-secret';
import { LOCAL_REDIRECT_URIS, startEmbeddedSignIn } from '../../runtime/embedded-sign-in';
import { signInSettings } from '../../runtime/sign-in';
import { provideInfrastructure } from '../../runtime/local-stack';
import { createLogger } from '../../runtime/logger';
import { ensureWorkbenchBuilt } from '../../runtime/workbench-build';
import { noticeDeliveryFrom } from '../../runtime/notice-delivery';
import { type RunningService, startApi, startWorker } from '../../runtime/services';
import { ensureSearchAttributes } from '../../temporal/search-attributes';
import { temporalTlsOf } from '../../temporal/tls';
import { dueThisWeek, OPS_QUERIES, workflowsLink } from '../../temporal/ui-links';

const say = (message: string) => console.log(`[petitionflow] ${message}`);

/** Stops everything, once, on Ctrl-C or SIGTERM. */
function stopOnSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    say(`${signal} received, stopping…`);
    stop().then(
      () => process.exit(process.exitCode ?? 0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

/** A worker that stopped by itself polls nothing: stop the process (non-zero) so a supervisor restarts it. */
function exitOnWorkerFailure(): void {
  process.exitCode = 1;
  process.kill(process.pid, 'SIGTERM');
}

/** `start`, `worker` and `api`: the long-running processes. */
export function registerServeCommands(program: Command): void {
  program
    .command('start')
    .description(
      'Run the whole system: Temporal dev server + Web UI, PostgreSQL, worker and API (embedded defaults)',
    )
    .action(async () => {
      const config = loadConfig();
      const logger = createLogger(config.LOG_LEVEL);
      const authSecret = resolveAuthSecret(config);
      // A bad classification file stops the start before anything is started.
      const classification = classificationOf(config.CLASSIFICATION_FILE);
      // The workbench's pages, built from web/ at the first start and after a change (an image has them built).
      ensureWorkbenchBuilt(say);
      // The embedded provider's development passwords are for the embedded database only.
      if (config.DATABASE_URL && !config.OIDC_ISSUER)
        throw new Error(
          'OIDC_ISSUER must be set when DATABASE_URL points at a real database (docs/sign-in.md)',
        );
      const started = Date.now();
      const stops: RunningService[] = [];
      const stopAll = async () => {
        for (const s of stops.reverse()) await s.stop().catch((err: unknown) => console.error(err));
      };
      // Listening from the start: Ctrl-C during a server start (or the first tool build) waits for it
      // to finish and then stops it, instead of leaving it running.
      let starting: Promise<unknown> = Promise.resolve();
      stopOnSignal(async () => {
        await starting.catch(() => undefined);
        await stopAll();
      });
      const provisioning = provideInfrastructure(config, say);
      starting = provisioning;
      const infra = await provisioning;
      stops.push(infra);
      // On the embedded database the app acts as the runtime role (rows only, append-only audit trail), as in
      // production; a real DATABASE_URL's login decides that itself.
      const pool = createPool(config.DATABASE_URL ? infra.databaseUrl : asRuntimeRole(infra.databaseUrl));
      stops.push({ stop: () => pool.end() });
      try {
        await migrate(infra.databaseUrl, say);
        // Demo users (with well-known logins) only ever go into the embedded database, never a real one.
        if (!config.DATABASE_URL) {
          const seeded = await seedDemoOrganisation(pool);
          if (!seeded)
            say('The database holds an organisation of its own: the demo organisation is not imported');
          else if (seeded.ok && seeded.applied)
            say(`Imported the demo organisation (${summarisePlan(seeded.plan)})`);
        }
        if (!config.OIDC_ISSUER) {
          const provider = await startEmbeddedSignIn(config, pool, LOCAL_REDIRECT_URIS);
          stops.push(provider);
          say(`OpenID provider (embedded) ${provider.issuer}`);
        }
        const common = {
          pool,
          temporalAddress: infra.temporalAddress,
          namespace: config.TEMPORAL_NAMESPACE,
          taskQueue: config.TEMPORAL_TASK_QUEUE,
          logger,
        };
        say('Starting the worker (bundling workflow code)…');
        stops.push(
          await startWorker({
            ...common,
            maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
            onFatalError: exitOnWorkerFailure,
          }),
        );
        const delivery = noticeDeliveryFrom(config, config.API_PORT);
        delivery.lines.forEach(say);
        // Embedded defaults are for one machine: listen on the loopback interface unless API_HOST says otherwise.
        const api = await startApi({
          ...common,
          noticeDelivery: delivery.settings,
          authSecret,
          signIn: signInSettings(config),
          publicRateLimit: config.PUBLIC_RATE_LIMIT,
          documentGraceHours: config.DOCUMENT_GRACE_HOURS,
          maxAttachmentBytes: config.ATTACHMENT_MAX_BYTES,
          trustProxy: config.TRUST_PROXY,
          classification,
          port: config.API_PORT,
          host: config.API_HOST ?? '127.0.0.1',
          // The worker runs in this process: its SDK metrics follow the API's on /metrics.
          metrics: {
            token: config.METRICS_TOKEN,
            workerMetricsUrl:
              config.TEMPORAL_METRICS_ADDRESS && `http://${config.TEMPORAL_METRICS_ADDRESS}/metrics`,
          },
        });
        stops.push(api);
        const base = `http://localhost:${api.port}`;
        say(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        say(`Workbench     ${base}/   (staff: sign in at the OpenID provider)`);
        say(`API           ${base}/api/petitions`);
        say(`API docs      ${base}/docs   (OpenAPI: ${base}/openapi.json)`);
        if (infra.temporalUiUrl) {
          say(`Temporal UI   ${infra.temporalUiUrl}`);
          for (const { label, query } of [...OPS_QUERIES, dueThisWeek(new Date())]) {
            say(
              `  ${label.padEnd(30)} ${workflowsLink(infra.temporalUiUrl, config.TEMPORAL_NAMESPACE, query)}`,
            );
          }
        }
        say(
          `Temporal      ${infra.temporalAddress}   PostgreSQL ${infra.databaseUrl.replace(/:[^:@/]+@/, ':***@')}`,
        );
        say(`Reports       ${base}/reports/   (sign in at the OpenID provider)`);
        if (!config.DATABASE_URL)
          say(`Demo users (password = login): ${DEMO_ORGANISATION.users.map((u) => u.login).join(', ')}`);
        if (!config.OIDC_ISSUER)
          say(
            'Get a token:  npx petitionflow token --user registrar   (then: Authorization: Bearer <token>)',
          );
        say(`Stop with Ctrl-C; data stays in ${config.DATA_DIR}/ for the next start.`);
      } catch (err) {
        await stopAll();
        throw err;
      }
    });

  program
    .command('worker')
    .description('Run the Temporal worker (needs DATABASE_URL and TEMPORAL_ADDRESS)')
    .action(async () => {
      const { config, connected } = await connectedServices();
      const worker = await startWorker({
        ...connected,
        workflowBundlePath: config.WORKFLOW_BUNDLE_PATH,
        maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
        onFatalError: exitOnWorkerFailure,
      });
      stopOnSignal(async () => {
        await worker.stop();
        await connected.pool.end();
      });
      say(`Worker polling task queue ${connected.taskQueue} on ${connected.temporalAddress}`);
    });

  program
    .command('api')
    .description('Run the HTTP API (needs DATABASE_URL, TEMPORAL_ADDRESS, AUTH_SECRET and OIDC_ISSUER)')
    .action(async () => {
      if (!loadConfig().OIDC_ISSUER)
        throw new Error('OIDC_ISSUER must be set: the API accepts the access tokens of that provider only');
      const { config, connected } = await connectedServices();
      const classification = classificationOf(config.CLASSIFICATION_FILE);
      const delivery = noticeDeliveryFrom(config, config.API_PORT);
      delivery.lines.forEach(say);
      const api = await startApi({
        ...connected,
        noticeDelivery: delivery.settings,
        authSecret: resolveAuthSecret(config),
        signIn: signInSettings(config),
        publicRateLimit: config.PUBLIC_RATE_LIMIT,
        documentGraceHours: config.DOCUMENT_GRACE_HOURS,
        maxAttachmentBytes: config.ATTACHMENT_MAX_BYTES,
        trustProxy: config.TRUST_PROXY,
        classification,
        port: config.API_PORT,
        host: config.API_HOST,
        metrics: { token: config.METRICS_TOKEN },
      });
      stopOnSignal(async () => {
        await api.stop();
        await connected.pool.end();
      });
      say(`API listening on port ${api.port}`);
    });
}

/**
 * `worker` and `api` connect to servers run elsewhere (compose, production), and register the custom
 * search attributes the namespace lacks.
 */
async function connectedServices() {
  const config = loadConfig();
  if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS) {
    throw new Error(
      'DATABASE_URL and TEMPORAL_ADDRESS must be set (or use `petitionflow start` for embedded defaults)',
    );
  }
  const connected = {
    pool: createPool(config.DATABASE_URL),
    temporalAddress: config.TEMPORAL_ADDRESS,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    logger: createLogger(config.LOG_LEVEL),
    temporalTls: temporalTlsOf(config),
  };
  try {
    await registerSearchAttributes(connected);
  } catch (err) {
    await connected.pool.end();
    throw err;
  }
  return { config, connected };
}

/**
 * One process at a time (a lock in the shared database), so that workers and APIs starting together
 * neither race each other nor start before the server accepts the new attributes.
 */
async function registerSearchAttributes(settings: {
  temporalAddress: string;
  temporalTls?: TLSConfig;
  namespace: string;
  pool: Pool;
}) {
  const connection = await Connection.connect({
    address: settings.temporalAddress,
    tls: settings.temporalTls,
  });
  try {
    const added = await ensureSearchAttributes(connection, settings.namespace, { lock: settings.pool });
    if (added.length)
      say(`Registered search attributes in namespace ${settings.namespace}: ${added.join(', ')}`);
  } finally {
    await connection.close();
  }
}
