import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import type { Pool, PoolClient } from 'pg';
import type { User } from '../../db/organisation';
import { insertBacklogAudit } from '../../db/backlog/audit';
import {
  campaignProgress,
  type CampaignRow,
  findCampaign,
  insertCampaign,
  listCampaigns,
} from '../../db/backlog/campaigns';
import {
  entriesOfCampaign,
  type EntryRow,
  findEntry,
  insertEntry,
  insertProgress,
  listEntries,
  progressOf as notesOf,
  setOutcome,
  setTargetDate,
} from '../../db/backlog/entries';
import { inTransaction } from '../../db/transaction';
import { toShanghaiDate } from '../../rules';
import {
  BACKLOG_ENTRY_WORKFLOW_TYPE,
  type BacklogEntryWorkflowInput,
  backlogEntryWorkflowId,
  closeEntryUpdate,
  retargetUpdate,
} from '../../workflows/backlog-messages';
import { requireRole, visiblePetition } from '../access';
import type {
  AddProgress,
  CreateCampaign,
  CreateEntry,
  EntriesQuery,
  RecordOutcome,
  Retarget,
} from '../contract/backlog';
import { AppError, fieldError, notFound } from '../errors';
import type { RequestContext } from '../request-context';
import { resolveScope } from '../reports/scope';
import { withTemporalDeadline } from '../temporal-calls';
import { progressOf } from './progress';

/** Who keeps the register: the bureau's supervisors and the joint-conference office. Whoever reports reads. */
const KEEPERS = ['supervisor', 'jco'] as const;

/** A request's id without its prefix: the seed of the ids it creates, so a retry creates nothing new. */
const idOf = (prefix: string, ctx: RequestContext) => `${prefix}-${ctx.requestId.replace(/^req-/, '')}`;

/**
 * The backlog register (积案台账) and its campaigns (专项攻坚), S37–S40. Rows in PostgreSQL; each entry's
 * target date is a durable timer in its own workflow (backlogEntryWorkflow): the API changes the row first,
 * then tells the workflow, whose alarms check the row before they notify. Every change is audited.
 */
export class BacklogService {
  constructor(
    private readonly deps: {
      pool: Pool;
      client: Client;
      taskQueue: string;
      /** Today in Shanghai; a test's clock may replace it. */
      today?: () => string;
    },
  ) {}

  private today(): string {
    return (this.deps.today ?? (() => toShanghaiDate(new Date())))();
  }

  async createCampaign(user: User, body: CreateCampaign, ctx: RequestContext) {
    requireRole(user, KEEPERS, 'keep the backlog register');
    const scope = await resolveScope(this.deps.pool, user, body.unitId);
    if (body.endsOn < body.startsOn)
      throw fieldError('endsOn', `must not be before startsOn (${body.startsOn})`);
    const id = await this.write(async (client) => {
      const row = {
        id: idOf('cmp', ctx),
        name: body.name,
        unitId: scope.unit.id,
        startsOn: body.startsOn,
        endsOn: body.endsOn,
        targetRate: body.targetRate ?? null,
      };
      const saved = await insertCampaign(client, { ...row, createdBy: user.login, requestId: ctx.requestId });
      if (saved.created) await this.audit(client, user, ctx, 'campaign', saved.id, 'create', null, row);
      return saved.id;
    });
    return this.campaign(user, id);
  }

  async campaigns(user: User, query: { unit?: string; asOf?: string }) {
    const scope = await resolveScope(this.deps.pool, user, query.unit);
    const rows = await listCampaigns(this.deps.pool, scope.unitIds);
    return { items: await this.withProgress(rows, query.asOf ?? this.today()) };
  }

  /** A campaign with its entries; one outside the caller's reports is not found. */
  async campaign(user: User, id: string) {
    const row = await this.visibleCampaign(user, id);
    const [withProgress] = await this.withProgress([row], this.today());
    const entries = await entriesOfCampaign(this.deps.pool, id);
    return { ...withProgress!, entries: await Promise.all(entries.map((e) => this.view(e))) };
  }

  /** Campaigns with their progress as of a date (also the `campaigns` report). */
  async withProgress(rows: CampaignRow[], asOf: string) {
    const counts = await campaignProgress(
      this.deps.pool,
      rows.map((r) => r.id),
      asOf,
    );
    return rows.map((r) => ({ ...r, progress: progressOf(counts.get(r.id)!, r.targetRate) }));
  }

  async createEntry(user: User, body: CreateEntry, ctx: RequestContext) {
    requireRole(user, KEEPERS, 'keep the backlog register');
    const pool = this.deps.pool;
    // Every case must be one the caller sees (an unknown case, or one outside its scope: 404).
    for (const caseId of body.caseIds) await visiblePetition(pool, user, caseId);
    await resolveScope(pool, user, body.unitId);
    if (body.campaignId !== undefined) await this.visibleCampaign(user, body.campaignId, 'campaignId');
    const today = this.today();
    if (body.targetDate < today) throw fieldError('targetDate', `must not be before today (${today})`);
    const id = await this.write(async (client) => {
      const row = {
        id: idOf('bl', ctx),
        campaignId: body.campaignId ?? null,
        title: body.title,
        ownerUnitId: user.unitId,
        unitId: body.unitId,
        leader: body.leader,
        cause: body.cause,
        measures: body.measures,
        targetDate: body.targetDate,
        registeredOn: today,
        caseIds: body.caseIds,
      };
      const saved = await insertEntry(client, { ...row, createdBy: user.login, requestId: ctx.requestId });
      if (saved.created) await this.audit(client, user, ctx, 'entry', saved.id, 'create', null, row);
      // Started before the row commits: no entry without its timer. A retry finds the row and the workflow.
      const stored = (await findEntry(client, saved.id))!;
      await this.startWorkflow({
        entryId: stored.id,
        targetDate: stored.targetDate,
        registeredOn: stored.registeredOn,
      });
      return stored.id;
    });
    return this.entry(user, id);
  }

  async entries(user: User, query: EntriesQuery) {
    const scope = await resolveScope(this.deps.pool, user, query.unit);
    const rows = await listEntries(this.deps.pool, scope.unitIds, query);
    return { items: await Promise.all(rows.map((r) => this.view(r))) };
  }

  async entry(user: User, id: string) {
    return this.view(await this.visibleEntry(user, id));
  }

  async addProgress(user: User, id: string, body: AddProgress, ctx: RequestContext) {
    requireRole(user, KEEPERS, 'keep the backlog register');
    const entry = await this.visibleEntry(user, id);
    this.checkPastDate('notedOn', body.notedOn, entry);
    await this.write(async (client) => {
      const added = await insertProgress(client, {
        entryId: id,
        ...body,
        author: user.login,
        requestId: ctx.requestId,
      });
      if (added) await this.audit(client, user, ctx, 'entry', id, 'progress', null, body);
    });
    return this.entry(user, id);
  }

  async retarget(user: User, id: string, body: Retarget, ctx: RequestContext) {
    requireRole(user, KEEPERS, 'keep the backlog register');
    const entry = await this.visibleEntry(user, id);
    const today = this.today();
    if (body.targetDate < today) throw fieldError('targetDate', `must not be before today (${today})`);
    await this.write(async (client) => {
      const locked = (await findEntry(client, id, true))!;
      if (locked.outcome !== 'open') throw closed(id);
      if (locked.targetDate === body.targetDate) return;
      await setTargetDate(client, id, body.targetDate);
      await this.audit(client, user, ctx, 'entry', id, 'retarget', { targetDate: entry.targetDate }, body);
    });
    // After the row: an alarm of the old date that fires meanwhile finds it stale and notifies nobody.
    await this.tell(id, (handle) =>
      handle.executeUpdate(retargetUpdate, {
        args: [{ targetDate: body.targetDate, today }],
        updateId: `${ctx.requestId}-retarget`,
      }),
    );
    return this.entry(user, id);
  }

  async recordOutcome(user: User, id: string, body: RecordOutcome, ctx: RequestContext) {
    requireRole(user, KEEPERS, 'keep the backlog register');
    const entry = await this.visibleEntry(user, id);
    this.checkPastDate('on', body.on, entry);
    await this.write(async (client) => {
      const locked = (await findEntry(client, id, true))!;
      // A retry of the request that closed it answers as the first did.
      if (locked.outcome === body.outcome && locked.outcomeOn === body.on) return;
      if (locked.outcome !== 'open') throw closed(id);
      await setOutcome(client, id, body.outcome, body.on);
      await this.audit(client, user, ctx, 'entry', id, 'outcome', { outcome: 'open' }, body);
    });
    await this.tell(id, (handle) =>
      handle.executeUpdate(closeEntryUpdate, { updateId: `${ctx.requestId}-close` }),
    );
    return this.entry(user, id);
  }

  private checkPastDate(field: string, date: string, entry: EntryRow) {
    const today = this.today();
    if (date > today) throw fieldError(field, `must not be after today (${today})`);
    if (date < entry.registeredOn)
      throw fieldError(field, `must not be before the entry was registered (${entry.registeredOn})`);
  }

  private async view(entry: EntryRow) {
    const today = this.today();
    return {
      ...entry,
      overdue: entry.outcome === 'open' && entry.targetDate < today,
      progress: await notesOf(this.deps.pool, entry.id),
    };
  }

  /** An entry kept by, or to be worked off by, a unit of the caller's reports; else not found. */
  private async visibleEntry(user: User, id: string): Promise<EntryRow> {
    const entry = await findEntry(this.deps.pool, id);
    if (!entry) throw notFound(`Backlog entry ${id}`);
    const scope = await resolveScope(this.deps.pool, user);
    if (!scope.unitIds.includes(entry.ownerUnitId) && !scope.unitIds.includes(entry.unitId))
      throw notFound(`Backlog entry ${id}`);
    return entry;
  }

  private async visibleCampaign(user: User, id: string, field?: string): Promise<CampaignRow> {
    const row = await findCampaign(this.deps.pool, id);
    const scope = row && (await resolveScope(this.deps.pool, user));
    if (!row || !scope!.unitIds.includes(row.unitId)) {
      if (field) throw new AppError(404, 'not_found', `${field}: campaign ${id} not found`);
      throw notFound(`Campaign ${id}`);
    }
    return row;
  }

  private async startWorkflow(input: BacklogEntryWorkflowInput) {
    const { client, taskQueue } = this.deps;
    await withTemporalDeadline(client, () =>
      client.workflow.start(BACKLOG_ENTRY_WORKFLOW_TYPE, {
        taskQueue,
        workflowId: backlogEntryWorkflowId(input.entryId),
        args: [input],
      }),
    ).catch((err: unknown) => {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    });
  }

  /** Tells the entry's workflow; one that has ended (closed before) has nothing more to plan. */
  private async tell(
    id: string,
    call: (handle: ReturnType<Client['workflow']['getHandle']>) => Promise<unknown>,
  ) {
    const { client } = this.deps;
    await withTemporalDeadline(client, () =>
      call(client.workflow.getHandle(backlogEntryWorkflowId(id))),
    ).catch((err: unknown) => {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    });
  }

  private async write<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.deps.pool.connect();
    try {
      return await inTransaction(client, () => work(client));
    } finally {
      client.release();
    }
  }

  private audit(
    client: PoolClient,
    user: User,
    ctx: RequestContext,
    entity: 'campaign' | 'entry',
    entityId: string,
    action: 'create' | 'progress' | 'retarget' | 'outcome',
    before: unknown,
    after: unknown,
  ) {
    return insertBacklogAudit(client, {
      login: user.login,
      requestId: ctx.requestId,
      entity,
      entityId,
      action,
      before,
      after,
    });
  }
}

const closed = (id: string) =>
  new AppError(409, 'entry_closed', `Backlog entry ${id} is closed: its outcome is recorded`);
