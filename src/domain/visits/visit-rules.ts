import type { UnitLevel } from '../../db/organisation';
import { fieldError } from '../errors';
import {
  DESTINATIONS,
  type Destination,
  type ReceptionKind,
  SESSION_KINDS,
  type SessionKind,
} from '../../db/visit-vocabulary';

/** 集体访: a batch of five or more persons, as the bureaus count it. */
export const GROUP_VISIT_PERSONS = 5;

/** What a visit says of itself, before any case or session is looked at. */
export interface VisitCounts {
  visitedOn: string;
  batches: number;
  persons: number;
  /** The caller's statement that it is a group visit: checked against the counts, never stored as typed. */
  group?: boolean;
  reception?: { kind: ReceptionKind; sessionId?: string };
  destination?: Destination;
}

/** A group visit is one batch of five or more: derived from the counts. */
export function isGroupVisit(counts: { batches: number; persons: number }): boolean {
  return counts.batches === 1 && counts.persons >= GROUP_VISIT_PERSONS;
}

/** The levels above a unit's own that a visit may have gone to (越级): a city's bureau has no 到市 visits. */
const DESTINATIONS_ABOVE: Record<UnitLevel, readonly Destination[]> = {
  township: DESTINATIONS,
  county: DESTINATIONS,
  city: ['beijing', 'province'],
  province: ['beijing'],
  national: [],
};

/**
 * The checks that need nothing but the request and the caller's clock and level: the counts add up, a
 * group visit is one, the reception and the destination exclude each other, a session kind names its
 * session. Throws a 422 naming the field; answers whether it is a group visit.
 */
export function checkVisitCounts(visit: VisitCounts, today: string, unitLevel: UnitLevel): boolean {
  if (visit.visitedOn > today) throw fieldError('visitedOn', `must not be after today (${today})`);
  if (visit.persons < visit.batches) {
    throw fieldError('persons', `${visit.batches} batches need at least ${visit.batches} persons (人次)`);
  }
  const group = isGroupVisit(visit);
  if (visit.group === true && !group) {
    throw fieldError(
      'group',
      visit.batches > 1
        ? 'a group visit (集体访) is one batch: record each group as a visit of its own'
        : `a group visit (集体访) has ${GROUP_VISIT_PERSONS} or more persons; this one has ${visit.persons}`,
    );
  }
  if (visit.group === false && group) {
    throw fieldError('group', `${visit.persons} persons in one batch are a group visit (集体访)`);
  }
  if (visit.reception && visit.destination) {
    throw fieldError(
      'destination',
      'a visit reported down from a higher level was received there: give reception or destination, not both',
    );
  }
  if (!visit.reception && !visit.destination) {
    throw fieldError('reception', 'say how the visit was received, or where it went (destination)');
  }
  if (visit.destination && !DESTINATIONS_ABOVE[unitLevel].includes(visit.destination)) {
    throw fieldError('destination', `${visit.destination} is not above a ${unitLevel}-level unit`);
  }
  const kind = visit.reception?.kind;
  const sessionKind = kind !== undefined && (SESSION_KINDS as readonly string[]).includes(kind);
  if (sessionKind && !visit.reception?.sessionId) {
    throw fieldError('reception.sessionId', `a ${kind} visit names the reception session it was received at`);
  }
  if (!sessionKind && visit.reception?.sessionId) {
    throw fieldError('reception.sessionId', `a ${kind} visit belongs to no reception session`);
  }
  return group;
}

/** The session a visit names must be of its kind, its unit's and its day's. */
export function checkSession(
  visit: { visitedOn: string; kind: ReceptionKind },
  session: { kind: SessionKind; heldOn: string; unitId: string } | undefined,
  unitId: string,
): void {
  if (!session || session.unitId !== unitId) {
    throw fieldError('reception.sessionId', 'no such reception session of your unit');
  }
  if (session.kind !== visit.kind) {
    throw fieldError('reception.kind', `the session is a ${session.kind}, not a ${visit.kind}`);
  }
  if (session.heldOn !== visit.visitedOn) {
    throw fieldError('visitedOn', `the session was held on ${session.heldOn}`);
  }
}

/** A registration the visit makes is received on the visit's day, or later for one reported down. */
export function checkRegistrationDay(
  visit: { visitedOn: string; destination?: Destination },
  receivedOn: string,
): void {
  if (visit.destination ? receivedOn < visit.visitedOn : receivedOn !== visit.visitedOn) {
    throw fieldError(
      'registration.receivedOn',
      visit.destination
        ? 'a visit reported down is registered on or after the day it was made'
        : 'the petition a visit registers is received on the day of the visit',
    );
  }
}

/** A registration's group (persons, representatives) is the visit's one batch. */
export function checkRegistrationGroup(
  visit: { batches: number; persons: number },
  group: { persons: number } | undefined,
): void {
  if (group && (visit.batches !== 1 || group.persons !== visit.persons)) {
    throw fieldError(
      'registration.group.persons',
      `the group petition's persons must be the visit's (${visit.persons}, in one batch)`,
    );
  }
}

/** A visit on an existing case happens on or after the day the case was received. */
export function checkVisitOnCase(visitedOn: string, receivedOn: string): void {
  if (visitedOn < receivedOn) {
    throw fieldError('visitedOn', `must not be before the case was received (${receivedOn})`);
  }
}

/** A visit concerns one case: an existing one, or the one it registers. */
export function exactlyOneCase(caseId: unknown, registration: unknown): void {
  if ((caseId === undefined) === (registration === undefined)) {
    throw fieldError('caseId', 'give caseId (an existing case) or registration (a new one), exactly one');
  }
}
