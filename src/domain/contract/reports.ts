import { CLASSIFICATION_LEVELS } from '../classification/classification';
import { z } from './zod';

/** The query every report takes: a period (one way of giving it), a unit to narrow the scope, the as-of date. */
export const ReportQuerySchema = z
  .object({
    quarter: z
      .string()
      .max(10)
      .optional()
      .openapi({ description: 'A quarter, e.g. 2026Q3', example: '2026Q3' }),
    half: z.string().max(10).optional().openapi({ description: 'A half year, e.g. 2026H1' }),
    year: z.string().max(10).optional().openapi({ description: 'A calendar year, e.g. 2026' }),
    month: z
      .string()
      .max(10)
      .optional()
      .openapi({ description: 'A calendar month, e.g. 2026-07 (the analysis takes a month only)' }),
    from: z.string().max(10).optional().openapi({ description: 'First day (with `to`), YYYY-MM-DD' }),
    to: z.string().max(10).optional().openapi({ description: 'Last day, included' }),
    unit: z
      .string()
      .regex(/^[a-z0-9-]{1,100}$/, 'must be a unit id')
      .optional()
      .openapi({
        description:
          'Narrow the scope to this unit and everything under it; it must lie in the caller’s own scope (403 otherwise)',
      }),
    asOf: z.string().max(10).optional().openapi({
      description:
        'The date outcomes are known by (a limit passed before it and unmet counts as missed); default today',
    }),
    groupBy: z
      .enum(CLASSIFICATION_LEVELS)
      .optional()
      .openapi({
        description:
          'by-domain only: group the subject matters by category (default) or by sub-category (a case ' +
          'registered with a category alone counts under it, as 「…（未细分）」)',
      }),
    format: z
      .enum(['json', 'csv', 'docx', 'xlsx'])
      .optional()
      .openapi({
        description:
          'csv: UTF-8 with a byte order mark (Excel shows Chinese correctly); also by `Accept: text/csv`. ' +
          'xlsx: every table report as an Excel workbook (the briefing: its tables, a sheet each); docx: the ' +
          'briefing as a Word document with its tables and charts. Also by the `Accept` header of the ' +
          'Office Open XML type. A report that does not come in that format answers 406',
      }),
  })
  .strict();

/** The envelope of every report: what it was taken over. */
export const ReportEnvelopeSchema = z
  .object({
    report: z.string(),
    period: z.object({ from: z.string(), to: z.string(), label: z.string() }),
    scope: z.object({ unitId: z.string(), name: z.string(), level: z.string() }),
    asOf: z.string(),
  })
  .passthrough()
  .openapi('Report');

export const SummaryReportExample = {
  report: 'summary',
  period: { from: '2026-07-01', to: '2026-09-30', label: '2026Q3' },
  scope: { unitId: 'qingshan-petition-bureau', name: '青山县信访局', level: 'county' },
  asOf: '2026-10-08',
  received: 120,
  firstTime: { count: 90, share: 75.0 },
  repeat: { count: 30, share: 25.0 },
  transferredOut: 4,
  timelyAcceptance: { rate: 96.4, numerator: 107, denominator: 111 },
  onTimeCompletion: { rate: 91.2, numerator: 62, denominator: 68 },
  participation: { rate: 55.0, numerator: 44, denominator: 80 },
  satisfaction: { rate: 88.6, numerator: 39, denominator: 44 },
  backlog: { atStart: 9, atEnd: 6, cleared: 5, clearanceRate: { rate: 55.6, numerator: 5, denominator: 9 } },
  caseOwned: {
    count: 12,
    onTimeCompletion: { rate: 100, numerator: 8, denominator: 8 },
    formula: '包案按期办结率: case-owned (包案) cases settled on or before the leader’s target date ÷ …',
  },
  supervision: {
    notices: 7,
    escalations: 2,
    listed: 1,
    bySource: { automatic: 4, manual: 1, jointConference: 1, higherBureau: 1 },
  },
  priority: {
    majorUrgentOpen: 1,
    firstLevelOpen: 2,
    secondLevelOpen: 3,
    majorUrgentCases: [
      { petitionId: 'XF-2026-000042', level: 'first', since: '2026-09-28', unitId: 'qingshan-housing' },
    ],
  },
  resolution: {
    resolved: 40,
    educated: 18,
    aided: 5,
    lawfullyHandled: 1,
    agreements: 6,
    stoppedPetitioning: 52,
    carryOut: { carriedOut: 21, due: 4, overdue: 1 },
  },
  aftercare: {
    returnVisits: { count: 40, satisfied: 28, basicallySatisfied: 6, dissatisfied: 4, unreached: 2 },
    evaluations: { satisfied: 51, basicallySatisfied: 9, dissatisfied: 3 },
    followUps: { opened: 6, closed: 5, overdue: 1 },
  },
  /** Abridged: every figure above is mirrored so (docs/reports.md). */
  comparisons: {
    previousPeriod: { period: { from: '2026-04-01', to: '2026-06-30', label: '2026Q2' }, asOf: '2026-07-08' },
    previousYear: { period: { from: '2025-07-01', to: '2025-09-30', label: '2025Q3' }, asOf: '2025-10-08' },
    figures: {
      received: {
        value: 120,
        previousPeriod: { value: 104, changePercent: 15.4 },
        previousYear: { value: 150, changePercent: -20 },
      },
      satisfaction: {
        rate: {
          value: 88.6,
          previousPeriod: { value: 90.1, changePoints: -1.5 },
          previousYear: { value: null, changePoints: null, noData: true },
        },
      },
      priority: { majorUrgentOpen: { value: 1, standsNow: true } },
    },
  },
  // Seed 004's quarter: 147 批 1602 人次, 2 批 2 人次 进京, 31 批 577 人次 到市.
  visits: {
    batches: 147,
    persons: 1602,
    byDestination: {
      local: { batches: 114, persons: 1023 },
      city: { batches: 31, persons: 577 },
      province: { batches: 0, persons: 0 },
      beijing: { batches: 2, persons: 2 },
    },
    group: { batches: 9, persons: 310 },
    firstTime: { batches: 101, persons: 1150 },
    repeat: { batches: 46, persons: 452 },
    byReception: {
      reception: { batches: 80, persons: 410 },
      leaderReception: { batches: 12, persons: 180 },
      appointment: { batches: 6, persons: 40 },
      downVisit: { batches: 9, persons: 230 },
      jointReception: { batches: 7, persons: 163 },
    },
    leaderReceptionDays: 7,
    downVisits: { count: 12, leaders: 75 },
    jointReceptions: 11,
    instructions: { count: 16, cases: 14 },
  },
  screening: {
    rounds: { held: 13, concentrated: 4, focused: 9 },
    disputes: {
      found: 79,
      mediated: 41,
      resolved: 27,
      becamePetitions: 3,
      open: 8,
      openByRisk: { high: 1, medium: 3, low: 4 },
    },
    resolutionRate: { rate: 86.1, numerator: 68, denominator: 79 },
  },
  backlogRegister: { added: 4, resolved: 3, stoppedPetitioning: 1, open: 9, overdue: 2 },
};
