import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startFuzzStack } from '../fuzz/fuzz-stack';
import { type DocBlock, docFiles, fileScript, parseLog, shellBlocks, verdict } from './doc-blocks';

/**
 * The doc test (issue 18): every ```sh block of the README and of the docs it links, in order, as a new user
 * would paste them, against a fresh `petitionflow start` in a temporary data folder on free ports.
 *
 *   npm run test:docs                          # every file
 *   npm run test:docs -- docs/api.md           # the README and the named files only
 *
 * Each file's blocks run in one bash of its own, in the project folder, with `localhost:3000` replaced by the
 * stack's port and the stack's settings in the environment (so `npx petitionflow token` signs with its secret).
 * A block fails on an HTTP answer ≥ 400 or a failed command that the text does not announce (`# → 409`,
 * `# → exit 2`), and on an announced one that does not come. `<!-- doc-test: skip: reason -->` right
 * before a block skips it. Closes with `docs: N passed, N failed, N skipped` (blocks).
 */
const ROOT = path.resolve(__dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'docs');
/** A file's blocks (the walk-throughs wait for timers of a second or two; `npx` takes seconds a call). */
const FILE_TIMEOUT_MS = 5 * 60_000;
/** Settings a reader's shell may have that would point the commands at another stack. */
const FOREIGN_SETTINGS = [
  'DATABASE_URL',
  'TEMPORAL_ADDRESS',
  'AUTH_SECRET',
  'OIDC_ISSUER',
  'API_PORT',
  'DATA_DIR',
];

const log = (message: string) => console.log(`[docs] ${message}`);

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  const files = docFiles(ROOT).filter((f) => only.length === 0 || f === 'README.md' || only.includes(f));
  const blocks = files.flatMap((file) => shellBlocks(file, fs.readFileSync(path.join(ROOT, file), 'utf8')));
  log(`${blocks.length} shell blocks in ${files.join(', ')}`);
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  for (const name of FOREIGN_SETTINGS) delete process.env[name];

  const started = Date.now();
  log('Starting the stack (petitionflow start, own data folder and ports)…');
  const stack = await startFuzzStack({ LOG_LEVEL: 'info' }, path.join(ARTIFACTS, 'stack.log'));
  log(`Stack ready in ${((Date.now() - started) / 1000).toFixed(0)} s at ${stack.apiUrl}`);
  const rootEntries = new Set(fs.readdirSync(ROOT));
  const results: Array<{ block: DocBlock; problems: string[] }> = [];
  try {
    for (const file of files) {
      const fileBlocks = blocks.filter((b) => b.file === file);
      if (fileBlocks.every((b) => b.skip !== undefined)) {
        results.push(...fileBlocks.map((block) => ({ block, problems: [] })));
        continue;
      }
      const t0 = Date.now();
      const { runs, ended, output } = await runFile(file, fileBlocks, stack.settings);
      for (const block of fileBlocks) {
        const problems = block.skip === undefined ? verdict(block, runs.get(block.index)) : [];
        results.push({ block, problems });
      }
      if (!ended) results.at(-1)!.problems.push('the shell stopped before the end of the file');
      const failed = results.filter((r) => r.block.file === file && r.problems.length > 0);
      log(`${file}: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      if (failed.length > 0) console.log(indent(output.trimEnd(), '    | '));
    }
  } finally {
    removeNewFiles(rootEntries);
    log('Stopping the stack…');
    await stack.stop();
  }
  return report(results, (Date.now() - started) / 1000);
}

/** One file's blocks in one bash, in the project folder; its output is kept and shown on a failure. */
async function runFile(file: string, blocks: DocBlock[], settings: Record<string, string>) {
  const base = path.join(ARTIFACTS, file.replace(/[/\\]/g, '_').replace(/\.md$/, ''));
  const scriptFile = `${base}.sh`;
  const logFile = `${base}.log`;
  fs.writeFileSync(scriptFile, fileScript(blocks, Number(settings.API_PORT)));
  fs.writeFileSync(logFile, '');
  const child = spawn('bash', [scriptFile], {
    cwd: ROOT,
    env: { ...process.env, ...settings, DOC_TEST_LOG: logFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), FILE_TIMEOUT_MS);
  await new Promise<void>((resolve) => child.once('close', () => resolve()));
  clearTimeout(timer);
  fs.writeFileSync(`${base}.out`, output);
  return { ...parseLog(fs.readFileSync(logFile, 'utf8')), output };
}

/** Files the blocks wrote into the project folder (e.g. `> units.csv`) go; what was there stays. */
function removeNewFiles(before: Set<string>): void {
  for (const entry of fs.readdirSync(ROOT)) {
    const full = path.join(ROOT, entry);
    if (!before.has(entry) && fs.statSync(full).isFile()) fs.rmSync(full);
  }
}

function report(results: Array<{ block: DocBlock; problems: string[] }>, seconds: number): number {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const { block, problems } of results) {
    const where = `${block.file}:${block.line} (block ${block.index})`;
    if (block.skip !== undefined) {
      skipped++;
      log(`skipped ${where}: ${block.skip}`);
    } else if (problems.length === 0) {
      passed++;
      log(`passed  ${where}`);
    } else {
      failed++;
      log(`FAILED  ${where}:\n${indent(problems.join('\n'), '          ')}`);
    }
  }
  log(
    `${results.length} blocks in ${seconds.toFixed(0)} s; scripts, logs and the stack's output in ${ARTIFACTS}`,
  );
  console.log(`docs: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  return failed === 0 ? 0 : 1;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    console.log('docs: 0 passed, 1 failed, 0 skipped');
    process.exit(1);
  },
);
