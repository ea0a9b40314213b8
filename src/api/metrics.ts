import type { NextFunction, Request, Response } from 'express';
import { Registry, collectDefaultMetrics, Histogram } from 'prom-client';
import { AppError } from '../domain/errors';
import { temporalCallDurations } from '../temporal/call-timing';

/**
 * The API's Prometheus metrics: request durations by method, route and status, the Updates' round trips
 * through Temporal (when its client carries temporalCallTimer), and the process's own.
 */
export function createApiMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'petitionflow_' });
  registry.registerMetric(temporalCallDurations);
  const requests = new Histogram({
    name: 'petitionflow_http_request_duration_seconds',
    help: 'HTTP requests to the API, by method, route (the route pattern, not the path) and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });

  /** Times every request; labelled with its route pattern once routing has matched it. */
  function observe(req: Request, res: Response, next: NextFunction): void {
    const end = requests.startTimer();
    res.on('finish', () => {
      end({ method: methodOf(req), route: routeOf(req), status: String(res.statusCode) });
    });
    next();
  }

  return { registry, observe };
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The method, or `other`: a caller must not add a series per invented method (F9). */
function methodOf(req: Request): string {
  return METHODS.has(req.method) ? req.method : 'other';
}

/**
 * `/api/petitions/:id/accept`, not the path with its id: one series per route, however many cases. The
 * mount path is taken from the requested path (Express has reset `baseUrl` by the time an error is answered):
 * all but as many trailing segments as the route pattern has.
 */
function routeOf(req: Request): string {
  const pattern = req.route?.path as string | undefined;
  if (typeof pattern !== 'string') return 'unmatched';
  const segments = (req.originalUrl.split('?')[0] ?? '').split('/').filter(Boolean);
  const own = pattern.split('/').filter(Boolean);
  // Routing ignores case: the mount as the app spells it, not as the caller did (F9).
  const mount = segments.slice(0, Math.max(0, segments.length - own.length)).map((s) => s.toLowerCase());
  return `/${[...mount, ...own].join('/')}`;
}

/**
 * `GET /metrics`: for Prometheus on the same host, or with `Authorization: Bearer <METRICS_TOKEN>` when a
 * token is configured (the API port may be public; the figures are not for everyone). In a process that also
 * runs the worker, the Temporal SDK's worker metrics (its own exporter, see TEMPORAL_METRICS_ADDRESS) follow.
 */
export function metricsEndpoint(
  registry: Registry,
  options: { token?: string; workerMetricsUrl?: string; registries?: Registry[] },
) {
  return async (req: Request, res: Response) => {
    const authorised = options.token
      ? req.header('authorization') === `Bearer ${options.token}`
      : isLoopback(req.socket.remoteAddress);
    if (!authorised) throw new AppError(403, 'forbidden', 'Metrics are for the monitoring system only');
    const parts = [await registry.metrics()];
    // Others of this process (the notice dispatcher's).
    for (const other of options.registries ?? []) parts.push(await other.metrics());
    if (options.workerMetricsUrl) parts.push(await workerMetrics(options.workerMetricsUrl));
    res.type(registry.contentType).send(parts.join('\n'));
  };
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

async function workerMetrics(url: string): Promise<string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return await response.text();
  } catch {
    return '# the worker metrics exporter did not answer\n';
  }
}
