import path from 'node:path';
import { z } from 'zod';
import { IDEMPOTENCY_KEY_TTL_HOURS } from './db/idempotency';
import { NOTICE_DELIVERY_SETTINGS, noticeDeliveryProblem } from './notice-delivery-settings';
import { parseTrustProxy } from './trust-proxy';

/**
 * Process configuration, read from the environment once and validated at start, so that a
 * typo fails the start with a message instead of surfacing later as a strange error.
 */
const port = z.coerce.number().int().min(0).max(65535);
const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

export const ConfigSchema = z.object({
  /** PostgreSQL connection string; when absent an embedded PostgreSQL is started (npm start). */
  DATABASE_URL: optionalUrl,
  /** Temporal frontend host:port; when absent a Temporal dev server is started (npm start). */
  TEMPORAL_ADDRESS: optionalUrl,
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /**
   * mTLS to the Temporal frontend (PEM files): this process's certificate and key, the CA that signed the
   * server's certificate, and the name the server's certificate carries when it is not the host's.
   */
  TEMPORAL_TLS_CERT: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS_CA: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('petitions'),
  API_PORT: port.default(3000),
  /**
   * The deployment's secret: it salts petitioner keys, query codes and rate-limit keys (bearer tokens come from
   * the OpenID provider). Required once DATABASE_URL points at a real database.
   */
  AUTH_SECRET: z
    .string()
    .min(32, 'AUTH_SECRET must be at least 32 characters')
    .refine((secret) => estimatedEntropyBits(secret) >= 128, {
      message:
        'AUTH_SECRET is too predictable: use at least 128 bits of randomness (e.g. `openssl rand -hex 32`)',
    })
    .optional(),
  /**
   * Sign-in (docs/sign-in.md): the OpenID provider's issuer URL. When absent, `npm start` runs the embedded
   * provider (development only); `petitionflow api` requires it.
   */
  OIDC_ISSUER: optionalUrl.pipe(z.url().optional()),
  /** The `aud` of access tokens for this API (Keycloak: an audience mapper on the client). */
  OIDC_AUDIENCE: z.string().min(1).default('petitionflow-api'),
  /** The token claim that holds the user's login in our `users` table. */
  OIDC_USER_CLAIM: z.string().min(1).default('preferred_username'),
  /** The browser pages' client at the provider (public client, authorization code with PKCE). */
  OIDC_CLIENT_ID: z.string().min(1).default('petitionflow-web'),
  /** The embedded provider's port, and the file with its signing keys (default: in DATA_DIR). */
  EMBEDDED_OIDC_PORT: port.default(3001),
  EMBEDDED_OIDC_KEYS: z.string().min(1).optional(),
  /** Where the API listens; `npm start` keeps it on the loopback interface unless told otherwise. */
  API_HOST: z.string().min(1).optional(),
  /** Where the embedded servers keep their data. */
  DATA_DIR: z.string().default('.data'),
  EMBEDDED_PG_PORT: port.default(5433),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  /** A prebuilt workflow bundle for the worker (bundleWorkflowCode output); otherwise the sources are bundled at start. */
  WORKFLOW_BUNDLE_PATH: optionalUrl,
  /**
   * Workflows a worker keeps in memory (its sticky cache). Beyond it the least recently used case is evicted
   * and replayed from its history when it next moves. The worker's memory is about flat once the cache is
   * full (`npm run bench -- --scale`); the SDK's own default depends on the heap size of the machine.
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).default(1000),
  /**
   * Which reverse proxies' X-Forwarded-For the API believes (express's `trust proxy`): off by default, so the
   * client address is the connection's. Behind a proxy, every petitioner would then share one rate-limit budget.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx) => {
      try {
        return parseTrustProxy(value);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    }),
  /** Requests per minute per client address on the petitioner's endpoint (/api/public). */
  PUBLIC_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(20),
  /**
   * How long a document no command references is kept before the reconciler removes it (hours). At least an
   * hour longer than an Idempotency-Key lives, so a retry still finds what its first attempt wrote.
   */
  DOCUMENT_GRACE_HOURS: z.coerce
    .number()
    .int()
    .min(IDEMPOTENCY_KEY_TTL_HOURS + 1, {
      message: `must be at least ${IDEMPOTENCY_KEY_TTL_HOURS + 1} (an Idempotency-Key lives ${IDEMPOTENCY_KEY_TTL_HOURS} h)`,
    })
    .max(24 * 365)
    .default(48),
  /** The largest attachment a case file takes (bytes; issue 22). 20 MiB: a multi-page scan or a phone's photos. */
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(20 * 1024 * 1024),
  /** Bearer token Prometheus sends to `/metrics`; without it, only the same host may read them. */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  /** host:port where the Temporal SDK exports the worker's metrics (Prometheus); off when unset. */
  TEMPORAL_METRICS_ADDRESS: z
    .string()
    .regex(/^[\w.-]+:\d{1,5}$/, 'must be host:port')
    .optional(),
  ...NOTICE_DELIVERY_SETTINGS,
  /**
   * The subject matters (信访事项内容分类) registrations choose from, as a JSON file (docs/classification.md);
   * the built-in default when unset. Read and validated at start: a bad file stops the start.
   */
  CLASSIFICATION_FILE: z.string().trim().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof ConfigSchema> & { dataDir: string };

/** A conservative estimate of a string's randomness: its length times its per-character Shannon entropy. */
export function estimatedEntropyBits(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let perChar = 0;
  for (const count of counts.values()) perChar -= (count / value.length) * Math.log2(count / value.length);
  return perChar * value.length;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  if (Boolean(parsed.data.TEMPORAL_TLS_CERT) !== Boolean(parsed.data.TEMPORAL_TLS_KEY)) {
    throw new ConfigError('Invalid configuration: TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together (mTLS)');
  }
  const deliveryProblem = noticeDeliveryProblem(parsed.data);
  if (deliveryProblem) throw new ConfigError(`Invalid configuration: ${deliveryProblem}`);
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
}
