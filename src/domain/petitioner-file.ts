import type { Pool } from 'pg';
import type { User } from '../db/organisation';
import {
  confirmMatch,
  countsOf,
  digitsOf,
  findPetitioner,
  findPetitionerByKey,
  findPetitionersByNamePhone,
  matchesOf,
  type PetitionerRecord,
  timelineOfCases,
  visibleCasesOf,
  visibleCountsOf,
} from '../db/petitioners';
import { findPetition } from '../db/petitions';
import type { Role } from '../case/vocabulary';
import { overseenRegion, requireRole, visiblePetition } from './access';
import type { PetitionerLookup } from './contract/petitioners';
import { AppError, notFound } from './errors';
import { PETITIONER_SEARCH_ROLES } from './petition-search';
import { summaryOf } from './petition-views';
import { petitionerKeyOf } from './registration';

const visibleToOf = (user: User) => ({ unitId: user.unitId, regionId: overseenRegion(user) });

/** Who confirms that two registrations are one person: the desk and the unit that work with the person. */
const MATCH_ROLES: readonly Role[] = ['registrar', 'supervisor', 'handler', 'unit-head'];

/**
 * The petitioner's file (一户一档): every case of one person the caller may see, one timeline across them, and
 * the desk's lookup while registering. Petitioner data only for the roles that may search by the petitioner;
 * counts and cases only of cases the caller may see, so a file tells no one of cases beyond their reach.
 */
export class PetitionerFiles {
  constructor(private readonly deps: { pool: Pool; identitySalt: string }) {}

  async lookup(user: User, body: PetitionerLookup) {
    requireRole(user, PETITIONER_SEARCH_ROLES, 'look up a petitioner');
    const byNumber = body.idNumber !== undefined;
    const candidates = body.idNumber
      ? await this.byNumber(body.idNumber)
      : await findPetitionersByNamePhone(this.deps.pool, body.name ?? '', digitsOf(body.phone) ?? '');
    const counts = await this.visibleCounts(
      user,
      candidates.map((petitioner) => petitioner.id),
    );
    const match = byNumber ? ('identity-number' as const) : ('name-and-phone' as const);
    // A person only other areas know stays unknown here: no visible case, no match.
    const matches = candidates.flatMap((petitioner) => {
      const cases = counts.get(petitioner.id);
      return cases ? [{ petitionerId: petitioner.id, name: petitioner.name, match, cases }] : [];
    });
    return { matches };
  }

  /**
   * What the registration answer tells the desk: the file the petition went into with its earlier cases, and,
   * for a petition without an identity number, the people of the same name and phone a person may confirm.
   */
  async registrationSummary(user: User, petitionId: string) {
    const row = await findPetition(this.deps.pool, petitionId);
    const petitionerId = row?.petitionerId;
    if (!row || !petitionerId) return null;
    const phone = digitsOf(row.petitioner.phone);
    const searches = user.roles.some((role) => PETITIONER_SEARCH_ROLES.includes(role));
    const others =
      !row.petitionerKey && phone && searches
        ? (await findPetitionersByNamePhone(this.deps.pool, row.petitioner.name, phone)).filter(
            (other) => other.id !== petitionerId,
          )
        : [];
    const counts = await this.visibleCounts(user, [petitionerId, ...others.map((o) => o.id)], petitionId);
    const candidates = others.flatMap((other) => {
      const cases = counts.get(other.id);
      return cases
        ? [{ petitionerId: other.id, name: other.name, match: 'name-and-phone' as const, cases }]
        : [];
    });
    return {
      petitionerId,
      name: row.petitioner.name,
      match: 'registration' as const,
      cases: counts.get(petitionerId) ?? { total: 0, open: 0, final: 0 },
      candidates,
    };
  }

  async file(user: User, petitionerId: string) {
    requireRole(user, PETITIONER_SEARCH_ROLES, 'read a petitioner’s file');
    const { petitioner, cases } = await this.visibleFile(user, petitionerId);
    const ids = new Set(cases.map((c) => c.id));
    const [matches, timeline] = await Promise.all([
      matchesOf(this.deps.pool, petitionerId),
      timelineOfCases(this.deps.pool, [...ids]),
    ]);
    return {
      petitionerId,
      name: petitioner.name,
      phone: petitioner.phoneDigits,
      identified: petitioner.identified,
      counts: countsOf(cases),
      cases: cases.map(summaryOf),
      confirmedMatches: matches
        .filter((m) => ids.has(m.petitionId))
        .map((m) => ({ ...m, confirmedAt: new Date(m.confirmedAt).toISOString() })),
      timeline: timeline.map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
    };
  }

  /**
   * A person confirms that a case registered without an identity number is this petitioner's (the same name and
   * phone): the case joins the file, recorded with who and when.
   */
  async confirm(user: User, petitionerId: string, caseId: string) {
    requireRole(user, MATCH_ROLES, 'confirm that two registrations are one petitioner');
    const { petitioner } = await this.visibleFile(user, petitionerId);
    const row = await visiblePetition(this.deps.pool, user, caseId);
    const sameName = row.petitioner.name === petitioner.name;
    const samePhone =
      digitsOf(row.petitioner.phone) !== null && digitsOf(row.petitioner.phone) === petitioner.phoneDigits;
    if (!sameName || !samePhone) {
      throw new AppError(
        422,
        'not_a_match',
        `The petitioner of ${caseId} has another name or phone: only the same name and phone are confirmed as one person`,
      );
    }
    await confirmMatch(this.deps.pool, caseId, petitionerId, user.login, async (current) => {
      if (current.petitionerKey) {
        throw new AppError(
          409,
          'filed_by_identity_number',
          `${caseId} was registered with an identity number: it is filed under that number's petitioner`,
        );
      }
      if (current.petitionerId === petitionerId) {
        throw new AppError(409, 'already_in_file', `${caseId} is already in this petitioner's file`);
      }
    });
    return this.file(user, petitionerId);
  }

  private async byNumber(idNumber: string): Promise<PetitionerRecord[]> {
    const key = petitionerKeyOf(this.deps.identitySalt, idNumber);
    const found = key ? await findPetitionerByKey(this.deps.pool, key) : undefined;
    return found ? [found] : [];
  }

  private visibleCounts(user: User, petitionerIds: readonly string[], exceptCase?: string) {
    return visibleCountsOf(this.deps.pool, petitionerIds, visibleToOf(user), exceptCase);
  }

  private visibleCases(user: User, petitionerId: string) {
    return visibleCasesOf(this.deps.pool, petitionerId, visibleToOf(user));
  }

  /** A petitioner none of whose cases the caller may see is reported missing, as a case is. */
  private async visibleFile(user: User, petitionerId: string) {
    const petitioner = await findPetitioner(this.deps.pool, petitionerId);
    const cases = petitioner ? await this.visibleCases(user, petitionerId) : [];
    if (!petitioner || cases.length === 0) throw notFound(`Petitioner ${petitionerId}`);
    return { petitioner, cases };
  }
}
