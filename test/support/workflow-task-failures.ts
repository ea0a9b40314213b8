import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

const TASK_FAILED = temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED;
const Cause = temporal.api.enums.v1.WorkflowTaskFailedCause;
/**
 * Causes the server gives when it, not the workflow code, ended a task: a new event (an Update, a signal)
 * arrived while the task ran, a worker restarted, an operator reset or paused the run. The task is retried
 * with the new events; nothing was lost.
 */
const BENIGN = new Set<number>([
  Cause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND,
  Cause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_UPDATE,
  Cause.WORKFLOW_TASK_FAILED_CAUSE_RESET_STICKY_TASK_QUEUE,
  Cause.WORKFLOW_TASK_FAILED_CAUSE_FORCE_CLOSE_COMMAND,
  Cause.WORKFLOW_TASK_FAILED_CAUSE_FAILOVER_CLOSE_COMMAND,
  Cause.WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW,
  Cause.WORKFLOW_TASK_FAILED_CAUSE_WORKFLOW_PAUSE_REQUESTED_BEFORE_TASK_STARTED,
]);

export interface TaskFailure {
  workflowId: string;
  cause: string;
  message: string;
}

/**
 * The failed workflow tasks (`WorkflowTaskFailed`) in the histories of the given workflows, or of every
 * workflow the server lists, but for the benign causes above. Such a failure is a bug anywhere: code after
 * the read model's write threw, or a change broke determinism. Reads histories a few at a time.
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
        if (BENIGN.has(attributes?.cause ?? 0)) continue;
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
