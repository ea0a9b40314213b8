import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';

/** The gRPC status codes this module tells apart. */
const NOT_FOUND = 5;
const ALREADY_EXISTS = 6;
const UNAVAILABLE = 14;

/** As deploy/temporal/setup-namespace.sh (TEMPORAL_NAMESPACE_RETENTION in the compose file). */
const RETENTION = '30 days';

/**
 * Creates the namespace if it is missing (as the compose file's temporal-setup job does) and waits
 * until the frontend knows it: a new namespace reaches the frontend's cache only at its next refresh.
 */
export async function ensureNamespace(
  connection: Connection,
  namespace: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await connection.workflowService.registerNamespace({
        namespace,
        description: 'petitionflow petitions',
        workflowExecutionRetentionPeriod: msToTs(RETENTION),
      });
      break;
    } catch (err) {
      if (grpcCode(err) === ALREADY_EXISTS) break;
      // A server that just started answers before all its internal services are up.
      if (grpcCode(err) !== UNAVAILABLE || Date.now() > deadline) throw err;
      await sleep(500);
    }
  }
  for (;;) {
    try {
      // Answered from the frontend's namespace cache, so it fails until the cache has the namespace.
      await connection.workflowService.listWorkflowExecutions({ namespace, pageSize: 1 });
      return;
    } catch (err) {
      if (grpcCode(err) !== NOT_FOUND || Date.now() > deadline) throw err;
      await sleep(500);
    }
  }
}

function grpcCode(err: unknown): number | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? Number(err.code) : undefined;
}
