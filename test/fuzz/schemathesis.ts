import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { toolsCacheDir } from '../../src/dev-services/tool-binaries';

export const SCHEMATHESIS_VERSION = '4.32.5';

const run = promisify(execFile);

/**
 * The pinned schemathesis in a virtualenv of its own (`~/.cache/petitionflow/venv`), made on first use and
 * reused while it holds the pinned version. Returns the path of its `schemathesis` command.
 */
export async function ensureSchemathesis(log: (message: string) => void): Promise<string> {
  const venv = path.join(toolsCacheDir(), 'venv');
  const command = path.join(venv, 'bin', 'schemathesis');
  if ((await installedVersion(command)) === SCHEMATHESIS_VERSION) return command;
  log(`Installing schemathesis ${SCHEMATHESIS_VERSION} into ${venv}…`);
  if (!fs.existsSync(path.join(venv, 'bin', 'python'))) {
    await run('python3', ['-m', 'venv', venv]).catch((err: unknown) => {
      throw new Error(`python3 -m venv failed (on Debian: apt-get install python3-venv): ${String(err)}`);
    });
  }
  await run(path.join(venv, 'bin', 'pip'), [
    'install',
    '--quiet',
    '--disable-pip-version-check',
    `schemathesis==${SCHEMATHESIS_VERSION}`,
  ]);
  const installed = await installedVersion(command);
  if (installed !== SCHEMATHESIS_VERSION) {
    throw new Error(`schemathesis ${installed ?? 'missing'} in ${venv}, expected ${SCHEMATHESIS_VERSION}`);
  }
  return command;
}

async function installedVersion(command: string): Promise<string | undefined> {
  try {
    const { stdout } = await run(command, ['--version']);
    return /version (\S+)/.exec(stdout)?.[1];
  } catch {
    return undefined;
  }
}

export interface FuzzRun {
  command: string;
  openApiUrl: string;
  token: string;
  /** Where schemathesis runs: its JSON report and its example database go there. */
  workDir: string;
  maxExamples: number;
  seed: number;
  /** A hard stop for a run that hangs. */
  timeoutMs: number;
}

export interface FuzzResult {
  exitCode: number;
  operations: { total: number; tested: number; errored: number };
  testCases: number;
  failures: Array<{ code: string; title: string; count: number; operations: string[] }>;
  errors: number;
  seconds: number;
}

/**
 * The checks that hold this API to its document: no 5xx, only documented status codes, content types,
 * headers and bodies, invalid input refused, authentication not ignored, 405 for undeclared methods, and
 * the stateful ones (a created resource is there, a deleted one gone). Left out: `positive_data_acceptance`,
 * which expects every schema-valid request to pass, while the API also refuses, with a documented 422,
 * input that no schema can judge (a 31 February, two periods at once, a handler not in the unit, an
 * Idempotency-Key already used for another request).
 */
const EXCLUDED_CHECKS = ['positive_data_acceptance'];

/** One schemathesis run over every operation of the document, its output forwarded as it comes. */
export async function runSchemathesis(settings: FuzzRun): Promise<FuzzResult> {
  const reportFile = path.join(settings.workDir, 'report.json');
  const args = [
    'run',
    settings.openApiUrl,
    '--header',
    `Authorization: Bearer ${settings.token}`,
    '--checks',
    'all',
    '--exclude-checks',
    EXCLUDED_CHECKS.join(','),
    '--max-examples',
    String(settings.maxExamples),
    '--seed',
    String(settings.seed),
    // One worker: hypothesis's lambda descriptions race under threads on CPython 3.11 ("AST constructor
    // recursion depth mismatch"), an error of the fuzzer, not of the API.
    '--workers',
    '1',
    '--request-timeout',
    '30',
    '--no-color',
    '--report',
    'json',
    '--report-json-path',
    reportFile,
  ];
  const started = Date.now();
  // Its console output goes to a file: it closes with a pytest-style line ("3 warnings in 32s") that CI
  // would read as a test run with no test. The file is printed when the run fails.
  const outputFile = path.join(settings.workDir, 'schemathesis.log');
  const output = fs.openSync(outputFile, 'w');
  const exitCode = await new Promise<number>((resolve, reject) => {
    const child = spawn(settings.command, args, {
      cwd: settings.workDir,
      stdio: ['ignore', output, output],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), settings.timeoutMs);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal ? 128 : (code ?? 1));
    });
  });
  fs.closeSync(output);
  const seconds = (Date.now() - started) / 1000;
  if (exitCode !== 0) process.stdout.write(fs.readFileSync(outputFile, 'utf8'));
  if (!fs.existsSync(reportFile)) {
    throw new Error(`schemathesis exited with ${exitCode} after ${seconds.toFixed(0)} s and wrote no report`);
  }
  return { ...summarise(JSON.parse(fs.readFileSync(reportFile, 'utf8')) as JsonReport), exitCode, seconds };
}

/** The parts of schemathesis's JSON report (`--report json`) read here. */
interface JsonReport {
  operations: { total: number; tested: number; errored: number };
  test_cases: { generated: number };
  failures: Array<{ code: string; title: string; count: number; operations: string[] }>;
  errors: unknown[];
}

function summarise(report: JsonReport): Omit<FuzzResult, 'exitCode' | 'seconds'> {
  return {
    operations: {
      total: report.operations.total,
      tested: report.operations.tested,
      errored: report.operations.errored,
    },
    testCases: report.test_cases.generated,
    failures: report.failures.map(({ code, title, count, operations }) => ({
      code,
      title,
      count,
      operations,
    })),
    errors: report.errors.length,
  };
}
