import type { CasePolicy } from '../rules/case-policy';
import {
  type ComputedDeadline,
  type DeadlineRequest,
  type DeadlineTerms,
  deadlineEventOf,
  deadlineTerms,
  planDeadlines,
} from './deadlines';
import type { CaseEvent, CaseEventBody } from './events';
import { fold } from './evolve';
import type { CaseFlags, CaseState } from './state';

/** What the petition bureau registers; the workflow's input. Codes, ids and dates only. */
export interface CaseRegistration {
  petitionId: string;
  ruleSetId: string;
  channel: CaseState['channel'];
  category: CaseState['category'];
  domain: CaseState['domain'];
  receivedOn: string;
  bureauUnitId: string;
  flags: CaseFlags;
  group?: CaseState['group'];
  /** The joint-conference office (联席办) over the registering bureau, resolved by the API. */
  officeUnitId?: string;
  /**
   * A unit with authority (a department, a government) received the petition directly and registers it
   * (Art 23 ¶1–2): it handles the case from the start and its D2 runs from receipt; `bureauUnitId` is then
   * the bureau of its area. Absent: the bureau registered it, as before.
   */
  receivedBy?: { unitId: string; unitName: string };
}

/**
 * The events of a registration: a matter already final (Art 36 ¶3) is registered and not accepted. A
 * petition a unit received directly is registered with that unit as its handling unit (see `registered`'s
 * triggers in deadlines.ts: D2 instead of D1).
 */
export function decideRegistration(registration: CaseRegistration, today: string): CaseEventBody[] {
  const { flags, group, officeUnitId, receivedBy, ...rest } = registration;
  const registered: CaseEventBody = {
    type: 'registered',
    ...rest,
    flags,
    ...(group ? { group } : {}),
    ...(officeUnitId ? { officeUnitId } : {}),
    ...(receivedBy ? { receivedBy: { unitId: receivedBy.unitId, unitName: receivedBy.unitName } } : {}),
  };
  if (!flags.finalCaseId) return [registered];
  return [
    registered,
    {
      type: 'not-accepted',
      by: receivedBy ? 'unit' : 'bureau',
      reason: 'final',
      linkedCaseId: flags.finalCaseId,
    },
    { type: 'closed', reason: 'not-accepted', closedOn: today },
  ];
}

/**
 * Computes deadlines' dates by the case's rule set, all of a decision at once (one local activity in the
 * workflow, so one history event; a direct call in tests).
 */
export type ComputeDeadlines = (requests: DeadlineRequest[]) => Promise<ComputedDeadline[]>;

export interface EventMeta {
  at: string;
  actor?: string;
  requestId?: string;
}

/** Numbers and dates a batch of events as the next ones of the case. */
export function stamp(state: CaseState, bodies: readonly CaseEventBody[], meta: EventMeta): CaseEvent[] {
  return stampAfter(state.lastSequence, bodies, meta);
}

function stampAfter(lastSequence: number, bodies: readonly CaseEventBody[], meta: EventMeta): CaseEvent[] {
  return bodies.map(
    (body, index) =>
      ({
        ...body,
        sequence: lastSequence + index + 1,
        at: meta.at,
        ...(meta.actor ? { actor: meta.actor } : {}),
        ...(meta.requestId ? { requestId: meta.requestId } : {}),
      }) as CaseEvent,
  );
}

/**
 * A decision's effect before its deadlines' dates are known: its events and the deadlines they stop,
 * numbered and dated, and what to compute. Plain data, so whoever computes the dates (the workflow through
 * a local activity, or the activity that also writes the events) completes it to the same events.
 */
export interface SettlementDraft {
  events: CaseEvent[];
  requests: DeadlineRequest[];
  /** The policy's terms for each request's event (none for an extension). */
  terms: Array<DeadlineTerms | undefined>;
  meta: EventMeta;
  /** The sequence of the draft's last event (the case's last one when it has none). */
  lastSequence: number;
}

export function draftSettlement(
  policy: CasePolicy,
  state: CaseState,
  bodies: readonly CaseEventBody[],
  meta: EventMeta,
): SettlementDraft {
  const after = fold(state, stamp(state, bodies, meta));
  const { stops, requests } = planDeadlines(policy, after, bodies);
  const events = stamp(state, [...bodies, ...stops], meta);
  return {
    events,
    requests,
    terms: requests.map((request) => deadlineTerms(policy, request.key, request.extend)),
    meta,
    lastSequence: state.lastSequence + events.length,
  };
}

/** The draft's events followed by one per computed deadline (results in the order of its requests). */
export function completeSettlement(draft: SettlementDraft, results: ComputedDeadline[]): CaseEvent[] {
  if (results.length !== draft.requests.length) {
    throw new Error(`expected ${draft.requests.length} computed deadlines, got ${results.length}`);
  }
  const computed = results.map((result, index) => {
    if (result.key !== draft.requests[index]!.key) {
      throw new Error(`computed deadline ${result.key} answers request ${draft.requests[index]!.key}`);
    }
    return deadlineEventOf(draft.terms[index], result);
  });
  return [...draft.events, ...stampAfter(draft.lastSequence, computed, draft.meta)];
}
