import { DefaultLogger, type LogLevel, Runtime } from '@temporalio/worker';

/**
 * Installs the Temporal SDK runtime with a logger that shows warnings and errors only; the SDK's
 * info lines (worker state changes, bundle statistics) drown the application's own output.
 * Must run before anything touches Temporal; later calls are ignored.
 */
export function installTemporalRuntime(level: LogLevel = 'WARN', metricsAddress?: string): void {
  try {
    Runtime.install({
      logger: new DefaultLogger(level),
      // The SDK's worker metrics (task latencies, slots, cache), exported by its core for Prometheus.
      ...(metricsAddress
        ? { telemetryOptions: { metrics: { prometheus: { bindAddress: metricsAddress } } } }
        : {}),
    });
  } catch {
    // Already installed in this process.
  }
}
