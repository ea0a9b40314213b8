import { addDays } from '../../rules/dates';
import type { DemoApi } from './api-client';

/** The disputes the demo's round finds (counts of parties only), and what became of each. */
const DISPUTES = [
  {
    dispute: {
      classification: 'agriculture.land-contracting',
      summary: '两组村民对承包地边界有争议',
      place: '白石镇石桥村',
      parties: 14,
      riskLevel: 'medium',
    },
    outcome: 'mediated',
  },
  {
    dispute: {
      classification: 'labour-and-social-security.migrant-worker-wages',
      summary: '建筑工地拖欠务工人员工资',
      place: '白石镇工业园',
      parties: 23,
      riskLevel: 'high',
    },
    outcome: 'resolved',
  },
  {
    dispute: {
      classification: 'urban-construction.land-expropriation',
      summary: '征地补偿标准有异议',
      place: '白石镇河口村',
      parties: 6,
      riskLevel: 'high',
    },
    outcome: 'petition',
  },
  {
    dispute: {
      classification: 'agriculture.village-finance',
      summary: '村民对村务公开账目有疑问',
      place: '白石镇石桥村',
      parties: 3,
      riskLevel: 'low',
    },
    outcome: 'open',
  },
  {
    dispute: {
      classification: 'urban-construction.property-management',
      summary: '小区停车位分配引发业主纠纷',
      place: '城关街道幸福小区',
      parties: 9,
      riskLevel: 'medium',
      handlingUnit: 'chengguan-street-office',
    },
    outcome: 'open',
  },
] as const;

/**
 * A screening round (矛盾纠纷排查) through the API, so the dashboard's 矛盾纠纷排查 cards show figures on a fresh
 * machine: the county bureau records the town's monthly round held two days ago, five disputes it found, and
 * their outcomes today — one mediated, one resolved, one registered as a petition (linked to a case of the run,
 * when there is one), two left open. Keys of the seed and the day: a re-run the same day does nothing twice.
 */
export async function recordDemoScreening(
  api: DemoApi,
  options: { seed: number; today: string; petitionIds: string[] },
): Promise<{ disputes: number }> {
  const key = (step: string) => `demo-${options.seed}-${options.today}-screening-${step}`;
  const round = await api.staff(
    'supervisor',
    '/api/screening/rounds',
    {
      unit: 'baishi-town-government',
      kind: 'regular',
      periodStart: addDays(options.today, -30),
      periodEnd: options.today,
      heldOn: addDays(options.today, -2),
      ledBy: '白石镇党委副书记',
    },
    key('round'),
    201,
  );
  let recorded = 0;
  for (const [index, { dispute, outcome }] of DISPUTES.entries()) {
    const found = await api.staff(
      'supervisor',
      `/api/screening/rounds/${String(round.id)}/disputes`,
      dispute,
      key(`dispute-${index}`),
      201,
    );
    recorded++;
    const petitionId = outcome === 'petition' ? options.petitionIds[0] : undefined;
    if (outcome === 'open' || (outcome === 'petition' && !petitionId)) continue;
    await api.staff(
      'supervisor',
      `/api/screening/disputes/${String(found.id)}/outcomes`,
      { outcome, on: options.today, ...(petitionId ? { petitionId } : {}) },
      key(`outcome-${index}`),
      201,
    );
  }
  return { disputes: recorded };
}
