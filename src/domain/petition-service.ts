import { randomUUID } from 'node:crypto';
import { type Client, WithStartWorkflowOperation, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import type { Pool } from 'pg';
import { AppError, fieldError, forbidden, notFound } from './errors';
import type { ListPetitionsQuery, RegisterPetitionBody, ReplyPetitionBody } from '../api/schemas';
import { findUnit, type User } from '../db/organisation';
import {
  deleteDocument,
  deleteUnstartedPetition,
  findPetition,
  insertDocument,
  insertPetition,
  listPetitions,
  type NewPetition,
  type PetitionRow,
  petitionTimeline,
} from '../db/petitions';
import { DEFAULT_RULE_SET_ID, getRuleSet, RulesError, toShanghaiDate } from '../rules';
import {
  acknowledgeUpdate,
  type Actor,
  deadlineView,
  INVALID_ARGUMENT,
  NOT_RESPONSIBLE,
  PETITION_WORKFLOW_TYPE,
  type PetitionState,
  type PetitionWorkflowInput,
  petitionWorkflowId,
  registrationUpdate,
  replyUpdate,
  routeUpdate,
  stateQuery,
  TRANSITION_NOT_ALLOWED,
} from '../workflows/messages';
import * as attrs from '../workflows/search-attributes';
import type { Role } from './vocabulary';

export interface PetitionServiceDeps {
  pool: Pool;
  client: Client;
  taskQueue: string;
  /** Injected so tests can pin "today"; Asia/Shanghai dates are derived from it. */
  now?: () => Date;
}

/** How long a request waits for a transition (the workflow writes the read model before answering). */
const UPDATE_TIMEOUT_MS = 30_000;
const QUERY_TIMEOUT_MS = 5_000;

/** Units whose staff see every case (oversight), not only their own unit's. */
const OVERSIGHT_ROLES: Role[] = ['admin', 'jco'];

/**
 * The petition use cases behind the HTTP API: who may do what, and the hand-off between the
 * read model (PostgreSQL) and the workflow (Temporal), which decides every transition.
 */
export class PetitionService {
  private readonly now: () => Date;

  constructor(private readonly deps: PetitionServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async register(user: User, body: RegisterPetitionBody) {
    requireRole(user, ['registrar'], 'register petitions');
    if (user.unit.kind !== 'petition-bureau') throw forbidden('Only a petition bureau registers petitions');
    const ruleSetId = body.ruleSetId ?? DEFAULT_RULE_SET_ID;
    try {
      getRuleSet(ruleSetId);
    } catch (err) {
      if (err instanceof RulesError) throw fieldError('ruleSetId', err.message);
      throw err;
    }
    const today = toShanghaiDate(this.now());
    if (body.receivedOn > today) throw fieldError('receivedOn', `must not be after today (${today})`);

    const id = await this.insertRegistration(
      { ...body, ruleSetId, bureauUnitId: user.unitId, registeredBy: user.login },
      Number(today.slice(0, 4)),
    );
    const input: PetitionWorkflowInput = {
      petitionId: id,
      ruleSetId,
      channel: body.channel,
      category: body.category,
      domain: body.domain,
      receivedOn: body.receivedOn,
      bureauUnitId: user.unitId,
      registeredBy: actorOf(user),
    };
    const start = new WithStartWorkflowOperation(PETITION_WORKFLOW_TYPE, {
      workflowId: petitionWorkflowId(id),
      workflowIdConflictPolicy: 'FAIL',
      taskQueue: this.deps.taskQueue,
      args: [input],
      staticSummary: `信访 ${id} · ${body.channel} · ${body.category} · ${body.domain}`,
      typedSearchAttributes: [
        { key: attrs.PetitionStatus, value: 'registered' },
        { key: attrs.RuleSet, value: ruleSetId },
        { key: attrs.PetitionChannel, value: body.channel },
        { key: attrs.PetitionCategory, value: body.category },
        { key: attrs.Overdue, value: false },
      ],
    });
    try {
      // Answers once D1 is computed and recorded, so the response carries its due date.
      await this.deps.client.workflow.executeUpdateWithStart(registrationUpdate, {
        startWorkflowOperation: start,
      });
    } catch (err) {
      // The row is committed before the start (the workflow's activities write to it). If the
      // workflow definitely does not exist, nothing refers to the row: remove it. When Temporal
      // cannot say (unreachable), keep it rather than orphan a workflow that did start.
      const started = await this.handle(id)
        .describe()
        .then(
          () => true,
          (describeErr: unknown) => !(describeErr instanceof WorkflowNotFoundError),
        );
      if (!started) await deleteUnstartedPetition(this.deps.pool, id);
      throw err;
    }
    return this.get(user, id);
  }

  private async insertRegistration(petition: NewPetition, year: number): Promise<string> {
    const client = await this.deps.pool.connect();
    try {
      await client.query('BEGIN');
      const id = await insertPetition(client, petition, year);
      await client.query('COMMIT');
      return id;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async list(user: User, query: ListPetitionsQuery) {
    const { items, total } = await listPetitions(this.deps.pool, {
      status: query.status,
      handlingUnitId: query.unit,
      overdue: query.overdue,
      visibleToUnitId: seesEverything(user) ? undefined : user.unitId,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return { items: items.map(summaryOf), page: query.page, pageSize: query.pageSize, total };
  }

  async get(user: User, id: string) {
    const row = await this.visiblePetition(user, id);
    const [state, timeline] = await Promise.all([
      this.workflowState(id),
      petitionTimeline(this.deps.pool, id),
    ]);
    const summary = summaryOf(row);
    return {
      ...summary,
      // The workflow is the source of truth; the projection may trail it by one activity.
      status: state?.status ?? row.status,
      handlingUnitId: state ? (state.handlingUnitId ?? null) : row.handlingUnitId,
      overdue: state?.overdue ?? row.overdue,
      nextDeadline: state ? (state.nextDeadline ?? null) : summary.nextDeadline,
      description: row.description,
      petitioner: row.petitioner,
      outcome: state ? (state.outcome ?? null) : (row.outcome as PetitionState['outcome'] | null),
      closedReason: state?.closedReason ?? null,
      deadlines: (state?.deadlines ?? row.deadlines).map(deadlineView),
      timeline: timeline.map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
    };
  }

  async route(user: User, id: string, unitId: string) {
    requireRole(user, ['registrar', 'supervisor'], 'route petitions');
    const row = await this.visiblePetition(user, id);
    if (row.bureauUnitId !== user.unitId)
      throw forbidden('Only the registering petition bureau routes this petition');
    const unit = await findUnit(this.deps.pool, unitId);
    if (!unit) throw fieldError('unitId', `unknown unit ${unitId}`);
    if (unit.kind !== 'department') throw fieldError('unitId', `${unit.name} is not a handling unit`);
    await this.update(id, () =>
      this.handle(id).executeUpdate(routeUpdate, {
        args: [{ actor: actorOf(user), unitId, unitName: unit.name }],
      }),
    );
    return this.get(user, id);
  }

  async acknowledge(user: User, id: string) {
    requireRole(user, ['handler', 'unit-head'], 'acknowledge petitions');
    await this.visiblePetition(user, id);
    await this.update(id, () =>
      this.handle(id).executeUpdate(acknowledgeUpdate, { args: [{ actor: actorOf(user) }] }),
    );
    return this.get(user, id);
  }

  async reply(user: User, id: string, body: ReplyPetitionBody) {
    requireRole(user, ['handler', 'unit-head'], 'reply to petitions');
    await this.visiblePetition(user, id);
    const documentId = randomUUID();
    await insertDocument(this.deps.pool, {
      id: documentId,
      petitionId: id,
      kind: 'reply-opinion',
      body: body.opinion,
      createdBy: user.login,
    });
    try {
      await this.update(id, () =>
        this.handle(id).executeUpdate(replyUpdate, {
          args: [
            {
              actor: actorOf(user),
              outcome: body.outcome,
              opinionDocumentId: documentId,
              deliveredOn: body.deliveredOn,
            },
          ],
        }),
      );
    } catch (err) {
      // Only a reply the workflow definitely refused leaves its opinion document unused; after an
      // ambiguous failure (timeout, connection lost) the workflow may hold the document's id.
      if (err instanceof AppError && err.status < 500) await deleteDocument(this.deps.pool, documentId);
      throw err;
    }
    return this.get(user, id);
  }

  private handle(id: string) {
    return this.deps.client.workflow.getHandle<(input: PetitionWorkflowInput) => Promise<PetitionState>>(
      petitionWorkflowId(id),
    );
  }

  /** A case the user may not see is reported as missing, so its existence does not leak. */
  private async visiblePetition(user: User, id: string): Promise<PetitionRow> {
    const row = await findPetition(this.deps.pool, id);
    if (!row) throw notFound(`Petition ${id}`);
    if (!seesEverything(user) && row.bureauUnitId !== user.unitId && row.handlingUnitId !== user.unitId) {
      throw notFound(`Petition ${id}`);
    }
    return row;
  }

  /**
   * The workflow's own state, or undefined when it cannot answer (no worker, history past
   * retention): the read model then stands in, so a case stays readable.
   */
  private async workflowState(id: string): Promise<PetitionState | undefined> {
    try {
      return await this.withTemporalDeadline(() => this.handle(id).query(stateQuery), QUERY_TIMEOUT_MS);
    } catch {
      return undefined;
    }
  }

  private withTemporalDeadline<T>(call: () => Promise<T>, timeoutMs = UPDATE_TIMEOUT_MS): Promise<T> {
    return this.deps.client.withDeadline(Date.now() + timeoutMs, call);
  }

  /** Runs a workflow Update, turning its refusals into API errors. */
  private async update(id: string, run: () => Promise<PetitionState>): Promise<PetitionState> {
    try {
      return await this.withTemporalDeadline(run);
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
        if (err.cause.type === TRANSITION_NOT_ALLOWED) {
          throw new AppError(409, 'transition_not_allowed', err.cause.message);
        }
        if (err.cause.type === NOT_RESPONSIBLE) throw forbidden(err.cause.message);
        if (err.cause.type === INVALID_ARGUMENT) {
          const field = (err.cause.details?.[0] as { field?: string } | undefined)?.field ?? 'body';
          throw fieldError(field, err.cause.message);
        }
      }
      if (err instanceof WorkflowNotFoundError) {
        throw new AppError(409, 'transition_not_allowed', `Petition ${id} is closed`);
      }
      throw err;
    }
  }
}

function actorOf(user: User): Actor {
  return { login: user.login, unitId: user.unitId, roles: user.roles };
}

function seesEverything(user: User): boolean {
  return user.roles.some((r) => OVERSIGHT_ROLES.includes(r));
}

function requireRole(user: User, roles: Role[], what: string): void {
  if (!user.roles.some((r) => roles.includes(r))) {
    throw forbidden(`Only a user with the role ${roles.join(' or ')} can ${what}`);
  }
}

function summaryOf(row: PetitionRow) {
  return {
    id: row.id,
    status: row.status,
    channel: row.channel,
    category: row.category,
    domain: row.domain,
    subject: row.subject,
    receivedOn: row.receivedOn,
    ruleSetId: row.ruleSetId,
    bureauUnitId: row.bureauUnitId,
    handlingUnitId: row.handlingUnitId,
    overdue: row.overdue,
    nextDeadline:
      row.nextDeadlineKey && row.nextDeadlineAt
        ? { key: row.nextDeadlineKey, dueAt: new Date(row.nextDeadlineAt).toISOString() }
        : null,
  };
}
