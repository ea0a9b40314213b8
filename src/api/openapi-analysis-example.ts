import { SummaryReportExample } from '../domain/contract/reports';
import { CLUSTER_RULE } from '../domain/reports/analysis';

const { report: _report, period: _period, scope, asOf: _asOf, ...figures } = SummaryReportExample;
const noRate = { rate: null, numerator: 0, denominator: 0 };

/** `GET /api/reports/analysis?month=2026-09`, shortened: the trend has twelve months, here the last three. */
export const ANALYSIS_EXAMPLE = {
  report: 'analysis',
  period: { from: '2026-09-01', to: '2026-09-30', label: '2026-09' },
  scope,
  asOf: '2026-10-08',
  month: '2026-09',
  previousMonth: '2026-08',
  noData: false,
  figures,
  trend: {
    from: '2025-10',
    to: '2026-09',
    rows: [
      { month: '2026-07', received: 38, onTimeCompletion: { rate: 92.0, numerator: 23, denominator: 25 } },
      { month: '2026-08', received: 40, onTimeCompletion: { rate: 90.5, numerator: 19, denominator: 21 } },
      { month: '2026-09', received: 42, onTimeCompletion: noRate },
    ],
  },
  rising: {
    previousMonth: '2026-08',
    rows: [
      {
        key: 'urban-construction.land-expropriation',
        label: '征地拆迁',
        category: 'urban-construction',
        count: 9,
        previous: 4,
        change: 5,
        growth: 125.0,
      },
    ],
  },
  clusters: {
    rule: CLUSTER_RULE,
    rows: [
      {
        domain: 'urban-construction.land-expropriation',
        category: 'urban-construction',
        label: '征地拆迁',
        unitId: 'qingshan-housing',
        unitName: '青山县住房和城乡建设局',
        count: 3,
        petitionIds: ['XF-2026-000101', 'XF-2026-000117', 'XF-2026-000130'],
      },
    ],
  },
  groupVisits: { batches: 2, persons: 17, previousMonth: { batches: 1, persons: 6 } },
  campaigns: {
    progressAsOf: '2026-09-30',
    rows: [
      {
        id: 'campaign-2026-hundred-days',
        name: '百日攻坚',
        unitId: 'qingshan-petition-bureau',
        unitName: '青山县信访局',
        startsOn: '2026-07-01',
        endsOn: '2026-10-31',
        entries: 12,
        resolved: 9,
        stoppedPetitioning: 1,
        open: 2,
        overdue: 0,
        resolutionRate: { numerator: 9, denominator: 12, rate: 75.0 },
        targetRate: 80,
        targetMet: false,
      },
    ],
  },
  text:
    '2026年9月，青山县信访局受理信访事项42件，环比上升5.0%（上月40件）；其中初信初访30件，重复信访12件；' +
    '从诉求领域看，较上月增长较快的是征地拆迁（9件，上月4件，上升125.0%）；本月新收事项中同类事项相对集中的有1组，' +
    '主要是青山县住房和城乡建设局征地拆迁3件。本月接待集体访2批17人次（上月1批6人次）。' +
    '积案化解专项攻坚中，“百日攻坚”列入台账12件，已化解9件，息诉罢访1件，化解率75.0%（目标80.0%，未达标）。',
};
