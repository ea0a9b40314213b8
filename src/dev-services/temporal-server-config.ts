/** Every port the server listens on; all of them must be free. */
export interface TemporalServerPorts {
  frontend: number;
  frontendHttp: number;
  frontendMembership: number;
  history: number;
  historyMembership: number;
  matching: number;
  matchingMembership: number;
  worker: number;
  workerMembership: number;
}

export const TEMPORAL_SERVER_PORT_NAMES: ReadonlyArray<keyof TemporalServerPorts> = [
  'frontend',
  'frontendHttp',
  'frontendMembership',
  'history',
  'historyMembership',
  'matching',
  'matchingMembership',
  'worker',
  'workerMembership',
];

export interface TemporalServerConfigOptions {
  postgres: { host: string; port: number; user: string; password: string };
  ports: TemporalServerPorts;
  /** Absolute path of the dynamic config file. */
  dynamicConfigPath: string;
  /** The compose service's NUM_HISTORY_SHARDS. */
  numHistoryShards: number;
  /** mTLS on the frontend and between the server's services, as compose sets it up (PEM file paths). */
  tls?: TemporalServerTls;
}

export interface TemporalServerTls {
  caFile: string;
  certFile: string;
  keyFile: string;
  /** The name in the server's certificate, which its own services check. */
  serverName: string;
}

/** The parts of the server's YAML config this module reads or changes. */
interface ServerConfig {
  persistence: {
    numHistoryShards: number;
    defaultStore: string;
    visibilityStore: string;
    datastores: Record<
      string,
      { sql?: { pluginName: string; connectAddr: string; user: string; password: string } }
    >;
  };
  global: { pprof?: { port: number }; metrics?: unknown; tls?: unknown };
  services: Record<string, { rpc: { grpcPort: number; membershipPort: number; httpPort?: number } }>;
  clusterMetadata: { clusterInformation: Record<string, { rpcAddress: string }> };
  dynamicConfigClient: { filepath: string };
}

/**
 * The server config of the compose service (PostgreSQL persistence, SQL visibility, 64 history
 * shards, the compose dynamic config, no pprof or metrics listener), made from the module's own
 * `config/development-postgres12.yaml` so that it follows the server version. Only connection
 * settings and ports are changed, so several servers can run on one machine.
 */
export async function temporalServerConfig(
  template: string,
  options: TemporalServerConfigOptions,
): Promise<string> {
  // Loaded here, not with the CLI: `yaml` is a development dependency, absent from the app image.
  const { parse, stringify } = await import('yaml');
  const config = parse(template) as ServerConfig;
  const { persistence } = config;
  persistence.numHistoryShards = options.numHistoryShards;
  for (const storeName of [persistence.defaultStore, persistence.visibilityStore]) {
    const sql = persistence.datastores[storeName]?.sql;
    if (sql?.pluginName !== 'postgres12') {
      throw new Error(`the config template's store ${storeName} is not a postgres12 SQL store`);
    }
    sql.connectAddr = `${options.postgres.host}:${options.postgres.port}`;
    sql.user = options.postgres.user;
    sql.password = options.postgres.password;
  }

  const { ports } = options;
  setRpcPorts(config, 'frontend', ports.frontend, ports.frontendMembership);
  config.services.frontend!.rpc.httpPort = ports.frontendHttp;
  setRpcPorts(config, 'history', ports.history, ports.historyMembership);
  setRpcPorts(config, 'matching', ports.matching, ports.matchingMembership);
  setRpcPorts(config, 'worker', ports.worker, ports.workerMembership);
  const clusters = Object.values(config.clusterMetadata.clusterInformation);
  if (clusters.length !== 1) throw new Error('the config template should describe exactly one cluster');
  clusters[0]!.rpcAddress = `127.0.0.1:${ports.frontend}`;

  // As the image's template without PPROF_PORT and PROMETHEUS_ENDPOINT: no extra listeners.
  config.global.pprof = { port: 0 };
  delete config.global.metrics;
  config.dynamicConfigClient.filepath = options.dynamicConfigPath;
  if (options.tls) config.global.tls = tlsSection(options.tls);
  return stringify(config);
}

/**
 * The compose service's TLS (its TEMPORAL_TLS_* variables): every connection to the frontend and between
 * the services must show a certificate from the CA; the services present the server's own.
 */
function tlsSection(tls: TemporalServerTls) {
  const side = {
    server: {
      certFile: tls.certFile,
      keyFile: tls.keyFile,
      requireClientAuth: true,
      clientCaFiles: [tls.caFile],
    },
    client: { serverName: tls.serverName, disableHostVerification: false, rootCaFiles: [tls.caFile] },
  };
  return { internode: side, frontend: side };
}

function setRpcPorts(config: ServerConfig, service: string, grpcPort: number, membershipPort: number): void {
  const rpc = config.services[service]?.rpc;
  if (!rpc) throw new Error(`the config template has no ${service} service`);
  rpc.grpcPort = grpcPort;
  rpc.membershipPort = membershipPort;
}
