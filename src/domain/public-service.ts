import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { findPetition, type PetitionRow } from '../db/petitions';
import { type CaseState, type EvaluationSubject, PETITIONER_ACTOR, type SatisfactionGrade } from '../case';
import { commandUpdates, petitionWorkflowId } from '../workflows/messages';
import { AppError } from './errors';
import { queryCodeMatches } from './query-code';
import { toApiError, withTemporalDeadline } from './temporal-calls';

/** The same answer for a wrong code and a missing case: the code is the only key, and it must not leak. */
const noSuchCase = () => new AppError(404, 'not_found', 'No petition matches this number and query code');

/**
 * The petitioner's side (信访人): look a case up by its number and query code, and evaluate the acceptance
 * notice and each reply (满意度评价). Only the dates the published procedure shows (petition-rules §7);
 * no staff, no texts, no personal data.
 */
export class PublicService {
  constructor(private readonly deps: { pool: Pool; client: Client; secret: string }) {}

  async lookup(petitionId: string, queryCode: string) {
    const row = await this.authorised(petitionId, queryCode);
    return publishedView(row);
  }

  async evaluate(
    petitionId: string,
    queryCode: string,
    subject: EvaluationSubject,
    grade: SatisfactionGrade,
  ) {
    const row = await this.authorised(petitionId, queryCode);
    const invitation = (row.caseState?.evaluations ?? []).filter((e) => e.subject === subject).pop();
    const command = { type: 'evaluate' as const, subject, grade, actor: PETITIONER_ACTOR };
    // One evaluation per invitation: a resubmission (a double click, a retry) gets the first answer.
    const updateId = `evaluate-${subject}-${invitation?.invitedOn ?? 'none'}`;
    try {
      const handle = this.deps.client.workflow.getHandle(petitionWorkflowId(petitionId));
      await withTemporalDeadline(this.deps.client, () =>
        handle.executeUpdate(commandUpdates.evaluate, {
          args: [{ ...command, requestId: updateId, requestedAt: new Date().toISOString() }],
          updateId,
        }),
      );
    } catch (err) {
      throw toApiError(err, petitionId);
    }
    return publishedView((await findPetition(this.deps.pool, petitionId))!);
  }

  private async authorised(petitionId: string, queryCode: string): Promise<PetitionRow> {
    // The code is derived from the number alone: checked before anything is read, so a wrong code answers
    // alike, and as fast, for a case that exists and one that does not (F5), and loads no personal data.
    if (!queryCodeMatches(this.deps.secret, petitionId, queryCode)) throw noSuchCase();
    const row = await findPetition(this.deps.pool, petitionId);
    if (!row || !row.caseState) throw noSuchCase();
    return row;
  }
}

/** The published dates of a case, and what the petitioner may evaluate now. */
function publishedView(row: PetitionRow) {
  const state = row.caseState as CaseState;
  const dates: Array<{ event: string; on: string; days?: number; unit?: string }> = [
    { event: 'registered', on: state.receivedOn },
  ];
  // Each transfer (§7): to another area's bureau (转出), then to the handling unit.
  for (const t of state.transfers ?? []) dates.push({ event: 'transferred', on: t.on, unit: t.toName });
  if (state.routing)
    dates.push({ event: 'transferred', on: state.routing.routedOn, unit: state.handlingUnitName });
  if (state.acceptedOn) dates.push({ event: 'acceptance-notice', on: state.acceptedOn });
  if (state.notAccepted && state.closure)
    dates.push({ event: 'non-acceptance-notice', on: state.closure.on });
  for (const x of state.extensions.filter((e) => e.status === 'approved')) {
    dates.push({ event: 'extension-notice', on: x.decidedOn ?? x.requestedOn, days: x.days });
  }
  if (state.reply) dates.push({ event: 'written-reply', on: state.reply.deliveredOn });
  if (state.review?.deliveredOn) dates.push({ event: 'review-opinion', on: state.review.deliveredOn });
  if (state.reexamination?.deliveredOn) {
    dates.push({ event: 'reexamination-opinion', on: state.reexamination.deliveredOn });
  }
  // The provincial closures: the check's conclusion is told to the petitioner (上海 Art 42 ¶2), the agreement is theirs.
  if (state.verification) dates.push({ event: 'verification-conclusion', on: state.verification.approvedOn });
  if (state.agreement) dates.push({ event: 'agreement-carried-out', on: state.agreement.carriedOutOn });
  const window = state.deadlines.filter((d) => d.key === 'evaluation' && d.status === 'running').pop();
  return {
    id: row.id,
    status: state.status,
    dates,
    evaluation: {
      openUntil: window?.dueDate ?? null,
      subjects: window ? (state.evaluations ?? []).filter((e) => !e.grade).map((e) => e.subject) : [],
      given: (state.evaluations ?? [])
        .filter((e) => e.grade)
        .map((e) => ({ subject: e.subject, grade: e.grade })),
    },
  };
}
