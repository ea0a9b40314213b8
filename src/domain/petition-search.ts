import type { Pool } from 'pg';
import type { User } from '../db/organisation';
import { type PageKey, type PetitionSearch, searchPetitions } from '../db/petition-search';
import type { Role } from '../case/vocabulary';
import type { Classification } from './classification';
import type { ListPetitionsQuery } from './contract/petition-search';
import { AppError, fieldError } from './errors';
import { overseenRegion } from './access';
import { summaryOf } from './petition-views';
import { petitionerKeyOf } from './registration';

/**
 * Who may search by the petitioner's name, phone or identity number: the roles that work cases with the
 * person (the desk, the handlers, the unit's head and supervisor) and the joint-conference office. An
 * administrator manages the organisation, not people: a search by person is refused (403), not silently
 * widened to every case.
 */
export const PETITIONER_SEARCH_ROLES: readonly Role[] = [
  'registrar',
  'handler',
  'unit-head',
  'supervisor',
  'jco',
];

/** A case number typed into the search box, whole or its start. */
const CASE_NUMBER = /^XF-[0-9-]*$/i;

export interface SearchDeps {
  pool: Pool;
  identitySalt: string;
  classification: Classification;
}

/** GET /api/petitions: the cases the user may see that match, newest first, one page at a time. */
export async function searchCases(deps: SearchDeps, user: User, query: ListPetitionsQuery) {
  const { items, total, last } = await searchPetitions(deps.pool, {
    ...textOf(query.q),
    ...petitionerOf(deps, user, query),
    receivedFrom: query.receivedFrom,
    receivedTo: query.receivedTo,
    domain: query.domain ? domainOf(deps.classification, query.domain) : undefined,
    channel: query.channel,
    status: query.status,
    handlingUnitId: query.unit,
    caseOwner: query.caseOwner === 'me' ? user.login : query.caseOwner,
    overdue: query.overdue,
    flags: { firstTime: query.firstTime, repeat: query.repeat, group: query.group },
    priority: query.priority,
    majorUrgent: query.majorUrgent,
    supervisionLevel: query.supervisionLevel,
    visibleTo: { unitId: user.unitId, regionId: overseenRegion(user) },
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
    offset: query.cursor ? 0 : (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return {
    items: items.map(summaryOf),
    page: query.page,
    pageSize: query.pageSize,
    total,
    nextCursor: last ? encodeCursor(last) : null,
  };
}

function textOf(q: string | undefined): Pick<PetitionSearch, 'text' | 'caseNumberPrefix'> {
  if (!q) return {};
  if (CASE_NUMBER.test(q)) return { caseNumberPrefix: q.toUpperCase() };
  return { text: q.split(/\s+/).filter(Boolean) };
}

function petitionerOf(
  deps: SearchDeps,
  user: User,
  query: ListPetitionsQuery,
): Pick<PetitionSearch, 'petitionerName' | 'petitionerPhoneDigits' | 'petitionerKey'> {
  const { petitionerName, petitionerPhone, petitionerIdNumber } = query;
  if (!petitionerName && !petitionerPhone && !petitionerIdNumber) return {};
  if (!user.roles.some((role) => PETITIONER_SEARCH_ROLES.includes(role))) {
    throw new AppError(
      403,
      'petitioner_search_forbidden',
      `Only a user with the role ${PETITIONER_SEARCH_ROLES.join(' or ')} can search by the petitioner`,
    );
  }
  return {
    petitionerName,
    petitionerPhoneDigits: petitionerPhone?.replace(/[^0-9]/g, ''),
    petitionerKey: petitionerKeyOf(deps.identitySalt, petitionerIdNumber) ?? undefined,
  };
}

/** A code of the classification in force, or of an earlier file still known (retired codes find old cases). */
function domainOf(classification: Classification, code: string): NonNullable<PetitionSearch['domain']> {
  const matter = classification.find(code);
  if (!matter) {
    throw fieldError(
      'domain',
      `unknown subject-matter code '${code}' (GET /api/classification lists the codes)`,
    );
  }
  return { code: matter.code, level: matter.level };
}

/** The cursor is the last row's key, opaque to clients (base64url of JSON). */
export function encodeCursor(key: PageKey): string {
  return Buffer.from(JSON.stringify([key.createdAt, key.id])).toString('base64url');
}

function decodeCursor(cursor: string): PageKey {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
    const real = (s: string) => new Date(s).toISOString().slice(0, 19) === s.slice(0, 19);
    const validInstant = typeof createdAt === 'string' && instant.test(createdAt) && real(createdAt);
    if (validInstant && typeof id === 'string' && id.length <= 40) {
      return { createdAt, id };
    }
  } catch {
    // falls through to the refusal
  }
  throw fieldError('cursor', 'must be the nextCursor of an earlier page');
}
