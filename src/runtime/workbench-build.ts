import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The package's root: the repository (running from source) or the image's /app (compiled, in dist/src/…). */
function packageRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

/** Where the built workbench lives: `dist/web` under the package root (the image copies it there too). */
export function workbenchDir(): string {
  return path.join(packageRoot(), 'dist', 'web');
}

/** The newest modification time of the files under `dir` (0 when it does not exist). */
function newestChange(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Builds the workbench (`vite build`, web/ → dist/web) when its sources are newer than the last build: at the
 * first `npm start` of a fresh clone and after a change to web/. An image has dist/web and no web/: nothing to do.
 */
export function ensureWorkbenchBuilt(log: (message: string) => void = () => {}): void {
  const root = packageRoot();
  const sources = path.join(root, 'web');
  if (!fs.existsSync(sources)) return;
  const built = path.join(workbenchDir(), 'index.html');
  const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
  if (builtAt >= newestChange(sources)) return;
  log('Building the workbench (web/ → dist/web, once after each change)…');
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'],
    {
      cwd: sources,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) {
    throw new Error(`The workbench did not build (vite build in web/):\n${result.stdout}\n${result.stderr}`);
  }
  log(`Workbench built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
