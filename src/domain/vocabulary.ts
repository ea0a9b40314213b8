/**
 * The codes of the petition domain, shared by the API, the workflow and the read model.
 * Kept free of libraries so that workflow code can import it.
 */

/** Channels a petition arrives through (Art 17, 21). */
export const CHANNELS = ['online', 'letter', 'phone', 'fax', 'visit', 'transferred'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Categories (Art 29–31): suggestion 建议意见, accusation 检举控告, complaint/demand 申诉求决. */
export const CATEGORIES = ['suggestion', 'accusation', 'complaint'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Subject-matter domains, for routing and the counts by domain. */
export const DOMAINS = [
  'housing',
  'labour-and-social-security',
  'land-and-resources',
  'urban-construction',
  'market-regulation',
  'public-security',
  'civil-affairs',
  'education',
  'health',
  'environment',
  'agriculture',
  'other',
] as const;
export type Domain = (typeof DOMAINS)[number];

/** Outcomes of a written opinion on a complaint (Art 32): 支持 / 解释说明 / 不予支持. */
export const OUTCOMES = ['supported', 'explained', 'not-supported'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * Where a petition stands. `registered`: with the petition bureau, to be routed (D1);
 * `transferred`: sent to a handling unit, awaiting its acceptance notice (D2);
 * `accepted`: being handled (D5); `replied`: written reply delivered, review window open (D7);
 * `closed`: nothing further can happen.
 */
export const STATUSES = ['registered', 'transferred', 'accepted', 'replied', 'closed'] as const;
export type PetitionStatus = (typeof STATUSES)[number];

/** Roles a user can hold; a user acts for one unit. */
export const ROLES = ['registrar', 'handler', 'unit-head', 'supervisor', 'jco', 'admin'] as const;
export type Role = (typeof ROLES)[number];
