import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

/**
 * Once per process, when X-Forwarded-For arrives while TRUST_PROXY is off: the API is probably behind a
 * proxy, whose address every client then has, so all of them share one rate-limit budget.
 */
export function warnOfUntrustedForwarding(logger: Logger): RequestHandler {
  let warned = false;
  return (req, _res, next) => {
    if (!warned && req.headers['x-forwarded-for'] !== undefined) {
      warned = true;
      logger.warn(
        'X-Forwarded-For is set but TRUST_PROXY is off: the header is ignored, and behind a proxy every client ' +
          'shares one rate-limit budget. Set TRUST_PROXY to the proxies (docs/operations.md).',
      );
    }
    next();
  };
}
