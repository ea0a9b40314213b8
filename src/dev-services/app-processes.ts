import { type ChildProcess, spawn } from 'node:child_process';
import readline from 'node:readline';
import { asRuntimeRole } from '../db/roles';
import { stopProcess, waitForOutput } from './child-process';
import { projectFile } from './project-files';
import type { Log } from '../runtime/logger';

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
  /** Added to the environment of every worker / every API process (e.g. a metrics address, a cache size). */
  env?: { worker?: Record<string, string>; api?: Record<string, string> };
  /** Node's own options for every process (e.g. `--cpu-prof` for a profile: NODE_OPTIONS refuses it). */
  nodeArgs?: string[];
  /** Where each line of their output goes; by default standard error, prefixed with the process's name. */
  output?: (name: string, line: string) => void;
}

export interface RunningAppProcesses {
  /** The APIs' base URLs, once every process is ready; rejects if one fails to start. */
  apiUrls: Promise<string[]>;
  /** The process ids of those started so far, by name (`worker-1`, `api-1`, …), for whoever watches them. */
  pids(): Map<string, number>;
  /** Stops every process started so far, ready or not. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 120_000;
/** More than the worker's own shutdown needs when no activity is running. */
const STOP_GRACE_MS = 10_000;

/**
 * The compose file's `worker` and `api` services as `petitionflow worker` / `petitionflow api` child
 * processes, each API on a port of its own (loopback only). Their output goes to standard error,
 * each line prefixed with the process's name, unless `output` takes it.
 */
export function startAppProcesses(options: AppProcessesOptions): RunningAppProcesses {
  const children: ChildProcess[] = [];
  const pids = new Map<string, number>();
  const output = options.output ?? ((name, line) => process.stderr.write(`[${name}] ${line}\n`));
  const stop = async () => {
    await Promise.all(children.map((child) => stopProcess(child, STOP_GRACE_MS)));
  };
  const start = async (command: 'worker' | 'api', index: number) => {
    const name = `${command}-${index}`;
    const args = [...(options.nodeArgs ?? []), projectFile('bin/petitionflow.js'), command];
    const child = spawn(process.execPath, args, {
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
        ...options.env?.[command],
      },
    });
    children.push(child);
    if (child.pid !== undefined) pids.set(name, child.pid);
    forwardOutput(child, (line) => output(name, line));
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
  return { apiUrls, pids: () => new Map(pids), stop };
}

function forwardOutput(child: ChildProcess, write: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    readline.createInterface({ input: stream }).on('line', write);
  }
}
