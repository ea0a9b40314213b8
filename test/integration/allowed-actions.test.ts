import { startTestApp, type TestApp } from '../support/harness';
import { PetitionFlow } from '../support/petition-flow';

/**
 * The commands a user may give on a case now (`allowedActions` on the detail: the workbench's buttons), through
 * the API on the real stack: they follow the case and the caller, name the object they act on, and the path
 * offered is the one that does it.
 */
let app: TestApp;
let flow: PetitionFlow;

beforeAll(async () => {
  app = await startTestApp('allowed-actions');
  flow = new PetitionFlow(app);
});

afterAll(async () => {
  await app?.stop();
});

type Offer = { command: string; path: string; extensionId?: string };
const offers = async (login: string, id: string) => (await flow.get(login, id)).allowedActions as Offer[];
const commands = async (login: string, id: string) => (await offers(login, id)).map((o) => o.command);

describe('the commands offered on the case detail', () => {
  it('follow the case and the caller: the bureau routes, the handling unit accepts', async () => {
    const id = await flow.register();
    expect(await offers('registrar', id)).toContainEqual(
      expect.objectContaining({ command: 'route', path: `/api/petitions/${id}/route` }),
    );
    // The unit sees the case only once it is routed there.
    await flow.post('registrar', id, 'route', { unitId: 'qingshan-housing' });
    expect(await commands('handler', id)).toContain('accept');
    expect(await commands('registrar', id)).not.toContain('accept');
  });

  it('name the pending extension, and its path decides it', async () => {
    const id = await flow.withExtension();
    expect(await commands('handler', id)).not.toContain('approveExtension');
    const approve = (await offers('unit-head', id)).find((o) => o.command === 'approveExtension');
    expect(approve).toEqual(
      expect.objectContaining({
        extensionId: 'ext-1',
        path: `/api/petitions/${id}/extensions/ext-1/approve`,
      }),
    );
    await flow.expectStatus(200, 'unit-head', 'POST', approve!.path, {});
    expect(await commands('unit-head', id)).not.toContain('approveExtension');
  });
});
