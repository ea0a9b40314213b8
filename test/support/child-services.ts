import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { asRuntimeRole } from '../../src/db/roles';
import { TEST_AUTH_SECRET, testEnv } from './harness';

const ROOT = path.resolve(__dirname, '..', '..');

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * `petitionflow api` or `petitionflow worker` as a real process against the run's servers, so a test can
 * kill it with SIGKILL and start it again.
 */
export async function startChild(
  command: 'api' | 'worker',
  settings: { port?: number; taskQueue: string; env?: Record<string, string> },
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'petitionflow.js'), command], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: asRuntimeRole(testEnv('TEST_DATABASE_URL')),
      TEMPORAL_ADDRESS: testEnv('TEST_TEMPORAL_ADDRESS'),
      AUTH_SECRET: TEST_AUTH_SECRET,
      API_PORT: String(settings.port ?? 0),
      TEMPORAL_TASK_QUEUE: settings.taskQueue,
      WORKFLOW_BUNDLE_PATH: testEnv('TEST_WORKFLOW_BUNDLE'),
      LOG_LEVEL: 'fatal',
      ...settings.env,
    },
  });
  const ready = command === 'api' ? 'API listening' : 'Worker polling';
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${command} did not start: ${output}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes(ready)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code} before it was ready: ${output}`));
    });
  });
  child.removeAllListeners('exit');
  return child;
}

/** SIGKILL: no shutdown hook runs, in-flight requests and tasks are lost mid-way. */
export function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
