import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError } from '../domain/errors';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

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
    } else {
      logger.error({ err, method: req.method, path: req.path }, 'unexpected error');
      apiError = new AppError(500, 'internal_error', 'An unexpected error occurred');
    }
    const body: ErrorBody = { error: { code: apiError.code, message: apiError.message } };
    if (apiError.details !== undefined) body.error.details = apiError.details;
    res.status(apiError.status).json(body);
  };
}
