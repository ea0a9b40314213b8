import { addDays } from '../../../src/rules/dates';
import { shanghaiToday, type TestApp } from '../../support/harness';
import type { PetitionFlow } from '../../support/petition-flow';
import { LOGINS } from './matrix';

/**
 * The backlog register's objects the matrix acts on (`entry@county`, `campaign@county`): kept by Qingshan's
 * bureau, the entry to be worked off by Qingshan's housing bureau on a county case. Built through the API.
 */
export type BacklogObject = 'entry' | 'campaign';

/**
 * Who reads them (their report scope covers the keeping or the responsible unit): the county's bureau and
 * office; for the entry also the housing bureaus (the county's, and above it the city's and the province's).
 * The county's HR bureau is a sibling: it sees neither.
 */
const CAMPAIGN_READERS = ['registrar', 'supervisor', 'admin', 'jco'];
export const backlogReaders = (object: BacklogObject): string[] =>
  object === 'campaign' ? CAMPAIGN_READERS : LOGINS.filter((login) => login !== 'hr-handler');

export async function buildBacklogObject(
  app: TestApp,
  flow: PetitionFlow,
  object: BacklogObject,
): Promise<{ id: string; params: Record<string, string> }> {
  const today = shanghaiToday();
  const post = async (path: string, body: unknown) => {
    const response = await app.request('supervisor', 'POST', `/api/backlog/${path}`, body);
    if (response.status !== 201)
      throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.id as string;
  };
  const campaignId = await post('campaigns', {
    name: '访问矩阵专项',
    startsOn: today,
    endsOn: addDays(today, 30),
  });
  if (object === 'campaign') return { id: campaignId, params: { campaignId } };
  const entryId = await post('entries', {
    title: '访问矩阵积案',
    caseIds: [await flow.register()],
    campaignId,
    unitId: 'qingshan-housing',
    leader: '县住建局局长',
    cause: '历史遗留问题。',
    measures: '专班化解。',
    targetDate: addDays(today, 30),
  });
  return { id: entryId, params: { entryId, campaignId } };
}
