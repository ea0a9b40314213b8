import type { TestApp } from './harness';

/**
 * The kinds of the notices of one case in a user's inbox, sorted: the whole inbox, page by page (keyset), since
 * other tests fill the same users' inboxes meanwhile.
 */
export async function inboxKindsFor(app: TestApp, login: string, petitionId: string): Promise<string[]> {
  const kinds: string[] = [];
  for (let before = ''; ;) {
    const { body } = await app.request(login, 'GET', `/api/notifications?pageSize=100${before}`);
    for (const n of body.items as Array<{ petitionId: string; kind: string }>) {
      if (n.petitionId === petitionId) kinds.push(n.kind);
    }
    if (body.items.length < 100) return kinds.sort();
    before = `&before=${body.items[body.items.length - 1].id}`;
  }
}
