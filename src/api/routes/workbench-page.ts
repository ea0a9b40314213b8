import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { pageHeaders } from '../security-headers';
import { workbenchDir } from '../../runtime/workbench-build';

/** The workbench's own addresses (its router's pages): each answers the app, which shows the page. */
const PAGES = ['/', '/queue', '/supervision', '/register', '/cases/:id', '/inbox', '/search'];

/**
 * The staff workbench at `/`: the Vue app Vite built into dist/web (public files, no data), which signs in
 * at the OpenID provider (authorization code with PKCE) and works through /api with the access token.
 */
export function workbenchPageRoutes(signIn: { issuer: string; clientId: string }): Router {
  const dir = workbenchDir();
  const index = path.join(dir, 'index.html');
  const router = Router();
  const headers = pageHeaders(new URL(signIn.issuer).origin);
  router.get('/sign-in.json', headers, (_req, res) => {
    res.set('Cache-Control', 'no-cache').json({
      authority: signIn.issuer,
      clientId: signIn.clientId,
      scope: 'openid profile',
    });
  });
  router.get(PAGES, headers, (_req, res) => {
    if (!fs.existsSync(index)) {
      res
        .status(503)
        .type('text/plain')
        .send('The workbench is not built: run `npm run build:web` (npm start builds it).');
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile(index);
  });
  // Hashed file names: a file never changes under its name, so it may be kept a year.
  router.use(
    '/assets',
    headers,
    express.static(path.join(dir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      redirect: false,
    }),
  );
  return router;
}
