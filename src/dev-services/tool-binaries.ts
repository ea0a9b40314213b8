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
export const TEST_SERVER_ARTIFACT = {
  groupId: 'io.temporal',
  artifactId: 'temporal-test-server',
  version: '1.38.0',
};

export type Log = (message: string) => void;

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
    const binDir = path.join(toolsCacheDir(env), 'bin');
    // Build into a private directory first, so that a concurrent start never sees half a binary.
    const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'petitionflow-go-'));
    log(
      `Building the Temporal CLI (go install ${TEMPORAL_CLI_MODULE}); the first build takes a few minutes…`,
    );
    const started = Date.now();
    await execFileAsync('go', ['install', TEMPORAL_CLI_MODULE], {
      env: { ...env, GOBIN: staging, GOFLAGS: '-mod=mod' },
      maxBuffer: 64 * 1024 * 1024,
    });
    fs.mkdirSync(binDir, { recursive: true });
    const target = path.join(binDir, 'temporal');
    fs.copyFileSync(path.join(staging, 'temporal'), `${target}.tmp`);
    fs.chmodSync(`${target}.tmp`, 0o755);
    fs.renameSync(`${target}.tmp`, target);
    fs.rmSync(staging, { recursive: true, force: true });
    log(`Built ${target} in ${Math.round((Date.now() - started) / 1000)} s`);
    return { type: 'existing-path', path: target };
  }
  log('No Temporal CLI found and no Go toolchain to build it: falling back to the SDK download');
  return { type: 'cached-download' };
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
