import { isDeepStrictEqual } from 'node:util';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { requestContextOf } from '../../src/api/idempotency';
import type { CaseState } from '../../src/case';
import { petitionWorkflowId, REGISTRATION_UPDATE_ID, stateQuery } from '../../src/workflows/messages';
import { eventOfPath } from './lifecycle';
import type { SentRequest } from './retrying-client';

export interface Outcome {
  /** Requests answered 2xx whose Update is not in the workflow's history, or whose event is not in PostgreSQL. */
  lost: string[];
  /** A case holding a command's Update, or an event of the lifecycle, more than once; a subject registered twice. */
  duplicated: string[];
  /** Cases whose read model differs from their workflow's state. */
  mismatched: string[];
  /** Rows of the run without a single event (a registration never finished). */
  unstarted: string[];
}

/** Both sides of each mismatched case, for the log folder (FAULT_KEEP_LOGS=1). */
export const mismatchEvidence: Array<{ id: string; workflow: CaseState; readModel: unknown }> = [];

/** The workflow's successful Updates, by Update id and by Update name (how often each). */
async function successfulUpdates(client: Client, petitionId: string) {
  const history = await client.workflow.getHandle(petitionWorkflowId(petitionId)).fetchHistory();
  const nameOf = new Map<string, string>();
  const byId = new Map<string, number>();
  const byName = new Map<string, number>();
  for (const event of history.events ?? []) {
    const accepted = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest;
    if (accepted?.meta?.updateId) nameOf.set(accepted.meta.updateId, accepted.input?.name ?? '');
    const completed = event.workflowExecutionUpdateCompletedEventAttributes;
    const updateId = completed?.meta?.updateId;
    if (!updateId || !completed?.outcome?.success) continue;
    byId.set(updateId, (byId.get(updateId) ?? 0) + 1);
    const name = nameOf.get(updateId) ?? '';
    byName.set(name, (byName.get(name) ?? 0) + 1);
  }
  return { byId, byName };
}

/** The Update id the API gives a request (fixed per caller and Idempotency-Key). */
function updateIdOf(request: SentRequest): string {
  if (request.path === '/api/petitions') return REGISTRATION_UPDATE_ID;
  return requestContextOf(request.login, request.key).requestId;
}

/**
 * What the faults did to the run's cases: every 2xx must be in the workflow (its Update completed) and in
 * the read model (its event), once; each case's read model must equal its workflow's state.
 */
export async function checkOutcome(
  pool: Pool,
  client: Client,
  subjectPrefix: string,
  sent: SentRequest[],
): Promise<Outcome> {
  const outcome: Outcome = { lost: [], duplicated: [], mismatched: [], unstarted: [] };
  const { rows: cases } = await pool.query<{ id: string; subject: string; case_state: unknown; seq: number }>(
    `SELECT id, subject, case_state, last_sequence AS seq FROM petitions WHERE subject LIKE $1`,
    [`${subjectPrefix}%`],
  );
  const ids = cases.map((c) => c.id);
  const { rows: eventRows } = await pool.query<{ petition_id: string; type: string; n: number }>(
    `SELECT petition_id, type, count(*)::int AS n FROM petition_events WHERE petition_id = ANY($1)
      GROUP BY petition_id, type`,
    [ids],
  );
  const eventCount = (id: string, type: string) =>
    eventRows.find((r) => r.petition_id === id && r.type === type)?.n ?? 0;
  const lifecycleEvents = new Set(sent.map((r) => eventOfPath(r.path)));
  for (const row of eventRows) {
    if (lifecycleEvents.has(row.type) && row.n > 1) outcome.duplicated.push(`${row.petition_id} ${row.type}`);
  }
  const subjects = new Map<string, number>();
  for (const c of cases) subjects.set(c.subject, (subjects.get(c.subject) ?? 0) + 1);
  for (const [subject, n] of subjects) if (n > 1) outcome.duplicated.push(`${subject} registered ${n}×`);

  const updates = new Map<string, Awaited<ReturnType<typeof successfulUpdates>>>();
  for (const c of cases) {
    if (c.seq === 0) {
      outcome.unstarted.push(c.id);
      continue;
    }
    const found = await successfulUpdates(client, c.id);
    updates.set(c.id, found);
    for (const [name, n] of found.byName) if (n > 1) outcome.duplicated.push(`${c.id} update ${name} ${n}×`);
    const live = await client.workflow.getHandle(petitionWorkflowId(c.id)).query(stateQuery);
    if (!isDeepStrictEqual(live, c.case_state)) {
      outcome.mismatched.push(describeMismatch(c.id, live, c.case_state));
      mismatchEvidence.push({ id: c.id, workflow: live, readModel: c.case_state });
    }
  }
  for (const request of sent) {
    if (!request.answer) continue;
    const id = request.answer.petitionId;
    const inWorkflow = (updates.get(id)?.byId.get(updateIdOf(request)) ?? 0) > 0;
    const inReadModel = eventCount(id, eventOfPath(request.path)) > 0;
    if (!inWorkflow || !inReadModel) outcome.lost.push(`${id} ${request.path} (workflow ${inWorkflow})`);
  }
  return outcome;
}

/** The case, the newest event each side has folded in, and the fields that differ. */
function describeMismatch(id: string, live: CaseState, stored: unknown): string {
  const row = (stored ?? {}) as Record<string, unknown>;
  const fields = Object.keys({ ...live, ...row }).filter(
    (key) => !isDeepStrictEqual((live as unknown as Record<string, unknown>)[key], row[key]),
  );
  return `${id} (workflow at event ${live.lastSequence}, read model at ${String(row.lastSequence)}; differ: ${fields.join(', ')})`;
}
