import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  TEMPORAL_SERVER_PORT_NAMES,
  type TemporalServerPorts,
  temporalServerConfig,
} from '../../../src/dev-services/temporal-server-config';
import { TEMPORAL_SERVER_VERSION } from '../../../src/dev-services/tool-binaries';

/**
 * `dev-services --production` runs the compose file's Temporal server without Docker: the same version,
 * and a config that differs from the module's PostgreSQL sample only in what the compose service sets.
 */
const ROOT = path.resolve(__dirname, '../../..');

// The part of the module's config/development-postgres12.yaml (v1.29.1) that the generator touches.
const TEMPLATE = `
persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: 4
  datastores:
    postgres-default:
      sql: { pluginName: "postgres12", databaseName: "temporal", connectAddr: "127.0.0.1:5432", user: "temporal", password: "temporal" }
    postgres-visibility:
      sql: { pluginName: "postgres12", databaseName: "temporal_visibility", connectAddr: "127.0.0.1:5432", user: "temporal", password: "temporal" }
global:
  pprof: { port: 7936 }
  metrics: { prometheus: { framework: "tally", listenAddress: "127.0.0.1:8000" } }
services:
  frontend: { rpc: { grpcPort: 7233, membershipPort: 6933, bindOnLocalHost: true, httpPort: 7243 } }
  matching: { rpc: { grpcPort: 7235, membershipPort: 6935, bindOnLocalHost: true } }
  history: { rpc: { grpcPort: 7234, membershipPort: 6934, bindOnLocalHost: true } }
  worker: { rpc: { grpcPort: 7239, membershipPort: 6939, bindOnLocalHost: true } }
clusterMetadata:
  clusterInformation:
    active: { enabled: true, rpcName: "frontend", rpcAddress: "localhost:7233" }
dynamicConfigClient:
  filepath: "config/dynamicconfig/development-sql.yaml"
  pollInterval: "10s"
`;

const ports = Object.fromEntries(
  TEMPORAL_SERVER_PORT_NAMES.map((name, i) => [name, 21_000 + i]),
) as unknown as TemporalServerPorts;
const options = {
  postgres: { host: '127.0.0.1', port: 45_432, user: 'postgres', password: 'secret' },
  ports,
  dynamicConfigPath: '/project/deploy/temporal/dynamicconfig/petitionflow.yaml',
  numHistoryShards: 64,
};

describe('the production shape', () => {
  it('builds the server version of the compose file', () => {
    const compose = fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
    expect(compose).toContain(`image: temporalio/server:${TEMPORAL_SERVER_VERSION.replace(/^v/, '')}\n`);
  });

  it('points both stores at the given PostgreSQL and every listener at the chosen ports', async () => {
    const config = parse(await temporalServerConfig(TEMPLATE, options));
    for (const store of ['postgres-default', 'postgres-visibility']) {
      expect(config.persistence.datastores[store].sql).toMatchObject({
        pluginName: 'postgres12',
        connectAddr: '127.0.0.1:45432',
        user: 'postgres',
        password: 'secret',
      });
    }
    expect(config.persistence.datastores['postgres-visibility'].sql.databaseName).toBe('temporal_visibility');
    expect(config.persistence.numHistoryShards).toBe(64);
    expect(config.services.frontend.rpc).toMatchObject({
      grpcPort: 21_000,
      httpPort: 21_001,
      membershipPort: 21_002,
    });
    expect(config.services.history.rpc).toMatchObject({ grpcPort: 21_003, membershipPort: 21_004 });
    expect(config.services.matching.rpc).toMatchObject({ grpcPort: 21_005, membershipPort: 21_006 });
    expect(config.services.worker.rpc).toMatchObject({ grpcPort: 21_007, membershipPort: 21_008 });
    expect(config.clusterMetadata.clusterInformation.active.rpcAddress).toBe('127.0.0.1:21000');
    expect(config.global).toEqual({ pprof: { port: 0 } });
    expect(config.dynamicConfigClient).toEqual({ filepath: options.dynamicConfigPath, pollInterval: '10s' });
  });

  it('refuses a template whose visibility is not on PostgreSQL', async () => {
    const elasticsearch = TEMPLATE.replace(
      'visibilityStore: postgres-visibility',
      'visibilityStore: es-visibility',
    );
    await expect(temporalServerConfig(elasticsearch, options)).rejects.toThrow(
      /es-visibility is not a postgres12 SQL store/,
    );
  });

  it('requires a client certificate from the CA on the frontend and between the services, with mTLS on', async () => {
    const tls = {
      caFile: '/certs/ca.pem',
      certFile: '/certs/server.pem',
      keyFile: '/certs/server.key',
      serverName: 'temporal',
    };
    const config = parse(await temporalServerConfig(TEMPLATE, { ...options, tls }));
    for (const side of ['frontend', 'internode']) {
      expect(config.global.tls[side]).toEqual({
        server: {
          certFile: '/certs/server.pem',
          keyFile: '/certs/server.key',
          requireClientAuth: true,
          clientCaFiles: ['/certs/ca.pem'],
        },
        client: { serverName: 'temporal', disableHostVerification: false, rootCaFiles: ['/certs/ca.pem'] },
      });
    }
  });
});
