import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

const TASK_FAILED = temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED;

export interface TaskFailure {
  workflowId: string;
  cause: string;
  message: string;
}

/**
 * The failed workflow tasks (`WorkflowTaskFailed`) in the histories of the given workflows, or of every
 * workflow the server lists. A failed task is a bug anywhere: code after the read model's write threw, or a
 * change broke determinism. Reads histories a few at a time.
 */
export async function workflowTaskFailures(
  client: Client,
  workflowIds?: string[],
  concurrency = 8,
): Promise<{ checked: number; failures: TaskFailure[] }> {
  const ids = workflowIds ?? (await listedWorkflows(client));
  const failures: TaskFailure[] = [];
  let next = 0;
  const work = async () => {
    while (next < ids.length) {
      const workflowId = ids[next++]!;
      const history = await client.workflow.getHandle(workflowId).fetchHistory();
      for (const event of history.events ?? []) {
        if (event.eventType !== TASK_FAILED) continue;
        const attributes = event.workflowTaskFailedEventAttributes;
        failures.push({
          workflowId,
          cause: temporal.api.enums.v1.WorkflowTaskFailedCause[attributes?.cause ?? 0] ?? 'unknown',
          message: attributes?.failure?.message ?? '',
        });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, work));
  return { checked: ids.length, failures };
}

async function listedWorkflows(client: Client): Promise<string[]> {
  const ids = new Set<string>();
  for await (const execution of client.workflow.list()) ids.add(execution.workflowId);
  return [...ids];
}
