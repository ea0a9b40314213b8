import { ref } from 'vue';
import { api, ApiError } from './api';

/**
 * A list the API pages by cursor (keyset): the rows of the page shown, the way back (the cursors of the pages
 * gone through) and forward (the answer's `nextCursor`), and the API's refusal if it refused. `query` gives the
 * address of a page for a cursor (none: the first page).
 */
export function useCursorPages<Row, Page extends { items: Row[]; nextCursor: string | null }>(
  query: (cursor: string | undefined) => string,
  onPage: (page: Page) => void = () => {},
) {
  const rows = ref<Row[]>([]);
  const cursors = ref<string[]>([]);
  const nextCursor = ref<string | null>(null);
  const loading = ref(false);
  const problem = ref<ApiError>();
  /** The latest request: an answer to an earlier one (the filters changed meanwhile) is dropped. */
  let latest = 0;

  async function load(cursor?: string) {
    const request = ++latest;
    loading.value = true;
    problem.value = undefined;
    try {
      const page = await api<Page>('GET', query(cursor));
      if (request !== latest) return;
      rows.value = page.items as typeof rows.value;
      nextCursor.value = page.nextCursor;
      onPage(page);
    } catch (error) {
      if (request !== latest) return;
      if (error instanceof ApiError) problem.value = error;
      else throw error;
    } finally {
      if (request === latest) loading.value = false;
    }
  }
  return {
    rows,
    cursors,
    nextCursor,
    loading,
    problem,
    /** The first page again (after the filters changed). */
    first: () => {
      cursors.value = [];
      return load();
    },
    next: () => {
      if (!nextCursor.value) return;
      cursors.value.push(nextCursor.value);
      return load(nextCursor.value);
    },
    previous: () => {
      cursors.value.pop();
      return load(cursors.value.at(-1));
    },
  };
}
