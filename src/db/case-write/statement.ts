import type { PoolClient } from 'pg';
import { prepared } from '../prepared';
import { eventsPart } from './events';
import { foldPart } from './fold';
import { notificationsPart } from './notifications';
import type { CaseWrite, ParameterName, WritePart } from './part';
import { reportRowPart } from './report-row';
import { reportActsClearedPart, reportActsPart } from './report-acts';
import { supervisionItemsPart } from './supervision-items';

/** The fold first: it is the `target` the other parts hang on. */
const PARTS: WritePart[] = [
  foldPart,
  eventsPart,
  notificationsPart,
  supervisionItemsPart,
  reportRowPart,
  reportActsClearedPart,
  reportActsPart,
];
const DOCUMENTS = PARTS.flatMap((part) => (part.document ? [part.document] : []));
const PARAMETERS: ParameterName[] = ['petitionId', 'version', ...DOCUMENTS];

const placeholder = (name: ParameterName) => `$${PARAMETERS.indexOf(name) + 1}`;

/**
 * Everything one writing of a case changes, in one statement (one round trip instead of one per table): the
 * parts, each a data-modifying CTE with its own document. Every part hangs on the row's UPDATE, so when its
 * version check fails nothing at all is written.
 */
const writeCaseStatement = prepared<unknown[]>(
  'case-write',
  `WITH ${PARTS.map((part) => `${part.cte} AS (${part.sql(placeholder)}\n   )`).join(', ')}
   SELECT count(*)::int AS written FROM target`,
);

/**
 * Writes a case in one statement. With `version` (the row's `xmin` as read), it writes only if the row is
 * still that version (optimistic: no lock was taken) and says whether it did; without, it always writes (the
 * caller holds the row's lock).
 */
export async function writeCase(
  client: Pick<PoolClient, 'query'>,
  petitionId: string,
  write: CaseWrite,
  version: string | null = null,
): Promise<boolean> {
  const named: Partial<Record<ParameterName, unknown>> = { petitionId, version };
  for (const part of PARTS) if (part.document) named[part.document] = JSON.stringify(part.documentOf(write));
  const { rows } = await client.query<{ written: number }>(
    writeCaseStatement(...PARAMETERS.map((name) => named[name])),
  );
  return rows[0]!.written === 1;
}
