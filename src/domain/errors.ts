/**
 * A failure the client should see as is: an HTTP status and a stable machine-readable code.
 * Raised by the domain layer, rendered by the API's central error handler.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const forbidden = (message: string) => new AppError(403, 'forbidden', message);

/** A body or query field that is well-formed but not acceptable (422, with the field named). */
export function fieldError(field: string, message: string): AppError {
  return new AppError(422, 'validation_failed', `${field}: ${message}`, {
    fields: [{ path: field, message }],
  });
}
