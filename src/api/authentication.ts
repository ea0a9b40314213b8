import type { Request, RequestHandler } from 'express';
import type { Pool } from 'pg';
import type { TokenVerifier } from '../auth/oidc-verifier';
import { AppError } from '../domain/errors';
import { findActiveUser, type User } from '../db/organisation';

declare module 'express-serve-static-core' {
  interface Request {
    user?: User;
  }
}

/**
 * Resolves the bearer token to an active user or answers 401. The token only names the user; unit and roles
 * are read from our `users` table on every request (no cache), so a deactivated user is refused at once.
 */
export function authenticate(pool: Pool, verify: TokenVerifier): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1])
      throw new AppError(401, 'unauthenticated', 'A bearer token is required (Authorization: Bearer …)');
    const checked = await verify(match[1]);
    if ('code' in checked) {
      if (checked.code === 'token_keys_unavailable') req.log?.warn(checked.message);
      throw new AppError(401, checked.code, checked.message);
    }
    const user = await findActiveUser(pool, checked.login);
    if (!user) throw new AppError(401, 'unknown_user', `No active user ${checked.login}`);
    req.user = user;
    next();
  };
}

export function currentUser(req: Request): User {
  if (!req.user) throw new AppError(401, 'unauthenticated', 'Not authenticated');
  return req.user;
}
