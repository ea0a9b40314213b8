import { ANONYMOUS, CALLERS, type Side } from './matrix';
import type { Outcome, Row } from './runner';

/** Column heads: the logins, shortened (a login not named here shows as itself). */
const SHORT: Record<string, string> = {
  registrar: 'reg',
  supervisor: 'sup',
  handler: 'hdl',
  'unit-head': 'head',
  'hr-handler': 'hr',
  'city-handler': 'c-hdl',
  'city-head': 'c-head',
  'province-handler': 'p-hdl',
  'province-head': 'p-head',
  [ANONYMOUS]: 'anon',
};

/** The matrix as printed: a line per row, a column per caller, "own/other" in each cell; then the notes. */
export function matrixTable(
  area: string,
  rows: Row[],
  results: Array<{ plan: { row: Row }; got: Map<string, Outcome> }>,
): string {
  const header = `${'own/other case'.padEnd(56)} ${CALLERS.map((c) => (SHORT[c] ?? c).padEnd(8)).join('')}`;
  const lines = results.map(({ plan, got }) => {
    const cells = CALLERS.map((caller) =>
      (['own', 'other'] as Side[])
        .map((side) => String(got.get(`${caller}/${side}`) ?? '—'))
        .join('/')
        .padEnd(8),
    );
    return `${plan.row.what.slice(0, 55).padEnd(56)} ${cells.join('')}`;
  });
  const notes = rows.flatMap((row) => [
    ...(row.noOther ? [`${row.what}: no other case: ${row.noOther}`] : []),
    ...(row.except ?? []).map((e) => `${row.what}: ${e.who.join(', ')} ${e.want}: ${e.why}`),
  ]);
  return (
    `access matrix, ${area} (${rows.length} rows × ${CALLERS.length} callers × own/other case)\n` +
    `${header}\n${lines.join('\n')}${notes.length ? `\nnotes:\n  ${notes.join('\n  ')}` : ''}`
  );
}
