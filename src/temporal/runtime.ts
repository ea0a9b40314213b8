import { DefaultLogger, type LogLevel, Runtime } from '@temporalio/worker';

/**
 * Installs the Temporal SDK runtime with a logger that shows warnings and errors only; the SDK's
 * info lines (worker state changes, bundle statistics) drown the application's own output.
 * Must run before anything touches Temporal; later calls are ignored.
 */
export function installTemporalRuntime(level: LogLevel = 'WARN'): void {
  try {
    Runtime.install({ logger: new DefaultLogger(level) });
  } catch {
    // Already installed in this process.
  }
}
