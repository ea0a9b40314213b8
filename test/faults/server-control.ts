import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { exited, stopProcess } from '../../src/dev-services/child-process';
import type { FaultServers, ServerCommand } from './fault-servers';

/** PostgreSQL, temporal-server (its binaries already built), migrations and the workflow bundle. */
const READY_TIMEOUT_MS = 90_000;
const COMMAND_TIMEOUT_MS = 90_000;

/** The fault servers' child process (see fault-servers.ts): their addresses, and commands to stop and start them. */
export interface ServerControl extends FaultServers {
  send(command: ServerCommand): Promise<void>;
  stop(): Promise<void>;
}

/** `tlsDir`: certificates from deploy/tls/generate-certs.sh, for temporal-server with mTLS. */
export async function startFaultServers(options: { tlsDir?: string } = {}): Promise<ServerControl> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(__dirname, 'fault-servers.ts')], {
    cwd: path.resolve(__dirname, '..', '..'),
    stdio: ['pipe', 'pipe', 'inherit'],
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      ...(options.tlsDir ? { FAULT_SERVERS_TLS_DIR: options.tlsDir } : {}),
    },
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const stop = async () => {
    // Closing its input stops the servers in order; SIGTERM, then SIGKILL, if that takes over a minute.
    child.stdin?.end();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited(child), new Promise((resolve) => (timer = setTimeout(resolve, 60_000)))]);
    clearTimeout(timer);
    await stopProcess(child, 1_000);
  };
  try {
    const ready = await nextLine(child, lines, (line) => line.startsWith('READY '), READY_TIMEOUT_MS);
    const servers = JSON.parse(ready.slice('READY '.length)) as FaultServers;
    const send = async (command: ServerCommand) => {
      const answer = nextLine(
        child,
        lines,
        (line) => line === `DONE ${command}` || line.startsWith(`FAILED ${command} `),
      );
      child.stdin!.write(`${command}\n`);
      const line = await answer;
      if (!line.startsWith('DONE ')) throw new Error(`fault servers: ${line}`);
    };
    return { ...servers, send, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function nextLine(
  child: ChildProcess,
  lines: readline.Interface,
  wanted: (line: string) => boolean,
  timeoutMs = COMMAND_TIMEOUT_MS,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => finish(() => reject(new Error('fault servers did not answer'))),
      timeoutMs,
    );
    const onLine = (line: string) => wanted(line) && finish(() => resolve(line));
    const onExit = () => finish(() => reject(new Error('fault servers exited')));
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      lines.off('line', onLine);
      child.off('exit', onExit);
      settle();
    };
    lines.on('line', onLine);
    child.once('exit', onExit);
  });
}
