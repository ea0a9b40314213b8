import { type CaseEvent, type CaseState, initialCaseState } from '../../case';
import type { CaseWrite } from '../case-write';
import { foldWithLadder } from '../ladder-projection';
import type { StoredHead } from './head';
import { newerWriter, type Writer } from './writer';

/** The write of `events` on top of `base` (by default the stored fold); the row keeps the newer writer. */
export function appending(
  petitionId: string,
  head: StoredHead,
  events: CaseEvent[],
  writer: Writer,
  base: CaseState = head.case_state ?? initialCaseState(),
): CaseWrite {
  return { events, ...foldWithLadder(petitionId, base, events), ...newerWriter(head, writer) };
}
