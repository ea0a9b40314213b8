import { initialCaseState } from '../../../src/case';
import { type CaseWrite, writeCase } from '../../../src/db/case-write';
import { foldPart } from '../../../src/db/case-write/fold';
import type { WritePart } from '../../../src/db/case-write/part';
import { reportRowPart } from '../../../src/db/case-write/report-row';
import { supervisionItemsPart } from '../../../src/db/case-write/supervision-items';
import { reportActsPart } from '../../../src/db/case-write/report-acts';

const write: CaseWrite = {
  // The fold's and the report's documents have every column whatever the state: null where it has no value.
  state: initialCaseState(),
  events: [],
  notifications: [],
  items: [
    {
      id: 'XF-2026-000001.handle-1',
      itemId: 'handle-1',
      deadlineKey: 'handle',
      unitId: 'qingshan-housing',
      level: 'notice',
      status: 'open',
      noticeOn: '2026-04-01',
      feedbackOn: null,
      targetDate: null,
      escalatedOn: null,
      escalationReason: null,
      listedOn: null,
      correctBy: null,
      listingOverdue: false,
      endedOn: null,
      source: 'automatic',
      kind: null,
      ground: null,
      feedbackDue: null,
    },
  ],
  fence: 5,
  attemptAt: '2026-03-02T01:00:00.000Z',
};

/** The columns a part's SQL reads from its document: `<alias>.<column>`, the alias its populated rows go by. */
function columnsRead(sql: string): string[] {
  const alias = /jsonb_populate_record(?:set)?\(NULL::\w+, \$\d+::jsonb\) (\w+)/.exec(sql)![1]!;
  const read = [...sql.matchAll(new RegExp(`\\b${alias}\\.(\\w+)`, 'g'))].map((match) => match[1]!);
  return [...new Set(read)].sort();
}

describe('the event writer in parts', () => {
  // jsonb_populate_record leaves a column it finds no key for NULL: a misnamed key would erase a column.
  it.each([
    ['the fold', foldPart],
    ['the supervision items', supervisionItemsPart],
    ['the report row', reportRowPart],
  ])('%s: its document names exactly the columns its SQL reads', (_, part: WritePart) => {
    const document = part.documentOf(write) as object | object[];
    const row = Array.isArray(document) ? document[0]! : document;
    expect(Object.keys(row).sort()).toEqual(columnsRead(part.sql(() => '$1')));
  });

  it('the report acts: their document names exactly the columns their SQL reads', () => {
    const visited = { ...initialCaseState(), returnVisits: [{ visitedOn: '2026-04-01', reached: true }] };
    const [row] = reportActsPart.documentOf({ ...write, state: visited as never }) as object[];
    expect(Object.keys(row!).sort()).toEqual(columnsRead(reportActsPart.sql(() => '$1')));
  });

  it('binds the petition, the version as read and one JSON document per part, each used by the statement', async () => {
    const sent: { text: string; values: unknown[] }[] = [];
    const client = {
      query: (config: { text: string; values: unknown[] }) => {
        sent.push(config);
        return Promise.resolve({ rows: [{ written: 1 }] });
      },
    };
    await expect(writeCase(client as never, 'XF-2026-000001', write, '1234')).resolves.toBe(true);
    const [{ text, values }] = sent as [{ text: string; values: unknown[] }];
    expect(values.slice(0, 2)).toEqual(['XF-2026-000001', '1234']);
    expect(values).toHaveLength(8);
    for (const [index, value] of values.entries()) {
      expect(text).toContain(`$${index + 1}`);
      if (index >= 2) expect(() => JSON.parse(value as string) as unknown).not.toThrow();
    }
    expect(text).not.toContain('$9');
  });
});
