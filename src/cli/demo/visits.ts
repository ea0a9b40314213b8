import type { DemoApi } from './api-client';

/** What the demo's visit register wrote, for its closing tally. */
export interface VisitTally {
  visits: number;
  sessions: number;
  instructions: number;
}

const DESK = 'registrar';

/**
 * The visit register of the demo (issue 23 item 1), through the API: a leader's reception day, a down-visit
 * and a joint reception; visits at the desk and at each of them, a group visit, repeat visits on the run's
 * cases, visits reported down from Beijing and the city; a leader's 阅批 and 批示. All dated `today` (a visit
 * cannot precede its case, and the dashboard's current quarter then shows them); every POST carries a key made
 * of the seed and the day, so a re-run the same day records nothing twice.
 */
export async function recordDemoVisits(
  api: DemoApi,
  options: { seed: number; today: string; petitionIds: string[] },
): Promise<VisitTally> {
  const tally: VisitTally = { visits: 0, sessions: 0, instructions: 0 };
  const key = (step: string) => `demo-${options.seed}-${options.today}-visits-${step}`;
  const post = async (step: string, path: string, body: unknown) =>
    api.staff(DESK, path, body, key(step), 201);
  const on = options.today;

  const session = async (kind: string, leader: string, leaders: number, place: string) => {
    tally.sessions++;
    const answer = await post(`session-${kind}`, '/api/reception-sessions', {
      kind,
      heldOn: on,
      leader,
      leaders,
      place,
    });
    return answer.id as string;
  };
  const leaderDay = await session('leaderReception', '县委书记', 1, '县信访局接待大厅');
  const downVisit = await session('downVisit', '县委副书记、副县长', 3, '白石镇便民服务中心');
  const joint = await session('jointReception', '县信访局、县住建局', 2, '县矛盾纠纷调处中心');

  const visit = async (step: string, body: Record<string, unknown>) => {
    tally.visits++;
    await post(`visit-${step}`, '/api/visits', { visitedOn: on, place: '县信访局接待大厅', ...body });
  };
  const registration = (subject: string, description: string, group?: number) => ({
    category: 'complaint',
    domain: 'urban-construction.property-management',
    subject,
    description,
    petitioner: { name: '来访群众代表' },
    receivedOn: on,
    ...(group ? { group: { persons: group, representatives: 3 } } : {}),
  });
  await visit('desk', {
    persons: 2,
    registration: registration('小区停车位分配', '两位业主来访反映小区停车位分配不公。'),
    reception: { kind: 'reception' },
  });
  await visit('group', {
    persons: 8,
    registration: registration('小区外墙脱落', '3号楼8位住户来访，反映外墙瓷砖脱落存在安全隐患。', 8),
    reception: { kind: 'leaderReception', sessionId: leaderDay, receivedBy: '县委书记' },
  });
  await visit('reported-city', {
    persons: 5,
    place: '云州市信访局',
    registration: registration('拆迁安置补偿', '5位群众到市上访，市信访局转来。'),
    destination: 'city',
  });
  // Repeat visits on the run's cases: at the desk, on the down-visit, at the joint reception, and one in Beijing.
  const cases = options.petitionIds.slice(0, 4);
  const repeats: Array<[string, Record<string, unknown>]> = [
    ['repeat-desk', { persons: 1, reception: { kind: 'reception' } }],
    ['repeat-down', { persons: 3, reception: { kind: 'downVisit', sessionId: downVisit } }],
    ['repeat-joint', { persons: 6, reception: { kind: 'jointReception', sessionId: joint } }],
    ['repeat-beijing', { persons: 1, place: '国家信访局', destination: 'beijing' }],
  ];
  for (const [i, caseId] of cases.entries()) await visit(repeats[i]![0], { caseId, ...repeats[i]![1] });

  for (const [i, caseId] of cases.slice(0, 2).entries()) {
    tally.instructions++;
    await post(`instruction-${i}`, `/api/petitions/${caseId}/instructions`, {
      kind: i === 0 ? 'reading' : 'instruction',
      instructedOn: on,
      leader: i === 0 ? '县长' : '县委书记',
      text: i === 0 ? '请县住建局依法依规办理，按期答复。' : '限期化解，结果报县委。',
    });
  }
  return tally;
}
