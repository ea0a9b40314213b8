import { PETITION_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { obtainTemporalCli, type Log } from './tool-binaries';

export interface DevServerOptions {
  /** SQLite file that keeps workflows across restarts; in-memory when absent. */
  dbFilename?: string;
  port?: number;
  uiPort?: number;
  ui: boolean;
  namespace: string;
  log: Log;
}

export interface RunningDevServer {
  address: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

/**
 * Starts the Temporal CLI dev server (with its Web UI) with the project's search attributes
 * registered. The SDK manages the process; we only hand it a binary that works offline.
 */
export async function startTemporalDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  const executable = await obtainTemporalCli(options.log);
  // The SDK's test package is a development dependency (the production image lacks it): loaded when used.
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable,
      ip: '127.0.0.1',
      port: options.port,
      ui: options.ui,
      uiPort: options.ui ? options.uiPort : undefined,
      dbFilename: options.dbFilename,
      namespace: options.namespace,
      searchAttributes: [...PETITION_SEARCH_ATTRIBUTES],
      log: { format: 'pretty', level: 'warn' },
    },
  });
  const address = env.address;
  const port = Number(address.split(':').pop());
  return {
    address,
    uiUrl: options.ui ? `http://127.0.0.1:${options.uiPort ?? port + 1000}` : undefined,
    stop: () => env.teardown(),
  };
}
