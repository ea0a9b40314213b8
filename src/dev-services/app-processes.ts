import { type ChildProcess, spawn } from 'node:child_process';
import readline from 'node:readline';
import { asRuntimeRole } from '../db/roles';
import { stopProcess, waitForOutput } from './child-process';
import { projectFile } from './project-files';
import type { Log } from './tool-binaries';

export interface AppProcessesOptions {
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  authSecret: string;
  /** A prebuilt workflow bundle, so that the workers do not each bundle the sources. */
  workflowBundlePath: string;
  workers: number;
  apis: number;
  log: Log;
}

export interface RunningAppProcesses {
  /** The APIs' base URLs, once every process is ready; rejects if one fails to start. */
  apiUrls: Promise<string[]>;
  /** Stops every process started so far, ready or not. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 120_000;
/** More than the worker's own shutdown needs when no activity is running. */
const STOP_GRACE_MS = 10_000;

/**
 * The compose file's `worker` and `api` services as `petitionflow worker` / `petitionflow api` child
 * processes, each API on a port of its own (loopback only). Their output goes to standard error,
 * each line prefixed with the process's name.
 */
export function startAppProcesses(options: AppProcessesOptions): RunningAppProcesses {
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map((child) => stopProcess(child, STOP_GRACE_MS)));
  };
  const start = async (command: 'worker' | 'api', index: number) => {
    const name = `${command}-${index}`;
    const child = spawn(process.execPath, [projectFile('bin/petitionflow.js'), command], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        // As in production: the app's processes act as the runtime role, not as the schema's owner.
        DATABASE_URL: asRuntimeRole(options.databaseUrl),
        TEMPORAL_ADDRESS: options.temporalAddress,
        TEMPORAL_NAMESPACE: options.namespace,
        AUTH_SECRET: options.authSecret,
        WORKFLOW_BUNDLE_PATH: options.workflowBundlePath,
        API_PORT: '0',
        API_HOST: '127.0.0.1',
      },
    });
    children.push(child);
    forwardOutput(child, name);
    const ready = command === 'api' ? /API listening on port (\d+)/ : /Worker polling/;
    const match = await waitForOutput(child, ready, READY_TIMEOUT_MS, name);
    options.log(`${name} ready (pid ${child.pid})`);
    return command === 'api' ? `http://127.0.0.1:${match[1]}` : undefined;
  };
  const workers = Array.from({ length: options.workers }, (_, i) => start('worker', i + 1));
  const apis = Array.from({ length: options.apis }, (_, i) => start('api', i + 1));
  const apiUrls = Promise.all([...workers, ...apis]).then(
    (started) => started.filter((url): url is string => url !== undefined),
    async (err: unknown) => {
      await stop();
      throw err;
    },
  );
  return { apiUrls, stop };
}

function forwardOutput(child: ChildProcess, name: string): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    readline
      .createInterface({ input: stream })
      .on('line', (line) => process.stderr.write(`[${name}] ${line}\n`));
  }
}
