import type { Pool } from 'pg';
import { COLUMNS, type PetitionRow } from './petitions';
import { regionSubtree } from './organisation';
import type { CaseStatus, Channel } from '../case/vocabulary';
import type { SupervisionLevel } from '../case/supervision';
import type { PriorityLevel } from '../case';

/** Where a page ends: the list is ordered newest registration first, ties by id. */
export interface PageKey {
  /** created_at to the microsecond, as PostgreSQL prints it in UTC. */
  createdAt: string;
  id: string;
}

export interface PetitionSearch {
  /** Terms of free text, each found (as a substring, case-insensitive) in the subject or the description. */
  text?: string[];
  /** A case number or the start of one (XF-2026-0001…). */
  caseNumberPrefix?: string;
  /** Found as a substring of the petitioner's name. */
  petitionerName?: string;
  /** Digits only; equal to the petitioner's phone read as digits. */
  petitionerPhoneDigits?: string;
  /** The keyed hash of the identity-document number (src/domain/registration.ts). */
  petitionerKey?: string;
  receivedFrom?: string;
  receivedTo?: string;
  /** A sub-category code (exact) or a category code (every code under it). */
  domain?: { code: string; level: 'category' | 'subcategory' };
  channel?: Channel;
  status?: CaseStatus;
  handlingUnitId?: string;
  /** The leader who owns the case (包案). */
  caseOwner?: string;
  overdue?: boolean;
  flags?: { firstTime?: boolean; repeat?: boolean; group?: boolean };
  /** 关注级别 and the 重大、紧急 flag, as the case's fold holds them. */
  priority?: PriorityLevel;
  majorUrgent?: boolean;
  /** An open rung of the supervision ladder at this level. */
  supervisionLevel?: SupervisionLevel;
  /**
   * What the caller may see: cases its unit registered, handles, reviews or re-examines, or transferred out of
   * its area; with oversight, also every case registered by a bureau of that region or a region below it.
   */
  visibleTo: { unitId: string; regionId?: string };
  /** Keyset paging: the rows after this key. */
  after?: PageKey;
  /** Page-number paging (the list's first form), kept for existing clients; slow deep into the list. */
  offset?: number;
  limit: number;
}

/**
 * Lists report their total up to this many; a larger total reads as this number. Counting costs a read of every
 * row counted: at 10 000, a broad filter over a million cases took 150 ms for the count alone (bench:search).
 */
export const TOTAL_CAP = 1_000;

/**
 * The cases that match, newest first. Text is matched through the GIN-indexed terms (CJK bigrams and ASCII words,
 * migration 1796000000017), then checked as an exact substring; paging is by key, so page 500 costs what page 1
 * costs.
 */
export async function searchPetitions(
  pool: Pool,
  search: PetitionSearch,
): Promise<{ items: PetitionRow[]; total: number; last: PageKey | null }> {
  const { whereSql, params } = whereOf(search);
  const pageParams = [...params];
  let pageWhere = whereSql;
  if (search.after) {
    pageParams.push(search.after.createdAt, search.after.id);
    const n = pageParams.length;
    pageWhere += ` AND (created_at, id) < ($${n - 1}::timestamptz, $${n}::text)`;
  }
  // Open supervision items are few, and a range ending at receivedTo starts far down a list newest first:
  // fetch the matching cases through their indexes and sort them, rather than walk every case newest first
  // (600–700 ms at a million cases). `+ interval '0 s'` keeps the planner off the ordered walk.
  const fetchThenSort = search.supervisionLevel !== undefined || search.receivedTo !== undefined;
  const order = fetchThenSort ? `created_at + interval '0 s'` : 'created_at';
  const [page, count] = await Promise.all([
    pool.query(
      `SELECT ${COLUMNS}, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "pageKey"
         FROM petitions p WHERE ${pageWhere}
        ORDER BY ${order} DESC, id DESC LIMIT ${search.limit} OFFSET ${search.offset ?? 0}`,
      pageParams,
    ),
    // Counting stops at TOTAL_CAP: a page must not cost a scan of the whole table.
    pool.query<{ total: string }>(
      `SELECT count(*) AS total FROM (SELECT 1 FROM petitions p WHERE ${whereSql} LIMIT ${TOTAL_CAP}) AS capped`,
      params,
    ),
  ]);
  const rows = page.rows as Array<PetitionRow & { pageKey: string }>;
  const lastRow = rows.at(-1);
  const items = rows.map(({ pageKey: _key, ...row }) => row as PetitionRow);
  return {
    items,
    total: Number(count.rows[0]?.total ?? 0),
    last: lastRow && rows.length === search.limit ? { createdAt: lastRow.pageKey, id: lastRow.id } : null,
  };
}

function whereOf(search: PetitionSearch): { whereSql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (search.text?.length) {
    // All terms of all words through the index; then each word as an exact substring.
    where.push(`search_terms @> petition_search_terms(${param(search.text.join(' '))})`);
    for (const word of search.text) {
      where.push(`strpos(lower(subject || ' ' || description), lower(${param(word)})) > 0`);
    }
  }
  if (search.caseNumberPrefix) {
    where.push(`id LIKE ${param(likePrefix(search.caseNumberPrefix))}`);
  }
  if (search.petitionerName) {
    where.push(`petitioner_name_terms @> petition_search_terms(${param(search.petitionerName)})`);
    where.push(`strpos(lower(petitioner ->> 'name'), lower(${param(search.petitionerName)})) > 0`);
  }
  if (search.petitionerPhoneDigits) {
    where.push(
      `petitioner ? 'phone' AND regexp_replace(petitioner ->> 'phone', '[^0-9]', '', 'g') = ${param(search.petitionerPhoneDigits)}`,
    );
  }
  if (search.petitionerKey) where.push(`petitioner_key = ${param(search.petitionerKey)}`);
  if (search.receivedFrom) where.push(`received_on >= ${param(search.receivedFrom)}::date`);
  if (search.receivedTo) where.push(`received_on <= ${param(search.receivedTo)}::date`);
  if (search.domain) {
    const column = search.domain.level === 'category' ? 'domain_category' : 'domain';
    where.push(`${column} = ${param(search.domain.code)}`);
  }
  if (search.channel) where.push(`channel = ${param(search.channel)}`);
  if (search.status) where.push(`status = ${param(search.status)}`);
  if (search.handlingUnitId) where.push(`handling_unit_id = ${param(search.handlingUnitId)}`);
  if (search.caseOwner) {
    where.push(
      `case_state -> 'caseOwner' IS NOT NULL AND case_state -> 'caseOwner' ->> 'leader' = ${param(search.caseOwner)}`,
    );
  }
  if (search.overdue !== undefined) where.push(`overdue = ${param(search.overdue)}`);
  const flags = search.flags ?? {};
  if (flags.firstTime !== undefined) where.push(`first_time = ${param(flags.firstTime)}`);
  if (flags.repeat !== undefined) where.push(`(repeat_of IS NOT NULL) = ${param(flags.repeat)}`);
  if (flags.group !== undefined) where.push(`(group_persons IS NOT NULL) = ${param(flags.group)}`);
  if (search.priority) where.push(`case_state #>> '{priority,level}' = ${param(search.priority)}`);
  if (search.majorUrgent !== undefined) {
    where.push(
      `coalesce((case_state #>> '{priority,majorUrgent}')::boolean, false) = ${param(search.majorUrgent)}`,
    );
  }
  if (search.supervisionLevel) {
    // The open items first, as an array the planner cannot turn into a join: a semi-join beside the
    // visibility's OR estimated half the table and scanned all of it (3 s at a million cases, bench:search).
    where.push(`p.id = ANY (ARRAY(SELECT s.petition_id FROM supervision_items s
      WHERE s.status IN ('open', 'answered') AND s.level = ${param(search.supervisionLevel)}))`);
  }
  where.push(visibility(search.visibleTo, param));
  return { whereSql: where.join(' AND '), params };
}

/** The parties to a case, and oversight of the region of its bureau: the rule of src/domain/access.ts. */
export function visibility(
  visibleTo: PetitionSearch['visibleTo'],
  param: (value: unknown) => string,
): string {
  const unit = param(visibleTo.unitId);
  const parties = `bureau_unit_id = ${unit} OR handling_unit_id = ${unit} OR review_unit_id = ${unit} OR reexamination_unit_id = ${unit}
    OR (transferred_from_unit_ids <> '{}' AND transferred_from_unit_ids @> ARRAY[${unit}]::text[])`;
  if (!visibleTo.regionId) return `(${parties})`;
  const region = regionSubtree(param(visibleTo.regionId));
  return `(${parties} OR bureau_unit_id IN (SELECT id FROM units WHERE region_id IN (${region})))`;
}

/** A LIKE pattern for "starts with", the prefix's own wildcards taken literally. */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
