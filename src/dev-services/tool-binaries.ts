import type { Log } from '../runtime/logger';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { EphemeralServerExecutable } from '@temporalio/testing';

/**
 * Obtains the Temporal servers without the SDK's download (which cannot reach its host here).
 * Order: explicit path from the environment, the program on PATH, a copy in the project's
 * `.tools/bin`, a copy already built in the per-user cache, a build from the package registries
 * into that cache, and only last the SDK's own download.
 *
 * Built tools go to a per-user cache rather than the clone, so that a fresh clone (and CI)
 * reuses them instead of rebuilding for minutes.
 */
const execFileAsync = promisify(execFile);

export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';
/** The version of the compose file's temporalio/server image. */
export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
export const TEMPORAL_SERVER_MODULE = `go.temporal.io/server@${TEMPORAL_SERVER_VERSION}`;
export const TEST_SERVER_ARTIFACT = {
  groupId: 'io.temporal',
  artifactId: 'temporal-test-server',
  version: '1.38.0',
};

export function toolsCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return (
    env.PETITIONFLOW_TOOLS_DIR ??
    path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'petitionflow')
  );
}

const projectToolsBin = path.resolve(__dirname, '..', '..', '.tools', 'bin');

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

function findExisting(name: string, envVar: string, env: NodeJS.ProcessEnv): string | undefined {
  const explicit = env[envVar];
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`${envVar}=${explicit} is not an executable file`);
    return explicit;
  }
  return (
    findOnPath(name, env) ??
    [path.join(projectToolsBin, name), path.join(toolsCacheDir(env), 'bin', name)].find(isExecutable)
  );
}

async function hasCommand(command: string, args: string[]): Promise<boolean> {
  try {
    await execFileAsync(command, args, { timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

/** The `temporal` CLI (dev server with Web UI). */
export async function obtainTemporalCli(
  log: Log,
  env: NodeJS.ProcessEnv = process.env,
): Promise<EphemeralServerExecutable> {
  const found = findExisting('temporal', 'TEMPORAL_CLI_PATH', env);
  if (found) return { type: 'existing-path', path: found };
  if (await hasCommand('go', ['version'])) {
    const built = await goInstallIntoCache(
      { module: TEMPORAL_CLI_MODULE, builds: 'temporal', installAs: 'temporal', what: 'the Temporal CLI' },
      log,
      env,
    );
    return { type: 'existing-path', path: built };
  }
  log('No Temporal CLI found and no Go toolchain to build it: falling back to the SDK download');
  return { type: 'cached-download' };
}

/**
 * `temporal-server` (the server of the temporalio/server image) and `temporal-sql-tool` (its schema
 * tool, from temporalio/admin-tools), for the production shape. There is no download to fall back on:
 * without Go they must be given (TEMPORAL_SERVER_PATH, TEMPORAL_SQL_TOOL_PATH) or be on PATH.
 */
export async function obtainTemporalServerBinaries(
  log: Log,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ server: string; sqlTool: string }> {
  const obtain = async (spec: GoTool, envVar: string) => {
    const found = findExisting(spec.installAs, envVar, env);
    if (found) return found;
    if (!(await hasCommand('go', ['version']))) {
      throw new Error(`${spec.installAs} not found and no Go toolchain to build it: set ${envVar}`);
    }
    return goInstallIntoCache(spec, log, env);
  };
  // One after the other: two Go builds at once only compete for the same cores.
  const sqlTool = await obtain(TEMPORAL_SQL_TOOL, 'TEMPORAL_SQL_TOOL_PATH');
  const server = await obtain(TEMPORAL_SERVER, 'TEMPORAL_SERVER_PATH');
  return { server, sqlTool };
}

/**
 * The folder of the Temporal server's Go module (schema files, sample configs), downloaded into the
 * module cache if it is not there yet.
 */
export async function temporalServerModuleDir(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const { stdout } = await execFileAsync('go', ['mod', 'download', '-json', TEMPORAL_SERVER_MODULE], {
    cwd: os.tmpdir(),
    env: { ...env, GOFLAGS: '-mod=mod' },
    maxBuffer: 16 * 1024 * 1024,
  });
  const { Dir } = JSON.parse(stdout) as { Dir?: string };
  if (!Dir || !fs.existsSync(Dir))
    throw new Error(`go mod download ${TEMPORAL_SERVER_MODULE} gave no folder`);
  return Dir;
}

interface GoTool {
  /** `go install` argument, path@version. */
  module: string;
  /** Name of the binary `go install` writes (the package folder's name). */
  builds: string;
  /** Name it gets in the cache, distinct from the other tools. */
  installAs: string;
  what: string;
}

const TEMPORAL_SERVER: GoTool = {
  module: `go.temporal.io/server/cmd/server@${TEMPORAL_SERVER_VERSION}`,
  builds: 'server',
  installAs: 'temporal-server',
  what: 'the Temporal server',
};

const TEMPORAL_SQL_TOOL: GoTool = {
  module: `go.temporal.io/server/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`,
  builds: 'sql',
  installAs: 'temporal-sql-tool',
  what: 'the Temporal SQL schema tool',
};

/** Prints how long a build has been running, so a minutes-long first build does not look hung. */
const PROGRESS_EVERY_MS = 15_000;

/**
 * `go install` into a private folder, then an atomic rename into the per-user cache, so that a
 * concurrent start never sees half a binary. Returns the cached binary's path.
 */
async function goInstallIntoCache(tool: GoTool, log: Log, env: NodeJS.ProcessEnv): Promise<string> {
  const binDir = path.join(toolsCacheDir(env), 'bin');
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'petitionflow-go-'));
  log(`Building ${tool.what} (go install ${tool.module}); the first build takes a few minutes…`);
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 1000);
  const progress = setInterval(
    () => log(`… still building ${tool.installAs} (${seconds()} s)`),
    PROGRESS_EVERY_MS,
  );
  try {
    await execFileAsync('go', ['install', tool.module], {
      env: { ...env, GOBIN: staging, GOFLAGS: '-mod=mod' },
      maxBuffer: 64 * 1024 * 1024,
    });
    fs.mkdirSync(binDir, { recursive: true });
    const target = path.join(binDir, tool.installAs);
    fs.copyFileSync(path.join(staging, tool.builds), `${target}.${process.pid}.tmp`);
    fs.chmodSync(`${target}.${process.pid}.tmp`, 0o755);
    fs.renameSync(`${target}.${process.pid}.tmp`, target);
    log(`Built ${target} in ${seconds()} s`);
    return target;
  } finally {
    clearInterval(progress);
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** The Java time-skipping test server, as a script that `exec`s java. */
export async function obtainTestServer(
  log: Log,
  env: NodeJS.ProcessEnv = process.env,
): Promise<EphemeralServerExecutable> {
  const found = findExisting('temporal-test-server', 'TEMPORAL_TEST_SERVER_PATH', env);
  if (found) return { type: 'existing-path', path: found };
  if ((await hasCommand('mvn', ['--version'])) && (await hasCommand('java', ['-version']))) {
    const { groupId, artifactId, version } = TEST_SERVER_ARTIFACT;
    const workDir = path.join(toolsCacheDir(env), 'test-server', version);
    fs.mkdirSync(workDir, { recursive: true });
    log(`Fetching ${groupId}:${artifactId}:${version} from Maven Central…`);
    const pom = `<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>local.petitionflow</groupId><artifactId>test-server-classpath</artifactId><version>1</version>
<dependencies><dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId><version>${version}</version></dependency></dependencies>
</project>\n`;
    fs.writeFileSync(path.join(workDir, 'pom.xml'), pom);
    await execFileAsync(
      'mvn',
      ['-q', '-B', 'dependency:build-classpath', '-Dmdep.outputFile=classpath.txt'],
      {
        cwd: workDir,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const classpath = fs.readFileSync(path.join(workDir, 'classpath.txt'), 'utf8').trim();
    const binDir = path.join(toolsCacheDir(env), 'bin');
    fs.mkdirSync(binDir, { recursive: true });
    const target = path.join(binDir, 'temporal-test-server');
    // Client-compiler-only JIT and the serial GC: the server lives for one test run, start-up time matters most.
    const script = `#!/bin/sh\nexec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '${classpath}' io.temporal.testserver.TestServer "$@"\n`;
    fs.writeFileSync(`${target}.tmp`, script, { mode: 0o755 });
    fs.renameSync(`${target}.tmp`, target);
    log(`Wrote ${target}`);
    return { type: 'existing-path', path: target };
  }
  log('No time-skipping test server found and no Maven/Java to fetch it: falling back to the SDK download');
  return { type: 'cached-download' };
}
