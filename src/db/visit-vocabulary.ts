/** The visit register's words (stored as such in PostgreSQL: see migration 1796000000020). */

/** How a visit was received here (S26–S27); a visit made at a higher level and reported down has none. */
export const RECEPTION_KINDS = [
  'reception',
  'leaderReception',
  'appointment',
  'downVisit',
  'jointReception',
] as const;
export type ReceptionKind = (typeof RECEPTION_KINDS)[number];

/** The reception kinds that are events of their own (a reception day, a down-visit, a joint reception). */
export const SESSION_KINDS = ['leaderReception', 'downVisit', 'jointReception'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** 越级访 reported down: 进京, 赴省, 到市. */
export const DESTINATIONS = ['beijing', 'province', 'city'] as const;
export type Destination = (typeof DESTINATIONS)[number];

/** A leader's act on a case: 阅批 (read and commented on the letter) or 批示 (a written instruction). */
export const INSTRUCTION_KINDS = ['reading', 'instruction'] as const;
export type InstructionKind = (typeof INSTRUCTION_KINDS)[number];
