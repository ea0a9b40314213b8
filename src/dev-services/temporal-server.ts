import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection, type TLSConfig } from '@temporalio/client';
import { grpc } from '@temporalio/proto';
import { ensureNamespace } from '../temporal/namespace';
import { ensureSearchAttributes } from '../temporal/search-attributes';
import { exited, stopProcess } from './child-process';
import { freePorts } from './free-ports';
import { projectFile } from './project-files';
import { type PostgresServer, setUpTemporalSchema } from './temporal-schema';
import {
  TEMPORAL_SERVER_PORT_NAMES,
  type TemporalServerPorts,
  type TemporalServerTls,
  temporalServerConfig,
} from './temporal-server-config';
import type { Log } from '../runtime/logger';
import { obtainTemporalServerBinaries, temporalServerModuleDir } from './tool-binaries';

export interface TemporalServerOptions {
  postgres: PostgresServer;
  /** Where the config and the server's log go. */
  rootDir: string;
  namespace: string;
  log: Log;
  /**
   * mTLS as compose sets it up: the server's own certificates (frontend and internode, client certificates
   * required), and the client certificate this module's own calls (health, namespace) present.
   */
  tls?: { server: TemporalServerTls; client: TLSConfig };
}

export interface RunningTemporalServer {
  address: string;
  /** Stops the server (SIGTERM, then SIGKILL); its data stays in PostgreSQL. */
  stop(): Promise<void>;
  /** Starts the stopped server again on the same ports, config and data (fault tests). */
  startAgain(): Promise<void>;
}

/** The compose service's NUM_HISTORY_SHARDS. */
const NUM_HISTORY_SHARDS = 64;
const READY_TIMEOUT_MS = 120_000;
/** The server drains its services on SIGTERM; past this it is killed. */
const STOP_GRACE_MS = 10_000;

/**
 * The compose file's `temporal` service without Docker: `temporal-server` built from the Go module,
 * its schema set up in the given PostgreSQL (temporal-schema job), persistence and SQL visibility there,
 * then the namespace and the search attributes (temporal-setup job). Resolves once workflows carrying
 * every search attribute are accepted.
 */
export async function startTemporalServer(options: TemporalServerOptions): Promise<RunningTemporalServer> {
  const { log } = options;
  const { server, sqlTool } = await obtainTemporalServerBinaries(log);
  const moduleDir = await temporalServerModuleDir();
  await setUpTemporalSchema(sqlTool, moduleDir, options.postgres, log);

  const ports = await choosePorts();
  const configDir = path.join(options.rootDir, 'config');
  fs.mkdirSync(configDir, { recursive: true });
  const template = fs.readFileSync(path.join(moduleDir, 'config', 'development-postgres12.yaml'), 'utf8');
  fs.writeFileSync(
    path.join(configDir, 'development.yaml'),
    await temporalServerConfig(template, {
      postgres: options.postgres,
      ports,
      // The dynamic config file the compose service mounts.
      dynamicConfigPath: projectFile('deploy/temporal/dynamicconfig/petitionflow.yaml'),
      numHistoryShards: NUM_HISTORY_SHARDS,
      tls: options.tls?.server,
    }),
  );

  const address = `127.0.0.1:${ports.frontend}`;
  const tls = options.tls?.client;
  const launch = () => launchServer(server, options.rootDir, address, tls, log);
  let child = await launch();
  const stop = () => stopProcess(child, STOP_GRACE_MS);
  try {
    const connection = await Connection.connect({ address, tls });
    try {
      await prepareNamespace(connection, options.namespace, log);
    } finally {
      await connection.close();
    }
    return {
      address,
      stop,
      startAgain: async () => {
        child = await launch();
      },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * Runs `temporal-server` with the config in `rootDir`; resolves once its frontend serves, rejects (after
 * stopping it) if it exits or does not serve in time.
 */
async function launchServer(
  server: string,
  rootDir: string,
  address: string,
  tls: TLSConfig | undefined,
  log: Log,
): Promise<ChildProcess> {
  const logFile = path.join(rootDir, 'temporal-server.log');
  const output = fs.openSync(logFile, 'a');
  log(`Starting temporal-server on ${address} (log: ${logFile})…`);
  const child = spawn(server, ['--root', rootDir, '--config', 'config', '--env', 'development', 'start'], {
    stdio: ['ignore', output, output],
  });
  fs.closeSync(output);
  const serverExited = exited(child).then(() => {
    throw new Error(`temporal-server exited before it was ready; its log ends:\n${lastLines(logFile, 15)}`);
  });
  try {
    await (await Promise.race([waitUntilServing(address, tls), serverExited])).close();
    serverExited.catch(() => undefined);
    return child;
  } catch (err) {
    serverExited.catch(() => undefined);
    await stopProcess(child, STOP_GRACE_MS);
    throw err;
  }
}

function lastLines(file: string, count: number): string {
  return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-count).join('\n');
}

/**
 * Below the system's ephemeral range, where no client connection takes them meanwhile, and below
 * 32768: the cluster_membership table keeps a host's port in a SMALLINT.
 */
const SERVER_PORT_RANGE = { min: 20_000, max: 32_767 };

async function choosePorts(): Promise<TemporalServerPorts> {
  const free = await freePorts(TEMPORAL_SERVER_PORT_NAMES.length, SERVER_PORT_RANGE);
  return Object.fromEntries(
    TEMPORAL_SERVER_PORT_NAMES.map((name, i) => [name, free[i]]),
  ) as unknown as TemporalServerPorts;
}

/** Connects once the frontend's gRPC health check says SERVING. */
async function waitUntilServing(address: string, tls: TLSConfig | undefined): Promise<Connection> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const connection = await Connection.connect({ address, tls, connectTimeout: 2_000 }).catch(
      () => undefined,
    );
    if (connection) {
      const health = await connection.healthService
        .check({ service: 'temporal.api.workflowservice.v1.WorkflowService' })
        .catch(() => undefined);
      if (health?.status === grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING) {
        return connection;
      }
      await connection.close();
    }
    if (Date.now() > deadline)
      throw new Error(`temporal-server at ${address} was not serving after ${READY_TIMEOUT_MS / 1000} s`);
    await sleep(500);
  }
}

async function prepareNamespace(connection: Connection, namespace: string, log: Log): Promise<void> {
  await ensureNamespace(connection, namespace);
  const added = await ensureSearchAttributes(connection, namespace);
  log(`Registered search attributes: ${added.join(', ')}`);
}
