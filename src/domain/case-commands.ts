import type { Pool } from 'pg';
import {
  findActiveUser,
  findActiveUserOfUnit,
  findOfficeOver,
  findUnit,
  type User,
  withinJurisdiction,
} from '../db/organisation';
import type { PetitionRow } from '../db/petitions';
import type { CaseCommandBody } from '../case/commands';
import type { HigherApplication } from '../case/state';
import type { CommandBody, StaffCommandType } from './contract/commands';
import type { RequestDocuments } from './documents';
import { visiblePetition } from './access';
import { AppError, fieldError } from './errors';
import { checkUnmergeable, mergeTarget } from './merge-checks';

/** Ids a command's route takes besides the petition's: an extension, a hearing, a supervision item. */
export interface CommandPathIds {
  extensionId?: string;
  hearingId?: string;
  itemId?: string;
  followUpId?: string;
}

export interface CommandInput<T extends StaffCommandType> {
  /** The body, as validated by this command's own schema (COMMAND_BODIES[T]). */
  body: CommandBody<T>;
  params: CommandPathIds;
  user: User;
  row: PetitionRow;
  pool: Pool;
  docs: RequestDocuments;
}

type Builder<T extends StaffCommandType> = (
  input: CommandInput<T>,
) => Promise<Extract<CaseCommandBody, { type: T }>>;

/**
 * Turns a route's body into the command the workflow decides on: units resolved and checked against the
 * organisation, free text written as documents (the workflow gets their ids). Checks that need the
 * database live here; everything about the case's state is the case core's to decide.
 */
export const COMMAND_BUILDERS: { [T in StaffCommandType]: Builder<T> } = {
  async route({ body, user, pool }) {
    const unit = await routableUnit(pool, user, body.unitId, 'unitId');
    return {
      type: 'route',
      unitId: unit.id,
      unitName: unit.name,
      mode: body.mode,
      ...(body.reportDays !== undefined ? { reportDays: body.reportDays } : {}),
    };
  },
  async transferOut({ body, user, pool, docs }) {
    const bureau = await receivingBureau(pool, user, body.bureauId, 'bureauId');
    const officeUnitId = await findOfficeOver(pool, bureau.regionId);
    const noteDocumentId = await docs.writeOptional('transfer-note', body.note);
    return {
      type: 'transferOut',
      bureauUnitId: bureau.id,
      bureauName: bureau.name,
      ...(officeUnitId ? { officeUnitId } : {}),
      ...(noteDocumentId ? { noteDocumentId } : {}),
    };
  },
  async divert({ body, docs }) {
    return {
      type: 'divert',
      to: body.to,
      noticeDocumentId: await docs.write('diversion-notice', body.notice),
    };
  },
  async notAccept({ body, docs }) {
    return {
      type: 'notAccept',
      reason: body.reason,
      noticeDocumentId: await docs.write('non-acceptance-notice', body.notice),
    };
  },
  async object({ body, docs }) {
    return { type: 'object', reasonDocumentId: await docs.write('objection-reason', body.reason) };
  },
  async decideObjection({ body, user, pool, docs }) {
    const unit =
      body.decision === 'rerouted' && body.unitId
        ? await routableUnit(pool, user, body.unitId, 'unitId')
        : undefined;
    const noteDocumentId = await docs.writeOptional('objection-decision', body.note);
    return {
      type: 'decideObjection',
      decision: body.decision,
      ...(unit ? { unitId: unit.id, unitName: unit.name } : body.unitId ? { unitId: body.unitId } : {}),
      ...(noteDocumentId ? { noteDocumentId } : {}),
    };
  },
  async accept({ body, docs }) {
    const noticeDocumentId = await docs.writeOptional('acceptance-notice', body.notice);
    return { type: 'accept', procedure: body.procedure, ...(noticeDocumentId ? { noticeDocumentId } : {}) };
  },
  async setProcedure({ body }) {
    return { type: 'setProcedure', procedure: body.procedure };
  },
  async setCaseOwner({ body, row, pool, docs }) {
    const leader = await findActiveUser(pool, body.leader);
    if (!leader) throw fieldError('leader', `no active user ${body.leader}`);
    // The leader gets the case's notices: only someone who may open the case (F8).
    if (!(await mayOpen(pool, leader, row.id))) {
      throw fieldError('leader', `${body.leader} may not open this petition: name a leader who can`);
    }
    const handlerUnit = row.handlingUnitId ?? row.bureauUnitId;
    if (!(await findActiveUserOfUnit(pool, body.handler, handlerUnit))) {
      throw fieldError('handler', `no active user ${body.handler} in ${handlerUnit}`);
    }
    return {
      type: 'setCaseOwner',
      leader: body.leader,
      handler: body.handler,
      targetDate: body.targetDate,
      taskDocumentId: await docs.write('case-owner-task', body.task),
    };
  },
  async requestExtension({ body, docs }) {
    return {
      type: 'requestExtension',
      days: body.days,
      reasonDocumentId: await docs.write('extension-reason', body.reason),
    };
  },
  async approveExtension({ params }) {
    return { type: 'approveExtension', extensionId: params.extensionId ?? '' };
  },
  async refuseExtension({ body, params, docs }) {
    const reasonDocumentId = await docs.writeOptional('extension-refusal', body.reason);
    return {
      type: 'refuseExtension',
      extensionId: params.extensionId ?? '',
      ...(reasonDocumentId ? { reasonDocumentId } : {}),
    };
  },
  async reply({ body, docs }) {
    return {
      type: 'reply',
      outcome: body.outcome,
      opinionDocumentId: await docs.write('reply-opinion', body.opinion),
      ...(body.deliveredOn ? { deliveredOn: body.deliveredOn } : {}),
      ...(body.carryOutDays !== undefined ? { carryOutDays: body.carryOutDays } : {}),
    };
  },
  async withdraw({ body, docs }) {
    return { type: 'withdraw', reasonDocumentId: await docs.write('withdrawal', body.reason) };
  },
  async requestReview({ body, row, pool, docs }) {
    const bodyUnit = await higherBody(pool, row.handlingUnitId, 'review');
    return {
      type: 'requestReview',
      bodyUnitId: bodyUnit.id,
      bodyName: bodyUnit.name,
      receivedOn: body.receivedOn,
      application: await applicationOf(body, docs, 'review-application'),
    };
  },
  async acceptReviewRequest() {
    return { type: 'acceptReviewRequest' };
  },
  async refuseReviewRequest({ body, docs }) {
    const reasonDocumentId = await docs.write('review-request-refusal', body.reason);
    return { type: 'refuseReviewRequest', reasonDocumentId };
  },
  async reviewOpinion({ body, docs }) {
    const opinionDocumentId = await docs.write('review-opinion', body.opinion);
    return { type: 'reviewOpinion', outcome: body.outcome, opinionDocumentId, ...delivered(body) };
  },
  async requestReexamination({ body, row, pool, docs }) {
    const bodyUnit = await higherBody(pool, row.caseState?.review?.bodyUnitId ?? null, 're-examination');
    return {
      type: 'requestReexamination',
      bodyUnitId: bodyUnit.id,
      bodyName: bodyUnit.name,
      receivedOn: body.receivedOn,
      application: await applicationOf(body, docs, 'reexamination-application'),
    };
  },
  async acceptReexaminationRequest() {
    return { type: 'acceptReexaminationRequest' };
  },
  async refuseReexaminationRequest({ body, docs }) {
    const reasonDocumentId = await docs.write('reexamination-request-refusal', body.reason);
    return { type: 'refuseReexaminationRequest', reasonDocumentId };
  },
  async openHearing({ body }) {
    return { type: 'openHearing', ...(body.openedOn ? { openedOn: body.openedOn } : {}) };
  },
  async closeHearing({ body, params }) {
    return {
      type: 'closeHearing',
      hearingId: params.hearingId ?? '',
      ...(body.closedOn ? { closedOn: body.closedOn } : {}),
    };
  },
  async reexaminationOpinion({ body, docs }) {
    const opinionDocumentId = await docs.write('reexamination-opinion', body.opinion);
    return { type: 'reexaminationOpinion', outcome: body.outcome, opinionDocumentId, ...delivered(body) };
  },
  async supervisionFeedback({ body, params, docs }) {
    return {
      type: 'supervisionFeedback',
      itemId: params.itemId ?? '',
      reportDocumentId: await docs.write('supervision-feedback', body.report),
      targetDate: body.targetDate,
    };
  },
  async listSupervision({ body, params, docs }) {
    return {
      type: 'listSupervision',
      itemId: params.itemId ?? '',
      correctBy: body.correctBy,
      noteDocumentId: await docs.write('supervision-listing', body.note),
    };
  },
  async instructSupervision({ body, params, user, pool, docs }) {
    const unit = await findUnit(pool, body.unitId);
    if (!unit || !(await withinJurisdiction(pool, user.unit, unit.id))) {
      throw fieldError('unitId', `${body.unitId} is not a unit under ${user.unit.name}`);
    }
    return {
      type: 'instructSupervision',
      itemId: params.itemId ?? '',
      unitId: unit.id,
      unitName: unit.name,
      instructionDocumentId: await docs.write('supervision-instruction', body.instruction),
    };
  },
  async settleObjection({ body, user, pool, docs }) {
    const unit =
      body.decision === 'rerouted' && body.unitId
        ? await routableUnit(pool, user, body.unitId, 'unitId')
        : undefined;
    return {
      type: 'settleObjection',
      decision: body.decision,
      ...(unit ? { unitId: unit.id, unitName: unit.name } : body.unitId ? { unitId: body.unitId } : {}),
      noteDocumentId: await docs.write('objection-settlement', body.note),
    };
  },
  async closeOnVerification({ body, pool, docs }) {
    const unit = await findUnit(pool, body.checkingUnitId);
    // 核查 is made by a municipal department or a district government (Art 42 (二)), not by a bureau or an office.
    if (!unit || (unit.kind !== 'department' && unit.kind !== 'government')) {
      throw fieldError('checkingUnitId', `${body.checkingUnitId} is not a department or government unit`);
    }
    return {
      type: 'closeOnVerification',
      checkingUnitId: unit.id,
      checkingUnitName: unit.name,
      conclusionDocumentId: await docs.write('verification-conclusion', body.conclusion),
      ...(body.approvedOn ? { approvedOn: body.approvedOn } : {}),
    };
  },
  async closeOnAgreement({ body, docs }) {
    const noteDocumentId = await docs.writeOptional('agreement-performance', body.note);
    return {
      type: 'closeOnAgreement',
      agreementDocumentId: await docs.write('agreement', body.agreement),
      agreedOn: body.agreedOn,
      carriedOutOn: body.carriedOutOn,
      ...(noteDocumentId ? { noteDocumentId } : {}),
    };
  },
  async recordCaseOwnerWork({ body, docs }) {
    return {
      type: 'recordCaseOwnerWork',
      kind: body.kind,
      doneOn: body.doneOn,
      noteDocumentId: await docs.write('case-owner-work', body.note),
    };
  },
  async merge({ body, user, row, pool, docs }) {
    const target = await mergeTarget(pool, user, row, body.into);
    return {
      type: 'merge',
      intoCaseId: target.id,
      reasonDocumentId: await docs.write('merge-reason', body.reason),
    };
  },
  async unmerge({ body, row, pool, docs }) {
    await checkUnmergeable(pool, row);
    return { type: 'unmerge', reasonDocumentId: await docs.write('unmerge-reason', body.reason) };
  },
  async setPriority({ body, docs }) {
    return {
      type: 'setPriority',
      level: body.level,
      ...(body.majorUrgent !== undefined ? { majorUrgent: body.majorUrgent } : {}),
      reasonDocumentId: await docs.write('priority-reason', body.reason),
    };
  },
  async supervise({ body, docs }) {
    const kind = body.kind === 'assign' ? 'assignment-notice' : 'supervision-notice';
    return {
      type: 'supervise',
      kind: body.kind,
      ...(body.ground ? { ground: body.ground } : {}),
      noteDocumentId: await docs.write(kind, body.note),
      ...(body.from === 'higher-bureau' && body.issuer
        ? { issuer: { name: body.issuer, ...(body.reference ? { reference: body.reference } : {}) } }
        : {}),
    };
  },
  async recordResolution({ body, docs }) {
    const measures = [];
    for (const { note, ...m } of body.measures ?? []) {
      // One document per measure: the kind names the measure, so a request's ids stay distinct.
      const noteDocumentId = await docs.writeOptional(`resolution-${m.measure}`, note);
      measures.push({ ...m, ...(noteDocumentId ? { noteDocumentId } : {}) });
    }
    const agreement = body.agreement && {
      kind: body.agreement.kind,
      agreedOn: body.agreement.agreedOn,
      agreementDocumentId: await docs.write(`${body.agreement.kind}-agreement`, body.agreement.text),
    };
    const stopped = body.stoppedPetitioning;
    const stoppedNote = await docs.writeOptional('stopped-petitioning', stopped?.note);
    return {
      type: 'recordResolution',
      ...(measures.length ? { measures } : {}),
      ...(agreement ? { agreement } : {}),
      ...(stopped
        ? { stoppedPetitioning: { on: stopped.on, ...(stoppedNote ? { noteDocumentId: stoppedNote } : {}) } }
        : {}),
    };
  },
  async recordCarriedOut({ body, docs }) {
    return {
      type: 'recordCarriedOut',
      carriedOutOn: body.carriedOutOn,
      reportDocumentId: await docs.write('carried-out-report', body.report),
    };
  },
  async recordReturnVisit({ body, docs }) {
    return {
      type: 'recordReturnVisit',
      reached: body.reached,
      ...(body.satisfaction ? { satisfaction: body.satisfaction } : {}),
      noteDocumentId: await docs.write('return-visit', body.note),
      ...(body.visitedOn ? { visitedOn: body.visitedOn } : {}),
      ...(body.followUpId ? { followUpId: body.followUpId } : {}),
    };
  },
  async closeFollowUp({ body, params, docs }) {
    return {
      type: 'closeFollowUp',
      followUpId: params.followUpId ?? '',
      noteDocumentId: await docs.write('follow-up-closure', body.note),
      ...(body.closedOn ? { closedOn: body.closedOn } : {}),
    };
  },
};

/** The petitioner's application as the case records it: its text written as a document, its reference as is. */
async function applicationOf(
  body: CommandBody<'requestReview' | 'requestReexamination'>,
  docs: RequestDocuments,
  kind: string,
): Promise<HigherApplication> {
  const documentId = await docs.writeOptional(kind, body.application);
  return {
    channel: body.channel,
    ...(documentId ? { documentId } : {}),
    ...(body.reference ? { reference: body.reference } : {}),
  };
}

const delivered = (body: { deliveredOn?: string }) =>
  body.deliveredOn ? { deliveredOn: body.deliveredOn } : {};

/**
 * The body one level above a unit (Art 35–36): the review body above the handling unit, the
 * re-examination body above the review body. That is the unit's parent, unless the organisation names
 * another review body for it (the government of the same level, 北京 Art 48).
 */
export async function higherBody(pool: Pool, unitId: string | null, stage: string) {
  if (!unitId) throw new AppError(409, 'transition_not_allowed', `The case has not reached the ${stage} yet`);
  const unit = await findUnit(pool, unitId);
  const aboveId = unit?.reviewUnitId ?? unit?.parentId;
  const parent = aboveId ? await findUnit(pool, aboveId) : undefined;
  if (!parent) {
    throw new AppError(
      409,
      'no_higher_body',
      `No unit above ${unit?.name ?? 'this case'} can take the ${stage}`,
    );
  }
  return parent;
}

/** A handling unit the user's bureau may route to: a department of its region or a region below it. */
async function routableUnit(pool: Pool, user: User, unitId: string, field: string) {
  const unit = await findUnit(pool, unitId);
  if (!unit) throw fieldError(field, `unknown unit ${unitId}`);
  if (unit.kind !== 'department') throw fieldError(field, `${unit.name} is not a handling unit`);
  if (!unit.active) throw fieldError(field, `${unit.name} is no longer active`);
  if (!(await withinJurisdiction(pool, user.unit, unit.id))) {
    throw fieldError(field, `${unit.name} is outside the jurisdiction of ${user.unit.name}`);
  }
  return unit;
}

/**
 * The bureau a petition is transferred out to (转出): a petition bureau of an area outside the sender's own
 * (its region and the regions below); inside it, the responsible unit is the sender's to route to.
 */
async function receivingBureau(pool: Pool, user: User, unitId: string, field: string) {
  const unit = await findUnit(pool, unitId);
  if (!unit) throw fieldError(field, `unknown unit ${unitId}`);
  if (unit.kind !== 'petition-bureau') {
    throw fieldError(field, `${unit.name} is not a petition bureau: a petition is transferred out to one`);
  }
  if (await withinJurisdiction(pool, user.unit, unit.id)) {
    throw fieldError(
      field,
      `${unit.name} lies within the area of ${user.unit.name}: route the petition to the responsible unit instead`,
    );
  }
  return unit;
}

/** Whether a user may open a case (the same rule as every read). */
async function mayOpen(pool: Pool, user: User, petitionId: string): Promise<boolean> {
  return visiblePetition(pool, user, petitionId).then(
    () => true,
    (err: unknown) => {
      if (err instanceof AppError && err.status === 404) return false;
      throw err;
    },
  );
}
