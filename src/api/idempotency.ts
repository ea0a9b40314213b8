import { createHash, randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Pool } from 'pg';
import { claimIdempotencyKey, completeIdempotencyKey } from '../db/idempotency';
import { AppError } from '../domain/errors';
import type { RequestContext } from '../domain/request-context';
import { currentUser } from './authentication';

const KEY_PATTERN = /^[A-Za-z0-9_\-:.]{1,200}$/;

/** Answers a retry must not keep: the same request may succeed later. */
const RETRYABLE_CODES = new Set(['dependency_unavailable', 'update_timeout', 'registration_in_progress']);

/**
 * `Idempotency-Key` on POSTs: the first final answer to a key is stored and returned again for a retry
 * of the same request. Every side effect is keyed by the key too (see RequestContext), so a retry of a
 * request that did not answer (timeout, crash) runs again safely and answers as the first would have.
 * Answers that a retry might change (5xx, "retry later") are not stored.
 */
export function idempotency(
  pool: Pool,
  /** Reads a petition for a replay, as the caller may see it now (404 if they no longer may). */
  readPetition: (req: Request, petitionId: string) => Promise<unknown>,
): RequestHandler {
  return async (req, res, next) => {
    const key = req.header('Idempotency-Key');
    const login = currentUser(req).login;
    res.locals.requestContext = requestContextOf(login, key);
    if (req.method !== 'POST' || key === undefined) return next();
    if (!KEY_PATTERN.test(key)) {
      throw new AppError(
        400,
        'invalid_idempotency_key',
        'Idempotency-Key must be 1–200 characters of A-Z a-z 0-9 _ - : .',
      );
    }
    const requestHash = createHash('sha256')
      .update(JSON.stringify(req.body ?? null))
      .digest('hex');
    const ownerToken = randomUUID();
    const claim = await claimIdempotencyKey(pool, {
      login,
      key,
      method: req.method,
      path: req.originalUrl,
      requestHash,
      ownerToken,
    });
    if (claim.state === 'replay') {
      // A petition's answer kept no body (read afresh); a request that registered a petition on the way (a
      // visit) kept its own answer, which is the one to give again.
      const body =
        claim.petitionId && claim.statusCode < 300 && claim.body === null
          ? await readPetition(req, claim.petitionId)
          : claim.body;
      res.setHeader('Idempotent-Replayed', 'true');
      res.status(claim.statusCode).json(body);
      return;
    }
    if (claim.state === 'mismatch') {
      throw new AppError(
        422,
        'idempotency_key_reused',
        'This Idempotency-Key was used for a different request',
      );
    }
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      res.json = json;
      if (!isFinalAnswer(res, body)) return json(body);
      // If the answer cannot be stored the claim stays open, and a retry runs the request again.
      void completeIdempotencyKey(
        pool,
        { login, key, ownerToken },
        res.statusCode,
        answerOf(res.statusCode, body),
      )
        .catch(() => undefined)
        .finally(() => json(body));
      return res;
    };
    next();
  };
}

/**
 * What is kept of a final answer: a petition's id for a success that answered with the petition (read
 * afresh on replay: no personal data kept here), else the answer itself (an error, a notification).
 */
function answerOf(status: number, body: unknown): { petitionId: string } | { error: unknown } {
  const id = (body as { id?: unknown } | null)?.id;
  return status < 300 && typeof id === 'string' && PETITION_ID.test(id)
    ? { petitionId: id }
    : { error: body };
}
const PETITION_ID = /^XF-\d{4}-\d{6}$/;

function isFinalAnswer(res: Response, body: unknown): boolean {
  if (res.statusCode >= 500) return false;
  const code = (body as { error?: { code?: string } } | null)?.error?.code;
  return !(code && RETRYABLE_CODES.has(code));
}

/** The request's id: derived from the caller and the key, so a retry gets the same one. */
export function requestContextOf(login: string, key: string | undefined): RequestContext {
  if (key === undefined) return { requestId: `req-${randomUUID()}` };
  const digest = createHash('sha256').update(`${login}\n${key}`).digest('hex').slice(0, 24);
  return { requestId: `req-${digest}`, idempotencyKey: key };
}

export function requestContext(req: Request): RequestContext {
  return (req.res?.locals.requestContext as RequestContext | undefined) ?? requestContextOf('', undefined);
}
