import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * API answers carry personal data: no cache may keep them, and no browser may guess their type (F13).
 */
export function apiHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  next();
}

/**
 * The API docs, where people paste tokens: only this origin's scripts and styles (Swagger UI's inline styles
 * and its data-URI images included), never inside another site's frame (F13). Swagger UI reads the OpenID
 * provider's discovery document (the `openIdConnect` scheme), so that origin may be connected to as well.
 */
export function docsHeaders(issuerOrigin: string) {
  const policy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    `connect-src 'self' ${issuerOrigin}; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`;
  return (_req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('Content-Security-Policy', policy);
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  };
}

/**
 * The headers of the browser pages (the workbench, the reports dashboard): scripts, styles and fonts from this
 * origin only, no inline script, no framing; data from `/api` on the same origin, tokens from the OpenID
 * provider (its discovery document and token endpoint). The pages set styles through the DOM only.
 */
export function pageHeaders(issuerOrigin: string, cacheControl?: string): RequestHandler {
  const policy = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "font-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${issuerOrigin}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return (_req, res, next) => {
    res.set({
      'Content-Security-Policy': policy,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      ...(cacheControl ? { 'Cache-Control': cacheControl } : {}),
    });
    next();
  };
}
