import type { RequestHandler } from 'express';
import { AppError } from '../domain/errors';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface DocumentedPath {
  pattern: RegExp;
  allow: string;
}

/**
 * For a request that no route took: 405 with an `Allow` header when its path is an operation's path of the
 * OpenAPI document under another method (TRACE /healthz, GET /api/petitions/{id}/reply); anything else
 * goes on to the 404.
 */
export function methodNotAllowed(document: { paths?: Record<string, object> }): RequestHandler {
  const documented = Object.entries(document.paths ?? {}).map(([template, operations]) =>
    documentedPath(template, Object.keys(operations)),
  );
  return (req, res, next) => {
    const match = documented.find(({ pattern }) => pattern.test(req.path));
    if (!match) return next();
    res.set('Allow', match.allow);
    next(
      new AppError(
        405,
        'method_not_allowed',
        `${req.method} is not allowed on ${req.path}; allowed: ${match.allow}`,
      ),
    );
  };
}

/** `/api/petitions/{id}/reply` as Express matches it: any one segment for a parameter, case-insensitive. */
function documentedPath(template: string, keys: string[]): DocumentedPath {
  const segments = template.split(/\{[^}]+\}/).map((literal) => literal.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
  const methods = keys.filter((key) => HTTP_METHODS.includes(key)).map((m) => m.toUpperCase());
  // Express answers HEAD wherever it answers GET.
  if (methods.includes('GET') && !methods.includes('HEAD')) methods.push('HEAD');
  return { pattern: new RegExp(`^${segments.join('[^/]+')}/?$`, 'i'), allow: methods.join(', ') };
}
