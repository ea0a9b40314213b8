import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { mean } from './percentiles';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

export interface HistoryFigures {
  /** How many cases were read (a sample of the run's). */
  cases: number;
  eventsPerCase: number;
  bytesPerCase: number;
  workflowTasksPerCase: number;
  /** Workflow task started → completed (the worker's turn, local activities included), mean ms. */
  workflowTaskMs: number;
  /** Workflow task scheduled → started (waiting for the worker to take it), mean ms. */
  workflowTaskWaitMs: number;
}

const SAMPLE = 20;

/**
 * Events and encoded bytes of the histories of up to 20 of a run's workflows (evenly spread), and their
 * workflow tasks' times as the server recorded them.
 */
export async function historyFigures(client: Client, workflowIds: string[]): Promise<HistoryFigures> {
  const step = Math.max(1, Math.floor(workflowIds.length / SAMPLE));
  const sample = workflowIds.filter((_, i) => i % step === 0).slice(0, SAMPLE);
  const histories = await Promise.all(sample.map((id) => client.workflow.getHandle(id).fetchHistory()));
  const tasks = histories.flatMap((h) => workflowTasks(h.events ?? []));
  return {
    cases: sample.length,
    eventsPerCase: mean(histories.map((h) => h.events?.length ?? 0)),
    bytesPerCase: mean(histories.map((h) => temporal.api.history.v1.History.encode(h).finish().length)),
    workflowTasksPerCase: tasks.length / Math.max(1, histories.length),
    workflowTaskMs: mean(tasks.map((t) => t.runMs)),
    workflowTaskWaitMs: mean(tasks.map((t) => t.waitMs)),
  };
}

const { EventType } = temporal.api.enums.v1;

/** Each completed workflow task's wait (scheduled → started) and run (started → completed). */
function workflowTasks(events: HistoryEvent[]): Array<{ waitMs: number; runMs: number }> {
  const byId = new Map(events.map((e) => [Number(e.eventId), e]));
  return events
    .filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
    .map((completed) => {
      const attributes = completed.workflowTaskCompletedEventAttributes!;
      const started = byId.get(Number(attributes.startedEventId));
      const scheduled = byId.get(Number(attributes.scheduledEventId));
      return {
        waitMs: timeOf(started) - timeOf(scheduled),
        runMs: timeOf(completed) - timeOf(started),
      };
    });
}

function timeOf(event: HistoryEvent | undefined): number {
  const time = event?.eventTime;
  return time ? Number(time.seconds ?? 0) * 1000 + (time.nanos ?? 0) / 1e6 : Number.NaN;
}
