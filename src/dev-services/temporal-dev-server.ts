import { PETITION_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import type { Log } from '../runtime/logger';
import { obtainTemporalCli } from './tool-binaries';

/**
 * Dynamic config the embedded dev server runs with, chosen deliberately (the bench measures it:
 * `npm run bench -- --transfer-poll-rps 20` runs on Temporal's default).
 *
 * `history.transferProcessorMaxPollRPS`: how often per second the history shard's transfer queue may load
 * new tasks (Temporal's default: 20). The dev server has a single shard, so every dispatch of a workflow's
 * first task (a registration) and of any task after a timer waits for that poller: at 20 a second it added
 * tens of milliseconds per dispatch at low load. 1 000 lets each load follow its notification at once; the
 * loads read SQLite, on the same machine.
 */
export const DEV_SERVER_DYNAMIC_CONFIG: Readonly<Record<string, unknown>> = {
  'history.transferProcessorMaxPollRPS': 1000,
};

/**
 * SQLite pragmas of the dev server's database file (`--sqlite-pragma`; none for an in-memory one).
 *
 * The dev server keeps all its state in one SQLite file through one connection, so every write waits for the
 * one before. In SQLite's default rollback-journal mode each commit rewrites the journal and syncs it and the
 * file; in WAL mode with `synchronous=NORMAL` a commit appends to the log and syncs only at checkpoints. Safe
 * when the server process dies; a power cut may lose the last commits, which a development server may. The
 * bench measures both (`npm run bench -- --sqlite-pragma journal_mode=delete --sqlite-pragma synchronous=full`
 * runs on SQLite's defaults).
 */
export const DEV_SERVER_SQLITE_PRAGMAS: Readonly<Record<string, string>> = {
  journal_mode: 'wal',
  synchronous: 'normal',
};

export interface DevServerOptions {
  /** SQLite file that keeps workflows across restarts; in-memory when absent. */
  dbFilename?: string;
  port?: number;
  uiPort?: number;
  ui: boolean;
  namespace: string;
  /** Added to (or overriding) DEV_SERVER_DYNAMIC_CONFIG; each value is sent as JSON. */
  dynamicConfig?: Record<string, unknown>;
  /** Added to (or overriding) DEV_SERVER_SQLITE_PRAGMAS. */
  sqlitePragmas?: Record<string, string>;
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
      extraArgs: [
        ...dynamicConfigArgs({ ...DEV_SERVER_DYNAMIC_CONFIG, ...options.dynamicConfig }),
        ...sqlitePragmaArgs(
          options.dbFilename ? { ...DEV_SERVER_SQLITE_PRAGMAS, ...options.sqlitePragmas } : {},
        ),
      ],
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

/** `--dynamic-config-value KEY=<JSON>` for each entry. */
export function dynamicConfigArgs(values: Record<string, unknown>): string[] {
  return Object.entries(values).flatMap(([key, value]) => [
    '--dynamic-config-value',
    `${key}=${JSON.stringify(value)}`,
  ]);
}

/** `--sqlite-pragma KEY=VALUE` for each entry. */
function sqlitePragmaArgs(values: Record<string, string>): string[] {
  return Object.entries(values).flatMap(([key, value]) => ['--sqlite-pragma', `${key}=${value}`]);
}
