import type { Actor, CaseCommand, CommandType } from './commands';
import { decide } from './decide';
import type { DecideContext } from './decision';
import type { CaseState } from './state';
import { activeItems } from './supervision';
import { commandsOn, type Surface, TRANSITIONS } from './transitions';

/** A command offered to an actor: on the case, or on one of its objects (a supervision item, an extension…). */
export interface Offer {
  command: CommandType;
  itemId?: string;
  extensionId?: string;
  followUpId?: string;
}

/** The objects a command names, each a candidate it may be given on. */
const NAMED: Partial<Record<CommandType, (state: CaseState) => Array<Omit<Offer, 'command'>>>> = {
  approveExtension: (state) => pendingExtensions(state),
  refuseExtension: (state) => pendingExtensions(state),
  closeFollowUp: (state) =>
    (state.followUps ?? []).filter((f) => f.status === 'open').map((f) => ({ followUpId: f.id })),
};
const pendingExtensions = (state: CaseState) =>
  state.extensions.filter((x) => x.status === 'pending').map((x) => ({ extensionId: x.id }));

/**
 * The commands an actor may give on the case now, for the workbench's buttons (issue 24): each command, on each
 * object it may name, is decided as the workflow would decide it, with what it will carry still unknown. It is
 * offered when the decision accepts it or refuses only what it carries (`invalid_argument`: the form's to fill);
 * a refusal of the case's status, the actor, a deadline or a missing object leaves it out. A rule that checks
 * what a command carries before the case's state may offer a command the API then refuses, with its message.
 */
export function offeredCommands(
  state: CaseState,
  actor: Actor,
  ctx: DecideContext,
  surface: Surface = 'petition',
): Offer[] {
  const offers: Offer[] = [];
  for (const type of commandsOn(surface)) {
    const parties = TRANSITIONS[type].by.map((entry) => entry.party);
    const candidates: Array<Omit<Offer, 'command'>> = parties.includes('supervised-unit')
      ? activeItems(state)
          .filter((item) => item.unitId === actor.unitId)
          .map((item) => ({ itemId: item.id }))
      : (NAMED[type]?.(state) ?? [{}]);
    const bodyUnit = parties.includes('named-body') ? { bodyUnitId: actor.unitId } : {};
    for (const named of candidates) {
      if (open(state, { type, actor, ...bodyUnit, ...named } as unknown as CaseCommand, ctx))
        offers.push({ command: type, ...named });
    }
  }
  return offers;
}

/** Accepted, or refused only for what it carries; a rule that reads a field the probe lacks counts as the latter. */
function open(state: CaseState, probe: CaseCommand, ctx: DecideContext): boolean {
  try {
    const decision = decide(state, probe, ctx);
    return decision.ok || decision.refusal.code === 'invalid_argument';
  } catch {
    return true;
  }
}
