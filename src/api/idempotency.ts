import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Pool } from 'pg';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from '../db/idempotency';
import { AppError } from '../domain/errors';
import { currentUser } from './authentication';

const KEY_PATTERN = /^[A-Za-z0-9_\-:.]{1,200}$/;

/**
 * `Idempotency-Key` on POSTs: the first response to a key is stored and returned again for a
 * retry of the same request, so a retried registration creates nothing twice. Responses that a
 * retry might change (5xx) are not stored.
 */
export function idempotency(pool: Pool): RequestHandler {
  return async (req, res, next) => {
    const key = req.header('Idempotency-Key');
    if (req.method !== 'POST' || key === undefined) return next();
    if (!KEY_PATTERN.test(key)) {
      throw new AppError(
        400,
        'invalid_idempotency_key',
        'Idempotency-Key must be 1–200 characters of A-Z a-z 0-9 _ - : .',
      );
    }
    const login = currentUser(req).login;
    const requestHash = createHash('sha256')
      .update(JSON.stringify(req.body ?? null))
      .digest('hex');
    const claim = await claimIdempotencyKey(pool, {
      login,
      key,
      method: req.method,
      path: req.originalUrl,
      requestHash,
    });
    switch (claim.state) {
      case 'replay':
        res.setHeader('Idempotent-Replayed', 'true');
        res.status(claim.statusCode).json(claim.body);
        return;
      case 'in-progress':
        throw new AppError(
          409,
          'request_in_progress',
          'A request with this Idempotency-Key is still being processed',
        );
      case 'mismatch':
        throw new AppError(
          422,
          'idempotency_key_reused',
          'This Idempotency-Key was used for a different request',
        );
      case 'claimed':
        break;
    }
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      res.json = json;
      const status = res.statusCode;
      const settle =
        status >= 500
          ? releaseIdempotencyKey(pool, login, key)
          : completeIdempotencyKey(pool, login, key, status, body);
      // If the outcome cannot be stored, free the key rather than leave it "in progress" forever.
      void settle
        .catch(() => releaseIdempotencyKey(pool, login, key).catch(() => undefined))
        .finally(() => json(body));
      return res;
    };
    next();
  };
}
