import { addDays } from '../../rules/dates';
import { type DemoApi, UnexpectedAnswer } from './api-client';

const ENTRIES = [
  {
    title: '幸福家园小区逾期办证问题',
    cause: '开发商欠缴土地出让金，房产证无法办理。',
    measures: '督促开发商限期补缴，分批办证。',
  },
  {
    title: '城南棚户区改造安置补偿问题',
    cause: '安置房建设滞后，过渡费发放不及时。',
    measures: '县住建局牵头，按月发放过渡费，加快安置房建设。',
  },
  {
    title: '锦绣花园物业维修基金使用问题',
    cause: '业委会与物业公司对维修基金使用存在分歧。',
    measures: '组织听证，依法公开维修基金账目。',
  },
];

/**
 * The backlog register of the demo (积案台账, 专项攻坚): one campaign of the Qingshan bureau with an entry on
 * each of a few of the demo's cases, one of them resolved, all through the API, so the dashboard's campaign
 * section and the summary's `backlogRegister` show figures on a fresh machine. Keys make a re-run harmless.
 */
export async function seedBacklog(
  api: DemoApi,
  caseIds: string[],
  options: { seed: number; today: string },
  failures: string[],
): Promise<void> {
  if (caseIds.length === 0) return;
  const key = (step: string) => `demo-${options.seed}-${options.today}-backlog-${step}`;
  try {
    const campaign = await api.staff(
      'supervisor',
      '/api/backlog/campaigns',
      {
        name: '信访积案化解百日攻坚',
        startsOn: options.today,
        endsOn: addDays(options.today, 100),
        targetRate: 80,
      },
      key('campaign'),
      201,
    );
    for (const [i, entry] of ENTRIES.entries()) {
      const caseId = caseIds[i % caseIds.length]!;
      const created = await api.staff(
        'supervisor',
        '/api/backlog/entries',
        {
          ...entry,
          caseIds: [caseId],
          campaignId: campaign.id,
          unitId: 'qingshan-housing',
          leader: '县住建局局长',
          targetDate: addDays(options.today, 30 + 15 * i),
        },
        key(`entry-${i}`),
        201,
      );
      await api.staff(
        'supervisor',
        `/api/backlog/entries/${String(created.id)}/progress`,
        { notedOn: options.today, note: '召开专题协调会，明确责任分工。' },
        key(`progress-${i}`),
        201,
      );
      if (i === 0) {
        await api.staff(
          'supervisor',
          `/api/backlog/entries/${String(created.id)}/outcome`,
          { outcome: 'resolved', on: options.today, note: '房产证已办结，信访人息诉。' },
          key(`outcome-${i}`),
        );
      }
    }
  } catch (err) {
    if (!(err instanceof UnexpectedAnswer)) throw err;
    failures.push(`backlog register: ${err.message}`);
  }
}
