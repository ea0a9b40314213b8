import type { Classification, SubjectMatter } from '../classification';
import { AppError, fieldError } from '../errors';
import type { Outcome, OutcomeRow } from '../../db/screening';

/**
 * The rules of the screening register that need more than a field's shape: the order of a round's days, the
 * classification in force, and the order of a dispute's outcomes. Pure, so every rule is tested by itself.
 */

export function checkRoundDays(
  round: { periodStart: string; periodEnd: string; heldOn: string },
  today: string,
) {
  if (round.periodEnd < round.periodStart) {
    throw fieldError('periodEnd', `must not be before periodStart (${round.periodStart})`);
  }
  if (round.heldOn < round.periodStart) {
    throw fieldError(
      'heldOn',
      `must not be before periodStart (${round.periodStart}): a round screens what has begun`,
    );
  }
  if (round.heldOn > today) throw fieldError('heldOn', `must not be after today (${today})`);
}

/** A code of either level of the classification in force, not retired, as a registration's `domain`. */
export function screenedMatter(classification: Classification, code: string): SubjectMatter {
  const matter = classification.find(code);
  const where = `classification ${classification.reference}; GET /api/classification lists the codes`;
  if (!matter) throw fieldError('classification', `unknown subject-matter code '${code}' (${where})`);
  if (matter.retired)
    throw fieldError('classification', `subject-matter code '${code}' is retired (${where})`);
  return matter;
}

/** A petition link comes with `petition` and with nothing else. */
export function checkPetitionLink(outcome: Outcome, petitionId: string | undefined) {
  if (outcome === 'petition' && petitionId === undefined) {
    throw fieldError('petitionId', 'required when the outcome is petition: the case the dispute became');
  }
  if (outcome !== 'petition' && petitionId !== undefined) {
    throw fieldError('petitionId', 'only with the outcome petition');
  }
}

/** The day an outcome took effect: from the day the dispute was found up to today. */
export function checkOutcomeDay(on: string, foundOn: string, today: string) {
  if (on < foundOn)
    throw fieldError('on', `must not be before the round that found the dispute (${foundOn})`);
  if (on > today) throw fieldError('on', `must not be after today (${today})`);
}

/**
 * An outcome against the dispute's history: dated on or after the latest entry (the history reads in the order
 * things happened), and a change (recording the outcome it already has is a conflict, not a second entry).
 */
export function checkOutcomeChange(
  history: OutcomeRow[],
  next: { outcome: Outcome; on: string; petitionId?: string },
) {
  const latest = history.at(-1);
  if (latest && next.on < latest.on) {
    throw fieldError('on', `must not be before the latest outcome (${latest.outcome} on ${latest.on})`);
  }
  const current = latest?.outcome ?? 'open';
  const samePetition = (latest?.petitionId ?? null) === (next.petitionId ?? null);
  if (current === next.outcome && samePetition) {
    throw new AppError(409, 'outcome_unchanged', `The dispute's outcome is already ${current}`);
  }
}
