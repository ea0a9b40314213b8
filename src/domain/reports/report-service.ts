import type { Pool } from 'pg';
import type { User } from '../../db/organisation';
import { RATES } from '../../db/report-figures';
import {
  actCounts,
  backlogCounts,
  carryOutsOpen,
  priorityCounts,
  type Dimension,
  monthCounts,
  type RateCount,
  rateOf,
  type ReportQuery,
  splitCounts,
  summaryCounts,
  supervisionCounts,
  transferredOutCount,
  unitCounts,
} from '../../db/reports';
import { isIsoDate } from '../../rules/dates';
import { similarCaseClusters } from '../../db/analysis-counts';
import { REGISTRATION_LEVELS } from '../../case/vocabulary';
import {
  type Classification,
  CLASSIFICATION_LEVELS,
  type ClassificationLevel,
  defaultClassification,
  type MatterKey,
} from '../classification';
import { fieldError } from '../errors';
import { CHANNEL_GROUPS, CHANNEL_LABELS, LEVEL_LABELS } from './labels';
import { type Period, type PeriodParams, parsePeriod } from './period';
import { resolveScope, type Scope } from './scope';
import { percent, sharesOf } from './shares';
import { visitFigures } from './visit-report';
import { screeningSummary } from './screening-summary';
import { backlogRegisterCounts } from '../../db/backlog/figures';
import { campaignFigures } from '../backlog/campaign-figures';
import { limitQueries } from '../../db/query-limit';

/** One request's report queries at most at once (see db/query-limit). */
const QUERIES_PER_REQUEST = 4;

export interface ReportParams extends PeriodParams {
  unit?: string;
  asOf?: string;
  /** by-domain: the level of the classification the cases are grouped by (default: category). */
  groupBy?: string;
}

/** What a report was taken over; every report repeats it, so a CSV or a screenshot says what it shows. */
export interface ReportContext {
  period: Period;
  scope: Scope;
  asOf: string;
  /** Given only when asked for: the report checks that it takes it. */
  groupBy?: ClassificationLevel;
}

export interface Rate extends RateCount {
  /** Percent with one decimal; null when nothing was due ("no data"). */
  rate: number | null;
}

export interface SplitRow {
  key: string;
  label: string;
  count: number;
  share: number;
  /** By sub-category: the category the row belongs to. */
  category?: string;
}

const rate = (count: RateCount): Rate => ({ ...count, rate: percent(count.numerator, count.denominator) });

const FIXED_KEYS = {
  level: { keys: REGISTRATION_LEVELS, labels: LEVEL_LABELS },
  channel: { keys: CHANNEL_GROUPS, labels: CHANNEL_LABELS },
} as const;

const fixedKeys = (dimension: keyof typeof FIXED_KEYS): MatterKey[] => {
  const { keys, labels } = FIXED_KEYS[dimension];
  return keys.map((key) => ({ key, label: (labels as Record<string, string>)[key] ?? key, category: '' }));
};

/** What a figure of one request is taken over: scope, period and as-of date (the key of `once`). */
const keyOf = (ctx: ReportContext) =>
  `${ctx.scope.unitIds.join(',')} ${ctx.period.from} ${ctx.period.to} ${ctx.asOf}`;

/** The figures a petition bureau publishes, from PostgreSQL only (see db/report-figures for each formula). */
export class ReportService {
  constructor(
    private readonly pool: Pool,
    /** Names the subject matters; cases keep their codes whatever file is in force. */
    readonly classification: Classification = defaultClassification(),
    /** One request's figures, each computed once (see `forRequest`); none for the shared service. */
    private readonly computed?: Map<string, Promise<unknown>>,
  ) {}

  /**
   * The service for one request: each figure computed once however many parts ask for it (the briefing's
   * paragraph, its tables and the summary's comparisons ask for the same summaries; 环比 and 同比 of a year are
   * the same year; what stands now is the same for every period), and its queries a few at a time.
   */
  forRequest(): ReportService {
    if (this.computed) return this;
    return new ReportService(limitQueries(this.pool, QUERIES_PER_REQUEST), this.classification, new Map());
  }

  /** `compute` once per request for the same key (figures never change within one). */
  private once<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (!this.computed) return compute();
    let found = this.computed.get(key) as Promise<T> | undefined;
    if (!found) {
      found = compute();
      this.computed.set(key, found);
    }
    return found;
  }

  async context(
    user: User | undefined,
    params: ReportParams,
    today: string,
    scope?: Scope,
  ): Promise<ReportContext> {
    const period = parsePeriod(params, today);
    if (params.asOf !== undefined && !isIsoDate(params.asOf))
      throw fieldError('asOf', 'must be a date (YYYY-MM-DD)');
    const groupBy = params.groupBy;
    if (groupBy !== undefined && !CLASSIFICATION_LEVELS.includes(groupBy as ClassificationLevel))
      throw fieldError('groupBy', `must be one of ${CLASSIFICATION_LEVELS.join(', ')}`);
    const resolved = scope ?? (await resolveScope(this.pool, user!, params.unit));
    return {
      period,
      scope: resolved,
      asOf: params.asOf ?? today,
      ...(groupBy ? { groupBy: groupBy as ClassificationLevel } : {}),
    };
  }

  private query(ctx: ReportContext): ReportQuery {
    return { unitIds: ctx.scope.unitIds, from: ctx.period.from, to: ctx.period.to, asOf: ctx.asOf };
  }

  summary(ctx: ReportContext) {
    return this.once(`summary ${keyOf(ctx)}`, () => this.summaryOnce(ctx));
  }

  private async summaryOnce(ctx: ReportContext) {
    const query = this.query(ctx);
    // What stands now is the scope's alone: one computation for every period of the request.
    const standing = { unitIds: ctx.scope.unitIds };
    const scope = standing.unitIds.join(',');
    const [
      row,
      backlog,
      { units: supervision, bySource },
      transferredOut,
      priority,
      { resolution, aftercare },
      carryOuts,
      visits,
      screening,
      backlogRegister,
    ] = await Promise.all([
      summaryCounts(this.pool, query),
      backlogCounts(this.pool, query, 0),
      supervisionCounts(this.pool, query),
      transferredOutCount(this.pool, query),
      this.once(`priority ${scope}`, () => priorityCounts(this.pool, standing, 20)),
      actCounts(this.pool, query),
      this.once(`carry-outs ${scope}`, () => carryOutsOpen(this.pool, standing)),
      this.visits(ctx),
      screeningSummary(this.pool, query),
      backlogRegisterCounts(this.pool, query),
    ]);
    const [firstShare, repeatShare] = sharesOf([row.firstTime!, row.repeat!]);
    const sum = (field: 'notices' | 'escalations' | 'listed') =>
      supervision.reduce((a, r) => a + r[field], 0);
    return {
      received: row.received!,
      firstTime: { count: row.firstTime!, share: firstShare! },
      repeat: { count: row.repeat!, share: repeatShare! },
      /** 转出: transferred out to the bureau of another area (其余 N 件责任单位不属于我区); not in `received`. */
      transferredOut,
      timelyAcceptance: rate(rateOf(row, 'timelyAcceptance')),
      onTimeCompletion: rate(rateOf(row, 'onTimeCompletion')),
      participation: rate(rateOf(row, 'participation')),
      satisfaction: rate(rateOf(row, 'satisfaction')),
      backlog: this.backlogFigures(backlog),
      caseOwned: {
        count: row.caseOwned!,
        /** 包案按期办结率: settled on or before the leader's target date (RATES.caseOwnedOnTime). */
        onTimeCompletion: rate(rateOf(row, 'owned')),
        formula: RATE_FORMULAS.caseOwnedOnTime,
      },
      supervision: {
        notices: sum('notices'),
        escalations: sum('escalations'),
        listed: sum('listed'),
        /** The notices by source (S33): automatic, the bureau's own, the office's, a higher bureau's. */
        bySource,
      },
      /** Open now, whatever the period: 重大、紧急 (Art 25) with the flagged cases, 一级 and 二级关注 (S5). */
      priority: {
        majorUrgentOpen: priority.majorUrgent,
        firstLevelOpen: priority.first,
        secondLevelOpen: priority.second,
        majorUrgentCases: priority.cases,
      },
      /** How matters ended (S12–S16), dated in the period; the supported opinions awaiting, now. */
      resolution: {
        resolved: resolution.resolved,
        educated: resolution.educated,
        aided: resolution.aided,
        lawfullyHandled: resolution.lawfullyHandled,
        agreements: resolution.agreements,
        stoppedPetitioning: resolution.stoppedPetitioning,
        carryOut: { carriedOut: resolution.carriedOut, due: carryOuts.due, overdue: carryOuts.overdue },
      },
      /** 回访 and their satisfaction, evaluations by grade, 跟踪回访: acts of the period (db/report-figures AFTERCARE). */
      aftercare: {
        returnVisits: {
          count: aftercare.returnVisits,
          satisfied: aftercare.returnVisitsSatisfied,
          basicallySatisfied: aftercare.returnVisitsBasicallySatisfied,
          dissatisfied: aftercare.returnVisitsDissatisfied,
          unreached: aftercare.returnVisitsUnreached,
        },
        evaluations: {
          satisfied: aftercare.evaluationsSatisfied,
          basicallySatisfied: aftercare.evaluationsBasicallySatisfied,
          dissatisfied: aftercare.evaluationsDissatisfied,
        },
        followUps: {
          opened: aftercare.followUpsOpened,
          closed: aftercare.followUpsClosed,
          overdue: aftercare.followUpsOverdue,
        },
      },
      /** The visit register (来访, 批次 and 人次), receptions and 阅批 of the period (db/visit-figures). */
      visits,
      /** 矛盾纠纷排查 (S41): rounds held in the period, the disputes they found and their outcomes (db/screening-figures). */
      screening,
      /** The backlog register (积案台账; not `backlog` above, the cases past D5): db/backlog/figures. */
      backlogRegister,
    };
  }

  /**
   * Counts by registration level, channel group or subject matter (by category, or by sub-category), every
   * key listed (zeros too), with shares. Subject matters are those of the file in force, and besides them
   * any code the cases carry that it does not list (retired, from an earlier file, or a category registered
   * without a sub-category).
   */
  async split(
    ctx: ReportContext,
    dimension: 'level' | 'channel' | 'domain',
    groupBy: ClassificationLevel = 'category',
  ): Promise<{ total: number; rows: SplitRow[] }> {
    const bySub = dimension === 'domain' && groupBy === 'subcategory';
    const counted: Dimension = dimension === 'domain' && !bySub ? 'domain-category' : dimension;
    const found = await this.once(`split ${counted} ${keyOf(ctx)}`, () =>
      splitCounts(this.pool, this.query(ctx), counted),
    );
    const keys = dimension === 'domain' ? this.classification.reportKeys(groupBy) : fixedKeys(dimension);
    const listed = new Set(keys.map((k) => k.key));
    for (const row of found.filter((r) => !listed.has(r.key)).sort((a, b) => a.key.localeCompare(b.key)))
      keys.push(this.classification.extraKey(row.key, groupBy, row.category));
    const countOf = new Map(found.map((r) => [r.key, r.count]));
    const counts = keys.map((k) => countOf.get(k.key) ?? 0);
    const shares = sharesOf(counts);
    const rows: SplitRow[] = keys.map((k, i) => ({
      key: k.key,
      label: k.label,
      count: counts[i]!,
      share: shares[i]!,
      ...(bySub ? { category: k.category } : {}),
    }));
    // Subject matters are many: largest first. Levels and channels keep their fixed order.
    if (dimension === 'domain') {
      const order = new Map(keys.map((k, i) => [k.key, i]));
      rows.sort((a, b) => b.count - a.count || order.get(a.key)! - order.get(b.key)!);
    }
    return { total: counts.reduce((a, b) => a + b, 0), rows };
  }

  /** Units ranked by their cases of the period (ties share a rank), with on-time rate and overdue count. */
  async byUnit(ctx: ReportContext) {
    const rows = await this.once(`units ${keyOf(ctx)}`, () => unitCounts(this.pool, this.query(ctx)));
    const shares = sharesOf(rows.map((r) => r.count));
    return rows.map((r, i) => ({
      rank: rows.findIndex((other) => other.count === r.count) + 1,
      unitId: r.unitId,
      name: r.name,
      count: r.count,
      share: shares[i]!,
      onTimeCompletion: rate(rateOf(r, 'onTimeCompletion')),
      overdue: r.overdue!,
    }));
  }

  async byMonth(ctx: ReportContext) {
    const rows = await this.once(`months ${keyOf(ctx)}`, () => monthCounts(this.pool, this.query(ctx)));
    return rows.map((r) => ({
      month: r.month,
      received: r.received,
      onTimeCompletion: rate(rateOf(r, 'onTimeCompletion')),
    }));
  }

  async backlog(ctx: ReportContext, listLimit = 100) {
    const counts = await backlogCounts(this.pool, this.query(ctx), listLimit);
    return { ...this.backlogFigures(counts), cases: counts.cases };
  }

  /** The campaigns (专项攻坚) of the scope that meet the period, with their progress (化解率) against target. */
  async campaigns(ctx: ReportContext) {
    return this.once(`campaigns ${keyOf(ctx)}`, () => campaignFigures(this.pool, ctx));
  }

  /** The visit register's figures alone (the monthly analysis's month before, without a whole summary). */
  async visits(ctx: ReportContext) {
    return this.once(`visits ${keyOf(ctx)}`, () => visitFigures(this.pool, this.query(ctx)));
  }

  async supervision(ctx: ReportContext) {
    return (await supervisionCounts(this.pool, this.query(ctx))).units;
  }

  /** Clusters of similar new cases of the period (the monthly analysis; see db/analysis-counts). */
  async similarCases(ctx: ReportContext, minCases: number, limit: number) {
    return similarCaseClusters(this.pool, this.query(ctx), minCases, limit);
  }

  private backlogFigures(counts: { atStart: number; atEnd: number; cleared: number }) {
    return {
      atStart: counts.atStart,
      atEnd: counts.atEnd,
      cleared: counts.cleared,
      clearanceRate: rate({ numerator: counts.cleared, denominator: counts.atStart }),
    };
  }
}

/** The formulas, for the API docs and the dashboard's legends. */
export const RATE_FORMULAS = Object.fromEntries(
  Object.entries(RATES).map(([id, r]) => [id, `${r.label}: ${r.formula}`]),
) as Record<keyof typeof RATES, string>;
