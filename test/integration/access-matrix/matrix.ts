import { DEMO_ORGANISATION } from '../../../src/domain/organisation/demo';
import type { Role } from '../../../src/case/vocabulary';
import { COUNTY_HOUSING, type Desk } from '../../support/petition-flow';

/**
 * The access matrix's model: who the callers are, where their cases lie, and the few rules that give the
 * status every request must get. The tables (rows/*.ts) say per operation who may act; everything else
 * follows from the rules below, and each departure from them is a named exception with its reason.
 *
 * The rules, in the order the API applies them:
 * 1. no bearer token on an operation the OpenAPI document secures: 401;
 * 2. a caller without any role the operation needs: 403, before any case is looked at (it says nothing);
 * 3. a caller the row allows, on a case of its own unit in a state that allows the command: 2xx;
 * 4. a case the caller cannot see: 404 (its existence does not leak); one it sees but may not act on: 403.
 * A list answers 200 and shows the case ("in") to those who may see it, to nobody else ("out").
 */

/** Every demo login (src/domain/organisation/demo-organisation.yaml): a demo user added there gets a column by itself. */
export const LOGINS: string[] = DEMO_ORGANISATION.users.map((user) => user.login);
export const ANONYMOUS = 'anonymous';
export const CALLERS = [...LOGINS, ANONYMOUS];

const USERS = new Map(DEMO_ORGANISATION.users.map((user) => [user.login, user]));
const UNITS = new Map(DEMO_ORGANISATION.units.map((unit) => [unit.id, unit]));

export const rolesOf = (login: string): Role[] => USERS.get(login)?.roles ?? [];
const unitOf = (login: string): string => USERS.get(login)!.unitId;

/** Logins by what they may do, for the rows' `allowed` lists. */
export const BUREAU_ROLES: Role[] = ['registrar', 'supervisor'];
export const UNIT_ROLES: Role[] = ['handler', 'unit-head'];
const isDepartmentUser = (login: string) => UNITS.get(unitOf(login))?.kind === 'department';
/** The handlers and heads of every department (county housing and HR, city housing, province housing). */
export const DEPARTMENTS = LOGINS.filter(isDepartmentUser);
export const HEADS = DEPARTMENTS.filter((login) => rolesOf(login).includes('unit-head'));
/** The bodies above the county housing bureau: the review body (city) and the re-examination body (province). */
export const REVIEW_BODY = LOGINS.filter((login) => unitOf(login) === 'yunzhou-housing');
export const REEXAMINATION_BODY = LOGINS.filter((login) => unitOf(login) === 'dongling-housing');

/**
 * Users the matrix needs to build cases elsewhere (a city's and a province's bureau, the review and
 * re-examination bodies above the county HR bureau). They take no part in the matrix as callers.
 */
export const FIXTURE_USERS = [
  { login: 'yunzhou-registrar', unitId: 'yunzhou-petition-bureau', roles: ['registrar'] },
  { login: 'dongling-registrar', unitId: 'dongling-petition-bureau', roles: ['registrar'] },
  { login: 'yunzhou-hr-handler', unitId: 'yunzhou-hr', roles: ['handler'] },
  { login: 'dongling-hr-handler', unitId: 'dongling-hr', roles: ['handler'] },
];

/** Where a case lies: the bureau that registers it, the desk that drives it, its joint-conference office. */
export interface Placement {
  bureau: string;
  desk: Desk;
  head?: string;
  office?: string;
}

export const PLACEMENTS = {
  /** Qingshan's bureau → Qingshan housing; review: Yunzhou housing; re-examination: Dongling housing. */
  county: {
    bureau: 'qingshan-petition-bureau',
    desk: COUNTY_HOUSING,
    head: 'unit-head',
    office: 'qingshan-jco',
  },
  /** Qingshan's bureau → Qingshan HR; review: Yunzhou HR; re-examination: Dongling HR. */
  'county-hr': {
    bureau: 'qingshan-petition-bureau',
    desk: {
      registrar: 'registrar',
      unitId: 'qingshan-hr',
      handler: 'hr-handler',
      reviewer: 'yunzhou-hr-handler',
      reexaminer: 'dongling-hr-handler',
    },
    office: 'qingshan-jco',
  },
  /** Yunzhou's bureau → Qingshan housing (the county is under the city): not a case of Qingshan's bureau. */
  'city-to-county': {
    bureau: 'yunzhou-petition-bureau',
    desk: { ...COUNTY_HOUSING, registrar: 'yunzhou-registrar' },
    head: 'unit-head',
  },
  /** Yunzhou's bureau → Yunzhou housing; review: Dongling housing; no re-examination body above. */
  city: {
    bureau: 'yunzhou-petition-bureau',
    desk: {
      registrar: 'yunzhou-registrar',
      unitId: 'yunzhou-housing',
      handler: 'city-handler',
      reviewer: 'province-handler',
    },
    head: 'city-head',
  },
  /** Dongling's bureau → Dongling housing; no review body above. */
  province: {
    bureau: 'dongling-petition-bureau',
    desk: { registrar: 'dongling-registrar', unitId: 'dongling-housing', handler: 'province-handler' },
    head: 'province-head',
  },
} satisfies Record<string, Placement>;
export type PlacementName = keyof typeof PLACEMENTS;

/** How far a case has come: whose parties it has (the bodies above join as the review chain reaches them). */
export type Reach = 'bureau' | 'unit' | 'review' | 'reexamination';
/** Which of a department's roles a row is about: handling unit, review body or re-examination body. */
export type Stage = 'first' | 'review' | 'reexamination';
export type Side = 'own' | 'other';

/**
 * For each unit of a demo login: the placement of its own case and of another unit's case, by stage. Own:
 * the login's unit is (or, for a case not routed yet, is to be) the party the stage is about; other: its
 * unit is no party at all. A demo user of a unit missing here fails the matrix (see `placesOf`).
 */
const everyStage = (place: { own: PlacementName; other: PlacementName }) => ({
  first: place,
  review: place,
  reexamination: place,
});
const BUREAU_SIDE = everyStage({ own: 'county', other: 'city-to-county' });
const PLACES: Record<string, Record<Stage, { own: PlacementName; other: PlacementName }>> = {
  'qingshan-petition-bureau': BUREAU_SIDE,
  'qingshan-jco': BUREAU_SIDE,
  'qingshan-housing': everyStage({ own: 'county', other: 'county-hr' }),
  'qingshan-hr': everyStage({ own: 'county-hr', other: 'county' }),
  'yunzhou-housing': {
    first: { own: 'city', other: 'county' },
    review: { own: 'county', other: 'county-hr' },
    reexamination: { own: 'county', other: 'county-hr' },
  },
  'dongling-housing': {
    first: { own: 'province', other: 'county' },
    review: { own: 'city', other: 'county-hr' },
    reexamination: { own: 'county', other: 'county-hr' },
  },
};

export function placesOf(login: string) {
  const places = PLACES[unitOf(login)];
  if (!places) throw new Error(`the access matrix places no case for ${login} (unit ${unitOf(login)})`);
  return places;
}

const REACHES: Reach[] = ['bureau', 'unit', 'review', 'reexamination'];

/** The units that are parties of a case at this reach: the bureau, the handling unit, the bodies above. */
export function partiesOf(placement: PlacementName, reach: Reach): string[] {
  const { bureau, desk } = PLACEMENTS[placement] as Placement;
  const review = UNITS.get(desk.unitId)?.parentId ?? undefined;
  const reexamination = review ? (UNITS.get(review)?.parentId ?? undefined) : undefined;
  const chain = [bureau, desk.unitId, review, reexamination];
  return chain.slice(0, REACHES.indexOf(reach) + 1).filter((unit): unit is string => unit !== undefined);
}

/** Whether a login sees a case: its unit is a party, or it oversees (admin, jco) the bureau's region. */
export function sees(login: string, placement: PlacementName, reach: Reach): boolean {
  if (partiesOf(placement, reach).includes(unitOf(login))) return true;
  const oversees = rolesOf(login).some((role) => role === 'admin' || role === 'jco');
  return (
    oversees &&
    regionWithin(UNITS.get(PLACEMENTS[placement].bureau)!.regionId, UNITS.get(unitOf(login))!.regionId)
  );
}

function regionWithin(region: string | null, above: string | null): boolean {
  for (let at = region; at; at = DEMO_ORGANISATION.regions.find((r) => r.id === at)?.parentId ?? null) {
    if (at === above) return true;
  }
  return false;
}
