import path from 'node:path';
import express, { Router } from 'express';
import { pageHeaders } from '../security-headers';

/** The page's own files; `npm run build` and the Dockerfile copy them next to the compiled code. */
const PAGE_DIR = path.join(__dirname, '..', 'reports-page');
/** ECharts as the npm package ships it, served from here: the page loads nothing from elsewhere. */
const ECHARTS_FILE = require.resolve('echarts/dist/echarts.min.js');
/** The OpenID Connect client for the browser (authorization code with PKCE), as the npm package ships it. */
const OIDC_CLIENT_FILE = path.join(
  path.dirname(require.resolve('oidc-client-ts/package.json')),
  'dist',
  'browser',
  'oidc-client-ts.min.js',
);

/**
 * The reports dashboard at `/reports`: a public static page (it holds no data) that signs in at the OpenID
 * provider (authorization code with PKCE) and reads the report API with the access token it gets.
 */
export function reportsPageRoutes(signIn: { issuer: string; clientId: string }): Router {
  const router = Router();
  router.use(pageHeaders(new URL(signIn.issuer).origin, 'no-cache'));
  router.get('/vendor/echarts.min.js', (_req, res) => {
    res.type('text/javascript').sendFile(ECHARTS_FILE);
  });
  router.get('/vendor/oidc-client-ts.min.js', (_req, res) => {
    res.type('text/javascript').sendFile(OIDC_CLIENT_FILE);
  });
  // Where and as whom the page signs in: the deployment's provider and its client for the browser pages.
  router.get('/sign-in.json', (_req, res) => {
    res.json({ authority: signIn.issuer, clientId: signIn.clientId, scope: 'openid profile' });
  });
  // `/reports` and `/reports/` alike (the page names its files by absolute paths).
  router.get('/', (_req, res) => {
    res.sendFile(path.join(PAGE_DIR, 'index.html'));
  });
  // The monthly situation analysis (信访形势分析): a page of its own, signed in as the dashboard is.
  router.get('/analysis', (_req, res) => {
    res.sendFile(path.join(PAGE_DIR, 'analysis.html'));
  });
  router.use(express.static(PAGE_DIR, { index: false, redirect: false }));
  return router;
}
