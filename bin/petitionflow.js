#!/usr/bin/env node
'use strict';
// Entry point of the `petitionflow` command. Runs the compiled build when one is present
// (the container image), otherwise the TypeScript sources through tsx (a fresh clone).
const path = require('node:path');
const fs = require('node:fs');

const compiled = path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
let cli;
if (fs.existsSync(compiled) && process.env.PETITIONFLOW_FROM_SOURCE !== '1') {
  cli = require(compiled);
} else {
  require('tsx/cjs');
  cli = require('../src/cli/main.ts');
}
cli.runCli(process.argv);
