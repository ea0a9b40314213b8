import type { SatisfactionGrade } from '../../case/aftercare';
import type { Category, Channel, Outcome, RegistrationLevel } from '../../case/vocabulary';
import { addDays, daysBetween } from '../../rules/dates';
import { between, chance, oneOf, type Random, seededRandom, weighted } from './random';
import { type DemoMatter, GIVEN_NAMES, MATTERS, SURNAMES } from './texts';

/** How far a case gets: left with the bureau, withdrawn, with the unit, being handled, or answered. */
export type Fate =
  'unrouted' | 'withdrawn-registered' | 'transferred' | 'accepted' | 'withdrawn-accepted' | 'replied';

/** A handling unit of the demo organisation and the staff who act for it. */
export interface DemoUnit {
  id: string;
  handler: string;
  /** Approves extensions; a unit without one is not given extensions. */
  head?: string;
}

const HOUSING: DemoUnit = { id: 'qingshan-housing', handler: 'handler', head: 'unit-head' };
const HUMAN_RESOURCES: DemoUnit = { id: 'qingshan-hr', handler: 'hr-handler' };

export interface Petitioner {
  name: string;
  phone: string;
  idNumber: string;
}

/** Everything that happens to one case of the demo, decided up front from the seed and the case's index. */
export interface CasePlan {
  index: number;
  receivedOn: string;
  channel: Channel;
  category: Category;
  /** A subject-matter code of the built-in classification (either level). */
  domain: DemoMatter;
  subject: string;
  description: string;
  petitioner: Petitioner;
  originLevel?: RegistrationLevel;
  /** The earlier case of the run this one repeats (same petitioner, same domain). */
  repeatOf?: number;
  fate: Fate;
  unit: DemoUnit;
  /** Asked for on acceptance; the API refuses it for a repeat, so it is only used when the case is first-time. */
  simplified: boolean;
  extensionDays?: number;
  outcome: Outcome;
  acceptanceGrade?: SatisfactionGrade;
  replyGrade?: SatisfactionGrade;
  returnVisit?: { reached: boolean; satisfaction?: SatisfactionGrade };
}

/** Cases are received over this many days up to today. */
export const SPREAD_DAYS = 90;

const CHANNELS: Array<[Channel, number]> = [
  ['online', 50],
  ['visit', 20],
  ['letter', 18],
  ['phone', 12],
];
const CATEGORIES: Array<[Category, number]> = [
  ['complaint', 80],
  ['suggestion', 12],
  ['accusation', 8],
];
/** Subject matters of the built-in classification, sub-categories where the matter is clear at intake. */
const DOMAINS: Array<[DemoMatter, number]> = [
  ['urban-construction.property-management', 14],
  ['urban-construction.housing', 8],
  ['urban-construction.land-expropriation', 5],
  ['urban-construction.property-delivery', 4],
  ['urban-construction', 6],
  ['labour-and-social-security.migrant-worker-wages', 15],
  ['labour-and-social-security.social-insurance', 9],
  ['political-and-legal.litigation-related', 6],
  ['land-and-resources', 5],
  ['market-regulation', 8],
  ['environment', 5],
  ['education', 4],
  ['civil-affairs.relief', 4],
  ['health.medical-disputes', 3],
  ['agriculture.village-finance', 3],
  ['cadre-conduct', 2],
  ['other', 2],
];
const ORIGIN_LEVELS: Array<[RegistrationLevel | undefined, number]> = [
  [undefined, 78],
  ['city', 12],
  ['province', 7],
  ['national', 3],
];
const GRADES: Array<[SatisfactionGrade, number]> = [
  ['satisfied', 70],
  ['basically-satisfied', 18],
  ['dissatisfied', 12],
];

/** The plan of case `index` of the run seeded `seed`, received up to SPREAD_DAYS before `today`. */
export function planCase(seed: number, index: number, today: string): CasePlan {
  const random = seededRandom('petitionflow-demo', seed, index);
  const original = repeatTarget(random, index);
  const base = original === undefined ? undefined : planCase(seed, original, today);
  const domain = base?.domain ?? weighted(random, DOMAINS);
  const drawnDaysAgo = between(random, 0, SPREAD_DAYS - 1);
  // A repeat comes after the petition it repeats.
  const daysAgo = base ? Math.min(drawnDaysAgo, daysBetween(base.receivedOn, today)) : drawnDaysAgo;
  const receivedOn = addDays(today, -daysAgo);
  const fate = fateOf(random, daysAgo);
  const unit = domain.startsWith('labour-and-social-security') ? HUMAN_RESOURCES : HOUSING;
  const [subject, description] = oneOf(random, MATTERS[domain]);
  const accepted = fate === 'accepted' || fate === 'replied' || fate === 'withdrawn-accepted';
  const category = weighted(random, CATEGORIES);
  const simplified = chance(random, 0.1);
  // Only a complaint's handling limit (D5) is statutory and extendable; suggestions have a service norm.
  const extendable = category === 'complaint' && !simplified && unit.head !== undefined;
  const extended = accepted && fate !== 'withdrawn-accepted' && extendable && chance(random, 0.12);
  const visited = fate === 'replied' && chance(random, 0.6);
  const reached = chance(random, 0.9);
  return {
    index,
    receivedOn,
    channel: weighted(random, CHANNELS),
    category,
    domain,
    subject,
    description,
    petitioner: base?.petitioner ?? petitionerOf(random, seed),
    originLevel: weighted(random, ORIGIN_LEVELS),
    ...(original === undefined ? {} : { repeatOf: original }),
    fate,
    unit,
    simplified,
    ...(extended ? { extensionDays: between(random, 10, 30) } : {}),
    outcome: weighted<Outcome>(random, [
      ['supported', 35],
      ['explained', 50],
      ['not-supported', 15],
    ]),
    ...(accepted && chance(random, 0.25) ? { acceptanceGrade: weighted(random, GRADES) } : {}),
    ...(fate === 'replied' && chance(random, 0.55) ? { replyGrade: weighted(random, GRADES) } : {}),
    ...(visited
      ? { returnVisit: reached ? { reached, satisfaction: weighted(random, GRADES) } : { reached } }
      : {}),
  };
}

/** About one case in eight comes again from a petitioner of one of the 300 cases before it. */
function repeatTarget(random: Random, index: number): number | undefined {
  if (index < 5 || !chance(random, 0.12)) return undefined;
  return between(random, Math.max(0, index - 300), index - 1);
}

/** Older cases have got further; some are left with the bureau (overdue ones climb the supervision ladder). */
function fateOf(random: Random, daysAgo: number): Fate {
  const early = weighted<Fate | undefined>(random, [
    ['unrouted', 6],
    ['withdrawn-registered', 2],
    ['withdrawn-accepted', 2],
    [undefined, 90],
  ]);
  if (early) return early;
  if (daysAgo < 7)
    return weighted<Fate>(random, [
      ['transferred', 40],
      ['accepted', 50],
      ['replied', 10],
    ]);
  if (daysAgo < 30)
    return weighted<Fate>(random, [
      ['transferred', 10],
      ['accepted', 45],
      ['replied', 45],
    ]);
  return weighted<Fate>(random, [
    ['transferred', 3],
    ['accepted', 17],
    ['replied', 80],
  ]);
}

/** A fictional petitioner whose resident ID number is well-formed (with its check digit). */
function petitionerOf(random: Random, seed: number): Petitioner {
  const born = addDays('1950-01-01', between(random, 0, 50 * 365));
  const serial = String(between(random, 0, 999)).padStart(3, '0');
  const body = `990${String(seed % 1000).padStart(3, '0')}${born.replaceAll('-', '')}${serial}`;
  return {
    name: oneOf(random, SURNAMES) + oneOf(random, GIVEN_NAMES),
    phone: `13${String(between(random, 0, 999_999_999)).padStart(9, '0')}`,
    idNumber: body + checkDigit(body),
  };
}

/** The check digit of a resident ID number (ISO 7064 MOD 11-2). */
function checkDigit(first17: string): string {
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * (2 ** (17 - i) % 11), 0);
  return '10X98765432'[sum % 11]!;
}
