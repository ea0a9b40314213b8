import { startTestApp, type TestApp } from '../support/harness';
import { caseEvents, COUNTY_HOUSING, deadlineOf, footprint, PetitionFlow } from '../support/petition-flow';
import { saveHistoryIfRequested } from '../support/histories';
import { petitionWorkflowId } from '../../src/workflows/messages';

/**
 * 并案 through the HTTP API against the real dev server and PostgreSQL: a duplicate merged into the case it
 * repeats closes as merged (its deadlines stop, its workflow waits), shows in the surviving case with its
 * documents, and is undone while the surviving case is open; bad merges are refused with a code, nothing stored.
 */
let app: TestApp;
let flow: PetitionFlow;

beforeAll(async () => {
  app = await startTestApp('case-merge-tests');
  flow = new PetitionFlow(app);
  // The registrar of the city's bureau: another bureau than the county's.
  await app.pool.query(
    `INSERT INTO users (login, display_name, unit_id, roles)
     VALUES ('yunzhou-registrar', '云州登记员', 'yunzhou-petition-bureau', '{registrar}')
     ON CONFLICT (login) DO NOTHING`,
  );
});

afterAll(async () => {
  await app?.stop();
});

const merge = (id: string, into: string, login = 'registrar') =>
  app.request(login, 'POST', `/api/petitions/${id}/merge`, { into, reason: '同一事项重复反映，并案办理。' });
const unmerge = (id: string, login = 'registrar') =>
  app.request(login, 'POST', `/api/petitions/${id}/unmerge`, { reason: '并非同一事项，撤销并案。' });
const workflowStatus = async (id: string) =>
  (await app.client.workflow.getHandle(petitionWorkflowId(id)).describe()).status.name;

describe('merging a duplicate (并案)', () => {
  it('closes it as merged, stops its deadlines, shows it in the surviving case; undone, it goes on', async () => {
    const surviving = await flow.transferred();
    const duplicate = await flow.accepted();
    const merged = await merge(duplicate, surviving);
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({
      status: 'closed',
      closedReason: 'merged',
      merge: { intoCaseId: surviving, mergedBy: 'registrar', previousStatus: 'accepted' },
    });
    expect(merged.body.merge.reason).toContain('并案办理');
    expect(caseEvents(merged.body)).toEqual(expect.arrayContaining(['merged', 'closed']));
    expect(deadlineOf(merged.body, 'handle')?.status).toBe('cancelled');
    // The workflow waits to be unmerged: no timer, but not finished.
    expect(await workflowStatus(duplicate)).toBe('RUNNING');

    const survivor = await flow.get('supervisor', surviving);
    expect(survivor.mergedCases).toEqual([
      expect.objectContaining({
        id: duplicate,
        mergedBy: 'registrar',
        documents: expect.arrayContaining([expect.objectContaining({ kind: 'merge-reason' })]),
      }),
    ]);

    const reopened = await unmerge(duplicate, 'supervisor');
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'accepted', closedReason: null, merge: null });
    expect(deadlineOf(reopened.body, 'handle')).toMatchObject({
      status: 'running',
      dueAt: deadlineOf(merged.body, 'handle')!.dueAt,
    });
    expect((await flow.get('supervisor', surviving)).mergedCases).toEqual([]);
    // The reopened case goes on to its end, and its workflow with it.
    await flow.post('handler', duplicate, 'withdraw', { reason: '信访人撤回。' });
    expect(await workflowStatus(duplicate)).toBe('COMPLETED');
    await saveHistoryIfRequested(app.client.workflow.getHandle(petitionWorkflowId(duplicate)), 'case-merged');
  });

  it('refuses a merge into itself, into a closed, a merged or another bureau’s case, changing nothing', async () => {
    const duplicate = await flow.transferred();
    const before = await footprint(app.pool, duplicate);
    const refused = async (into: string, status: number, code: string) => {
      const response = await merge(duplicate, into);
      expect({ into, status: response.status, code: response.body.error?.code }).toEqual({
        into,
        status,
        code,
      });
    };
    await refused(duplicate, 422, 'merge_into_itself');

    const closed = await flow.register();
    await flow.post('registrar', closed, 'withdraw', { reason: '撤回。' });
    await refused(closed, 409, 'merge_target_closed');

    const target = await flow.transferred();
    const mergedAway = await flow.transferred();
    expect((await merge(mergedAway, target)).status).toBe(200);
    await refused(mergedAway, 409, 'merge_target_merged');

    // Another bureau's case the caller cannot see: not found, as everywhere.
    const elsewhere = await flow.at({ ...COUNTY_HOUSING, registrar: 'yunzhou-registrar' }).register();
    await refused(elsewhere, 404, 'not_found');
    // One it still reads (transferred out to another area, 转出): another bureau's, refused by name.
    const transferredOut = await flow.register();
    await flow.post('registrar', transferredOut, 'transfer-out', {
      bureauId: 'yunzhou-petition-bureau',
      note: '责任单位不属于我县。',
    });
    await refused(transferredOut, 409, 'merge_across_units');
    await refused('XF-1999-000001', 404, 'not_found');

    // A case others were merged into is not merged away itself.
    const refusedTarget = await flow.transferred();
    const response = await merge(target, refusedTarget);
    expect([response.status, response.body.error.code]).toEqual([409, 'merge_has_merged_cases']);

    // Only the registering bureau merges.
    const byUnit = await merge(duplicate, target, 'handler');
    expect(byUnit.status).toBe(403);
    expect(await footprint(app.pool, duplicate)).toEqual(before);
  });

  it('keeps the merge once the surviving case is closed, and refuses to undo what is not merged', async () => {
    const surviving = await flow.transferred();
    const duplicate = await flow.transferred();
    expect((await merge(duplicate, surviving)).status).toBe(200);
    await flow.post('handler', surviving, 'withdraw', { reason: '信访人撤回。' });
    const before = await footprint(app.pool, duplicate);
    const late = await unmerge(duplicate);
    expect([late.status, late.body.error.code]).toEqual([409, 'surviving_case_closed']);
    const open = await flow.transferred();
    const notMerged = await unmerge(open);
    expect([notMerged.status, notMerged.body.error.code]).toEqual([409, 'transition_not_allowed']);
    expect(await footprint(app.pool, duplicate)).toEqual(before);
  });
});
