import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { Role } from '../../case/vocabulary';
import { findUnit, type Unit, type User } from '../../db/organisation';
import {
  appendOutcome,
  type DisputeRow,
  disputesOfRound,
  findDispute,
  findRound,
  insertDispute,
  insertRound,
  listRounds,
  outcomeRecordedBy,
  outcomesOf,
  type OutcomeRow,
  type RoundRow,
} from '../../db/screening';
import { toShanghaiDate } from '../../rules/dates';
import type { Classification } from '../classification';
import { requireRole, visiblePetition } from '../access';
import type { RecordDispute, RecordOutcome, RecordRound, ScreeningRoundsQuery } from '../contract/screening';
import { fieldError, forbidden, notFound } from '../errors';
import { resolveScope } from '../reports/scope';
import type { RequestContext } from '../request-context';
import {
  checkOutcomeChange,
  checkOutcomeDay,
  checkPetitionLink,
  checkRoundDays,
  screenedMatter,
} from './checks';

/** Who records screening (the bureau's desk, the units' handlers and heads, the office); admins read only. */
export const SCREENING_RECORDERS: readonly Role[] = [
  'registrar',
  'supervisor',
  'handler',
  'unit-head',
  'jco',
];

/**
 * The dispute screening register (矛盾纠纷排查, S41): the rounds units hold, the disputes each found, and each
 * dispute's dated outcomes. Every member of staff reads the rounds of its scope (its unit and what lies under
 * it, as the reports count); a round outside it does not exist for them (404). Recording needs a working role,
 * for a unit of the caller's scope (403 otherwise); a dispute's outcome is recorded by whoever sees its round
 * or has its handling unit in scope. PostgreSQL only: nothing of this reaches Temporal.
 */
export class ScreeningService {
  constructor(
    private readonly deps: {
      pool: Pool;
      classification: Classification;
      /** Today in Shanghai; a test's clock may replace it. */
      today?: () => string;
    },
  ) {}

  private today(): string {
    return (this.deps.today ?? (() => toShanghaiDate(new Date())))();
  }

  async recordRound(user: User, body: RecordRound, request: RequestContext) {
    requireRole(user, SCREENING_RECORDERS, 'record a screening round');
    const unit = await this.unitInScope(user, body.unit ?? user.unitId, 'unit');
    checkRoundDays(body, this.today());
    const round = await insertRound(this.deps.pool, {
      id: `scr-${randomUUID()}`,
      unitId: unit.id,
      kind: body.kind,
      periodStart: body.periodStart,
      periodEnd: body.periodEnd,
      heldOn: body.heldOn,
      ledBy: body.ledBy,
      note: body.note ?? null,
      recordedBy: user.login,
      requestId: request.requestId,
    });
    return this.roundView(round);
  }

  async rounds(user: User, query: ScreeningRoundsQuery) {
    const scope = await resolveScope(this.deps.pool, user, query.unit);
    if (query.from && query.to && query.to < query.from) throw fieldError('to', 'must not be before from');
    const items = await listRounds(this.deps.pool, {
      unitIds: scope.unitIds,
      from: query.from,
      to: query.to,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return {
      items: items.map(({ unitId, unitName, ...rest }) => ({ ...rest, ...unitOf(unitId, unitName) })),
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async round(user: User, roundId: string) {
    return this.roundView(await this.visibleRound(user, roundId));
  }

  async recordDispute(user: User, roundId: string, body: RecordDispute, request: RequestContext) {
    requireRole(user, SCREENING_RECORDERS, 'record a dispute found in screening');
    const round = await this.visibleRound(user, roundId);
    const matter = screenedMatter(this.deps.classification, body.classification);
    const handling = await this.unitInScope(user, body.handlingUnit ?? round.unitId, 'handlingUnit');
    const dispute = await insertDispute(this.deps.pool, {
      id: `dsp-${randomUUID()}`,
      roundId: round.id,
      classificationCode: matter.code,
      classificationCategory: matter.category,
      classificationVersion: this.deps.classification.reference,
      summary: body.summary,
      place: body.place,
      parties: body.parties,
      riskLevel: body.riskLevel,
      handlingUnitId: handling.id,
      recordedBy: user.login,
      requestId: request.requestId,
    });
    return this.disputeView(dispute, []);
  }

  async recordOutcome(user: User, disputeId: string, body: RecordOutcome, request: RequestContext) {
    requireRole(user, SCREENING_RECORDERS, 'record the outcome of a dispute');
    const dispute = await this.visibleDispute(user, disputeId);
    // A retry of a request whose answer was lost: it recorded the outcome already, answer as it would have.
    if (!(await outcomeRecordedBy(this.deps.pool, request.requestId))) {
      checkPetitionLink(body.outcome, body.petitionId);
      if (body.petitionId !== undefined) await visiblePetition(this.deps.pool, user, body.petitionId);
      checkOutcomeDay(body.on, dispute.foundOn, this.today());
      await appendOutcome(
        this.deps.pool,
        {
          disputeId,
          outcome: body.outcome,
          on: body.on,
          petitionId: body.petitionId ?? null,
          note: body.note ?? null,
          recordedBy: user.login,
          unitId: user.unitId,
          requestId: request.requestId,
        },
        (history) => checkOutcomeChange(history, body),
      );
    }
    return this.disputeView(dispute, await outcomesOf(this.deps.pool, [disputeId]));
  }

  /** A unit a record names: one that exists and takes new work (422), inside the caller's scope (403). */
  private async unitInScope(user: User, unitId: string, field: string): Promise<Unit> {
    const unit = await findUnit(this.deps.pool, unitId);
    if (!unit) throw fieldError(field, `no unit ${unitId}`);
    if (!unit.active) throw fieldError(field, `unit ${unitId} is inactive`);
    const scope = await resolveScope(this.deps.pool, user);
    if (!scope.unitIds.includes(unit.id)) {
      throw forbidden(`Unit ${unitId} is outside the scope of ${user.unit.name}`);
    }
    return unit;
  }

  private async visibleRound(user: User, roundId: string): Promise<RoundRow> {
    const round = await findRound(this.deps.pool, roundId);
    const scope = await resolveScope(this.deps.pool, user);
    if (!round || !scope.unitIds.includes(round.unitId)) throw notFound(`Screening round ${roundId}`);
    return round;
  }

  /** Seen through its round, or by the unit that handles it. */
  private async visibleDispute(user: User, disputeId: string): Promise<DisputeRow> {
    const dispute = await findDispute(this.deps.pool, disputeId);
    const scope = await resolveScope(this.deps.pool, user);
    const seen =
      dispute && [dispute.roundUnitId, dispute.handlingUnitId].some((id) => scope.unitIds.includes(id));
    if (!dispute || !seen) throw notFound(`Dispute ${disputeId}`);
    return dispute;
  }

  private async roundView(round: RoundRow) {
    const disputes = await disputesOfRound(this.deps.pool, round.id);
    const outcomes = await outcomesOf(
      this.deps.pool,
      disputes.map((d) => d.id),
    );
    const { unitId, unitName, ...rest } = round;
    return {
      ...rest,
      ...unitOf(unitId, unitName),
      disputes: disputes.map((d) =>
        this.disputeView(
          d,
          outcomes.filter((o) => o.disputeId === d.id),
        ),
      ),
    };
  }

  private disputeView(dispute: DisputeRow, history: Array<OutcomeRow & { disputeId?: string }>) {
    const latest = history.at(-1);
    return {
      id: dispute.id,
      roundId: dispute.roundId,
      foundOn: dispute.foundOn,
      classification: {
        code: dispute.classificationCode,
        name: this.deps.classification.find(dispute.classificationCode)?.name ?? dispute.classificationCode,
        category: dispute.classificationCategory,
        version: dispute.classificationVersion,
      },
      summary: dispute.summary,
      place: dispute.place,
      parties: dispute.parties,
      riskLevel: dispute.riskLevel,
      handlingUnit: { id: dispute.handlingUnitId, name: dispute.handlingUnitName },
      outcome: latest?.outcome ?? 'open',
      outcomeOn: latest?.on ?? null,
      petitionId: latest?.outcome === 'petition' ? latest.petitionId : null,
      history: history.map(({ disputeId: _, ...entry }) => entry),
      recordedBy: dispute.recordedBy,
      recordedAt: dispute.recordedAt,
    };
  }
}

const unitOf = (id: string, name: string) => ({ unit: { id, name } });
