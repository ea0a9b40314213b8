import type { RequestHandler } from 'express';
import { AppError, fieldError } from '../domain/errors';

/** A UTF-16 surrogate without its pair: not text, and PostgreSQL's jsonb refuses it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Deeper than any body this API takes; far below what would exhaust the stack of a recursive walk. */
const MAX_DEPTH = 32;

/**
 * Refuses, before anything reads them, bodies and query strings that no field of this API accepts and that
 * would otherwise fail deep inside (PostgreSQL, JSON serialisation): nesting beyond MAX_DEPTH, NUL
 * characters, and strings that are not well-formed Unicode (lone surrogates).
 */
export const inputHygiene: RequestHandler = (req, _res, next) => {
  check(req.body, 'body');
  check(req.query, 'query');
  next();
};

function check(root: unknown, where: string): void {
  // Iterative, so a hostile depth cannot overflow the stack before it is refused.
  const stack: Array<{ value: unknown; path: string[] }> = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000') || LONE_SURROGATE.test(value)) {
        throw fieldError(path.join('.') || where, 'must not contain NUL characters or broken Unicode');
      }
    } else if (typeof value === 'object' && value !== null) {
      if (path.length >= MAX_DEPTH)
        throw new AppError(400, 'too_deeply_nested', `The ${where} is nested too deeply`);
      for (const [key, child] of Object.entries(value)) {
        stack.push({ value: key, path: [...path, key] }, { value: child, path: [...path, key] });
      }
    }
  }
}
