import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { isGrpcServiceError, ServiceError } from '@temporalio/client';
import { z } from '../domain/contract/zod';
import { AppError } from '../domain/errors';

/** What every failure answers: a machine-readable code, a message, and details where there are any. */
export const ErrorSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  })
  .openapi('Error');
type ErrorBody = z.infer<typeof ErrorSchema>;

export const unknownRoute: RequestHandler = (req, _res, next) => {
  next(new AppError(404, 'route_not_found', `No route for ${req.method} ${req.path}`));
};

/** The central error handler: every failure leaves as JSON with a code; unexpected ones are logged. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let apiError: AppError;
    if (err instanceof AppError) {
      apiError = err;
    } else if (err?.type === 'entity.parse.failed') {
      apiError = new AppError(400, 'malformed_json', 'The request body is not valid JSON');
    } else if (err?.type === 'entity.too.large') {
      apiError = new AppError(413, 'payload_too_large', 'The request body is too large');
    } else if (clientErrorStatus(err)) {
      // Body parsing and routing refuse requests themselves (charset, encoding, broken gzip, bad escapes).
      const status = clientErrorStatus(err)!;
      apiError = new AppError(
        status,
        status === 415 ? 'unsupported_media_type' : 'bad_request',
        status === 415 ? 'Send JSON in UTF-8, uncompressed or gzip/deflate' : 'The request cannot be read',
      );
    } else if (isDependencyUnavailable(err)) {
      logger.warn({ err, method: req.method, path: req.path }, 'dependency unavailable');
      apiError = new AppError(
        503,
        'dependency_unavailable',
        'Temporal or PostgreSQL is unreachable; retry later',
      );
    } else {
      logger.error({ err, method: req.method, path: req.path }, 'unexpected error');
      apiError = new AppError(500, 'internal_error', 'An unexpected error occurred');
    }
    const body: ErrorBody = { error: { code: apiError.code, message: apiError.message } };
    if (apiError.details !== undefined) body.error.details = apiError.details;
    res.status(apiError.status).json(body);
  };
}

/**
 * gRPC statuses that mean "not now" (numbers stable by the gRPC spec): deadline exceeded, resource exhausted
 * (a busy workflow, a rate limit while temporal-server reloads its shards), aborted, unavailable.
 */
const TRANSIENT_GRPC_CODES = new Set([4, 8, 10, 14]);
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01', // admin shutdown
  '57P02', // crash shutdown
  '57P03', // cannot connect now (starting up, shutting down)
  '53300', // too many connections: every client reconnecting at once after a restart
  '08006',
  '08001',
  '57014', // statement timeout
]);

/** The 4xx status an HTTP library attached to its error, if any. */
function clientErrorStatus(err: unknown): number | undefined {
  const status = (err as { status?: unknown; statusCode?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/** Temporal or PostgreSQL down: the client may retry (with its Idempotency-Key), nothing is lost. */
export function isDependencyUnavailable(err: unknown): boolean {
  // pg's pool: no connection free within connectionTimeoutMillis (busy or unreachable database); pg's client:
  // its connection closed under a query (a database restart), or between two queries of a transaction (the
  // next one is refused: "Client has encountered a connection error and is not queryable"). None carries a
  // code. A write cut off so may have committed: the client's retry under its Idempotency-Key finds the first
  // answer.
  if (
    err instanceof Error &&
    /timeout exceeded when trying to connect|^Connection terminated|is not queryable$/i.test(err.message)
  ) {
    return true;
  }
  // The Temporal client wraps what it could not retry away: a gRPC status, or a transport error.
  if (err instanceof ServiceError) return err.cause !== undefined && isDependencyUnavailable(err.cause);
  if (isGrpcServiceError(err)) return TRANSIENT_GRPC_CODES.has(err.code);
  const { code, syscall } = (err ?? {}) as { code?: unknown; syscall?: unknown };
  // Over a Unix socket, a stopped PostgreSQL is a socket file that is not there, and a full backlog of
  // connections a refusal at once (EAGAIN), where TCP would make the client wait.
  if (syscall === 'connect' && (code === 'ENOENT' || code === 'EAGAIN')) return true;
  return typeof code === 'string' && UNREACHABLE_CODES.has(code);
}
