import type { Request, RequestHandler } from 'express';
import type { Pool } from 'pg';
import { verifyToken } from '../auth/tokens';
import { AppError } from '../domain/errors';
import { findActiveUser, type User } from '../db/organisation';

declare module 'express-serve-static-core' {
  interface Request {
    user?: User;
  }
}

/** Resolves the bearer token to an active user (with unit and roles) or answers 401. */
export function authenticate(pool: Pool, secret: string): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1])
      throw new AppError(401, 'unauthenticated', 'A bearer token is required (Authorization: Bearer …)');
    const login = await verifyToken(secret, match[1]);
    if (!login) throw new AppError(401, 'invalid_token', 'The bearer token is invalid or expired');
    const user = await findActiveUser(pool, login);
    if (!user) throw new AppError(401, 'unknown_user', `No active user ${login}`);
    req.user = user;
    next();
  };
}

export function currentUser(req: Request): User {
  if (!req.user) throw new AppError(401, 'unauthenticated', 'Not authenticated');
  return req.user;
}
