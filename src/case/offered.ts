import type { CasePolicy } from '../rules/case-policy';
import type { Actor, CaseCommand, CommandType } from './commands';
import { gate } from './decide';
import type { CaseState } from './state';
import { activeItems } from './supervision';
import { commandsOn, type Surface, TRANSITIONS } from './transitions';

/** A command offered to an actor: on the case, or on one of its supervision items. */
export interface Offer {
  command: CommandType;
  itemId?: string;
}

/**
 * The commands an actor may give on the case now, as the transition table, the pinned rule set and the actor's
 * unit and roles have it — what the decision's gate (`gate`) lets through, for the workbench's buttons (issue
 * 24). What a command will carry is not known yet, so its own rules (dates, documents, what it names) may still
 * refuse it, with their message. A command on a supervision item is offered for each item on the ladder
 * addressed to the actor's unit; one recorded by the body it names, with the actor's own unit as that body.
 */
export function offeredCommands(
  state: CaseState,
  actor: Actor,
  policy: CasePolicy,
  surface: Surface = 'petition',
): Offer[] {
  const offers: Offer[] = [];
  for (const type of commandsOn(surface)) {
    const parties = TRANSITIONS[type].by.map((entry) => entry.party);
    const probes: Array<Record<string, string>> = parties.includes('supervised-unit')
      ? activeItems(state)
          .filter((item) => item.unitId === actor.unitId)
          .map((item) => ({ itemId: item.id }))
      : [parties.includes('named-body') ? { bodyUnitId: actor.unitId } : {}];
    for (const fields of probes) {
      const probe = { type, actor, ...fields } as unknown as CaseCommand;
      if (gate(state, probe, policy) === undefined)
        offers.push({ command: type, ...(fields.itemId ? { itemId: fields.itemId } : {}) });
    }
  }
  return offers;
}
