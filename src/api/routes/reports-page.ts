import path from 'node:path';
import express, { type RequestHandler, Router } from 'express';

/** The page's own files; `npm run build` and the Dockerfile copy them next to the compiled code. */
const PAGE_DIR = path.join(__dirname, '..', 'reports-page');
/** ECharts as the npm package ships it, served from here: the page loads nothing from elsewhere. */
const ECHARTS_FILE = require.resolve('echarts/dist/echarts.min.js');

/**
 * Scripts and styles from this origin only, no inline script, no framing; the data comes from `/api` on the
 * same origin with the token the page asks for. ECharts draws on canvas and sets styles through the DOM.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  });
  next();
};

/**
 * The reports dashboard at `/reports`: a public static page (it holds no data) that reads the report API
 * with a bearer token kept in the browser's session storage.
 */
export function reportsPageRoutes(): Router {
  const router = Router();
  router.use(securityHeaders);
  router.get('/vendor/echarts.min.js', (_req, res) => {
    res.type('text/javascript').sendFile(ECHARTS_FILE);
  });
  // `/reports` and `/reports/` alike (the page names its files by absolute paths).
  router.get('/', (_req, res) => {
    res.sendFile(path.join(PAGE_DIR, 'index.html'));
  });
  router.use(express.static(PAGE_DIR, { index: false, redirect: false }));
  return router;
}
