import { isUtf8 } from 'node:buffer';
import type { Client } from '@temporalio/client';
import express, { type Express } from 'express';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import { discoveryUrlOf, oidcVerifier, type SignInSettings } from '../auth/oidc-verifier';
import { AppError } from '../domain/errors';
import { type Classification, defaultClassification } from '../domain/classification';
import { PetitionService } from '../domain/petition-service';
import { authenticate, currentUser } from './authentication';
import { errorHandler, unknownRoute } from './errors';
import { warnOfUntrustedForwarding } from './forwarded-warning';
import { idempotency } from './idempotency';
import { inputHygiene } from './input-hygiene';
import { jsonBodiesOnly } from './json-bodies';
import { methodNotAllowed } from './method-not-allowed';
import { createApiMetrics, metricsEndpoint } from './metrics';
import { PostgresRateLimitStore } from './rate-limit-store';
import { requestLogSerializer } from './request-log';
import { apiHeaders, docsHeaders } from './security-headers';
import { buildOpenApiDocument } from './openapi';
import { classificationRoutes } from './routes/classification';
import { notificationRoutes } from './routes/notifications';
import { adminRoutes } from './routes/admin';
import { petitionRoutes } from './routes/petitions';
import { publicRoutes } from './routes/public';
import { reportRoutes } from './routes/reports';
import { reportsPageRoutes } from './routes/reports-page';
import { caseStaffRoutes, meRoutes, staffRoutes, unitRoutes } from './routes/me';
import { workbenchPageRoutes } from './routes/workbench-page';
import { supervisionRoutes } from './routes/supervision';
import { queueRoutes } from './routes/queue';
import { caseFileRoutes } from './routes/case-file';
import { CaseFileService } from '../domain/case-file/case-file-service';
import { PostgresAttachmentStorage } from '../db/case-file/attachment-storage';
import { petitionerRoutes } from './routes/petitioners';
import { PetitionerFiles } from '../domain/petitioner-file';
import { CaseLinkService } from '../domain/case-link-service';
import { NotificationService } from '../domain/notification-service';
import { OrganisationAdminService } from '../domain/organisation-admin';
import { PublicService } from '../domain/public-service';
import { ReportService } from '../domain/reports/report-service';
import { SupervisionService } from '../domain/supervision-service';
import type { TrustProxy } from '../trust-proxy';
import { instructionRoutes, visitRoutes } from './routes/visits';
import { VisitService } from '../domain/visits/visit-service';
import { screeningRoutes } from './routes/screening';
import { ScreeningService } from '../domain/screening/screening-service';
import { backlogRoutes } from './routes/backlog';
import { BacklogService } from '../domain/backlog/backlog-service';

export interface AppDeps {
  pool: Pool;
  client: Client;
  taskQueue: string;
  /** Salts petitioner keys, query codes and rate-limit keys (AUTH_SECRET); it signs no token. */
  authSecret: string;
  /** The OpenID provider whose access tokens the API accepts, and the browser pages' client there. */
  signIn: SignInSettings;
  logger: Logger;
  /** Requests per minute per client address on the petitioner's endpoint. */
  publicRateLimit?: number;
  /** Whose X-Forwarded-For to believe (TRUST_PROXY, express's `trust proxy`); nobody's when absent. */
  trustProxy?: TrustProxy;
  /** `/metrics`: a bearer token for the scraper (else loopback only), and the worker's exporter when in-process. */
  metrics?: { token?: string; workerMetricsUrl?: string; registries?: Registry[] };
  /** The subject matters (CLASSIFICATION_FILE); the built-in file when absent. */
  classification?: Classification;
  /** The largest attachment a case file takes (ATTACHMENT_MAX_BYTES), 20 MiB when absent. */
  maxAttachmentBytes?: number;
}

const READINESS_TIMEOUT_MS = 3_000;
const DEFAULT_MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** 'ok' or 'unavailable': the reason goes to the log, not to whoever asks (it may name hosts and users). */
function check(probe: Promise<unknown>, logger: Logger, what: string): Promise<string> {
  return probe.then(
    () => 'ok',
    (err: unknown) => {
      logger.warn({ err, dependency: what }, 'readiness check failed');
      return 'unavailable';
    },
  );
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  if (deps.trustProxy !== undefined) app.set('trust proxy', deps.trustProxy);
  const metrics = createApiMetrics();
  app.use(metrics.observe);
  app.use(
    pinoHttp({
      logger: deps.logger,
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
      serializers: { req: requestLogSerializer },
    }),
  );
  app.use(
    express.json({
      limit: '1mb',
      // Bytes that are not UTF-8 would be stored as replacement characters: refuse them instead (F10).
      verify: (_req, _res, buffer) => {
        if (!isUtf8(buffer)) throw new AppError(400, 'invalid_utf8', 'The request body is not valid UTF-8');
      },
    }),
  );

  const openApiDocument = buildOpenApiDocument({ discoveryUrl: discoveryUrlOf(deps.signIn.issuer) });
  app.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  app.use(
    '/docs',
    docsHeaders(new URL(deps.signIn.issuer).origin),
    swaggerUi.serve,
    swaggerUi.setup(openApiDocument),
  );
  app.use('/api', apiHeaders, jsonBodiesOnly);
  // The dashboard page is public (it holds no data); it signs in at the provider and reads /api/reports.
  app.use('/reports', reportsPageRoutes({ issuer: deps.signIn.issuer, clientId: deps.signIn.clientId }));
  // The staff workbench (Vue, built into dist/web): public files too; it signs in and works through /api.
  app.use(workbenchPageRoutes({ issuer: deps.signIn.issuer, clientId: deps.signIn.clientId }));

  app.get('/metrics', metricsEndpoint(metrics.registry, deps.metrics ?? {}));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'up' });
  });
  app.get('/readyz', async (_req, res) => {
    const [postgres, temporal] = await Promise.all([
      check(deps.pool.query('SELECT 1'), deps.logger, 'postgres'),
      check(
        deps.client.withDeadline(Date.now() + READINESS_TIMEOUT_MS, () =>
          deps.client.connection.workflowService.getSystemInfo({}),
        ),
        deps.logger,
        'temporal',
      ),
    ]);
    const ready = postgres === 'ok' && temporal === 'ok';
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'unavailable', checks: { postgres, temporal } });
  });

  const classification = deps.classification ?? defaultClassification();
  const petitions = new PetitionService({
    classification,
    pool: deps.pool,
    client: deps.client,
    taskQueue: deps.taskQueue,
    // The petitioner key is salted with the deployment's secret: stable across restarts, unknown outside.
    identitySalt: deps.authSecret,
  });
  // The petitioner's endpoint: authenticated by the case's query code, not by a staff token.
  app.use(
    '/api/public',
    ...(deps.trustProxy === undefined ? [warnOfUntrustedForwarding(deps.logger)] : []),
    inputHygiene,
    publicRoutes(new PublicService({ pool: deps.pool, client: deps.client, secret: deps.authSecret }), {
      perMinute: deps.publicRateLimit ?? 20,
      // The API processes of one deployment share its database and task queue, and so each client's budget.
      store: new PostgresRateLimitStore({
        pool: deps.pool,
        prefix: `${deps.taskQueue}:public`,
        secret: deps.authSecret,
        logger: deps.logger,
      }),
    }),
  );
  app.use(
    '/api',
    inputHygiene,
    authenticate(deps.pool, oidcVerifier(deps.signIn)),
    idempotency(deps.pool, (req, id) => petitions.get(currentUser(req), id)),
  );
  const maxAttachmentBytes = deps.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES;
  const caseFile = new CaseFileService({
    pool: deps.pool,
    storage: new PostgresAttachmentStorage(deps.pool),
    maxAttachmentBytes,
  });
  app.use('/api/petitions', caseFileRoutes(caseFile, maxAttachmentBytes));
  app.use('/api/petitions', caseStaffRoutes(deps.pool));
  const visits = new VisitService({ pool: deps.pool, petitions });
  app.use('/api/petitions', instructionRoutes(visits));
  app.use('/api/petitions', petitionRoutes(petitions, new CaseLinkService(deps.pool)));
  app.use('/api', visitRoutes(visits));
  app.use(
    '/api/petitioners',
    petitionerRoutes(new PetitionerFiles({ pool: deps.pool, identitySalt: deps.authSecret })),
  );
  app.use('/api/supervision', supervisionRoutes(new SupervisionService(deps.pool, petitions)));
  app.use('/api/queue', queueRoutes(deps.pool));
  app.use('/api/me', meRoutes());
  app.use('/api/units', unitRoutes(deps.pool));
  app.use('/api/staff', staffRoutes(deps.pool));
  app.use('/api/notifications', notificationRoutes(new NotificationService(deps.pool)));
  app.use('/api/reports', reportRoutes(new ReportService(deps.pool, classification)));
  app.use('/api/classification', classificationRoutes(classification));
  app.use('/api/admin', adminRoutes(new OrganisationAdminService(deps.pool)));
  app.use('/api/screening', screeningRoutes(new ScreeningService({ pool: deps.pool, classification })));
  app.use(
    '/api/backlog',
    backlogRoutes(new BacklogService({ pool: deps.pool, client: deps.client, taskQueue: deps.taskQueue })),
  );

  app.use(methodNotAllowed(openApiDocument));
  app.use(unknownRoute);
  app.use(errorHandler(deps.logger));
  return app;
}
