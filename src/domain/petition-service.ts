import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { Pool } from 'pg';
import type { User } from '../db/organisation';
import { ruleSetOfRegion } from '../db/organisation-store';
import {
  findDocuments,
  findLinkingCases,
  findPetition,
  type PetitionRow,
  petitionTimeline,
  requestApplied,
} from '../db/petitions';
import {
  casePolicyOf,
  DEFAULT_RULE_SET_ID,
  earliestCoveredDate,
  getRuleSet,
  listRuleSetVersions,
  type RuleSet,
  ruleSetForReceipt,
  RulesError,
  toShanghaiDate,
} from '../rules';
import {
  barredByRuleSet,
  type CaseCommand,
  caseRuleSetVersion,
  decide,
  offeredCommands,
  registeringUnitOf,
  rolesFor,
  TRANSITIONS,
} from '../case';
import type { Role } from '../case/vocabulary';
import { commandUpdates, petitionWorkflowId } from '../workflows/messages';
import { requireRegistrar, requireRole, visiblePetition } from './access';
import { type Classification, subjectMatterOf } from './classification';
import { COMMAND_BUILDERS, type CommandPathIds, higherBody } from './case-commands';
import type { CommandBody, StaffCommandType } from './contract/commands';
import type { ListPetitionsQuery, RegisterPetitionBody } from './contract/petitions';
import { RequestDocuments } from './documents';
import { AppError, fieldError } from './errors';
import { detailOf } from './petition-views';
import { mergedCasesOf } from './merged-cases';
import { relationsOf } from '../db/case-links';
import { PetitionerFiles } from './petitioner-file';
import { queryCodeOf } from './query-code';
import { registerPetition } from './registration';
import { PETITIONER_SEARCH_ROLES, searchCases } from './petition-search';
import { caseVisitsOf } from './visits/case-visits';
import type { RequestContext } from './request-context';
import { refusalError, toApiError, withTemporalDeadline } from './temporal-calls';

export interface PetitionServiceDeps {
  pool: Pool;
  client: Client;
  taskQueue: string;
  identitySalt: string;
  /** The subject matters (信访事项内容分类) registrations choose from. */
  classification: Classification;
  /** Injected so tests can pin "today"; Asia/Shanghai dates are derived from it. */
  now?: () => Date;
}

/**
 * The petition use cases behind the HTTP API: who may do what, and the hand-off between the read model
 * (PostgreSQL, which every read uses) and the workflow (Temporal), which decides every transition.
 */
export class PetitionService {
  private readonly now: () => Date;

  constructor(private readonly deps: PetitionServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async register(user: User, body: RegisterPetitionBody, request: RequestContext) {
    const how = requireRegistrar(user);
    // The bureau's province names the rule set; one pinned in the request overrides it, and stays on record.
    // A case received before the area's text was in force takes the text it replaced (national-2005).
    const provincial = (await ruleSetOfRegion(this.deps.pool, user.unit.regionId)) ?? DEFAULT_RULE_SET_ID;
    const ruleSetId = body.ruleSetId ?? ruleSetForReceipt(provincial, body.receivedOn);
    const ruleSet = ruleSetNamed(ruleSetId);
    const today = toShanghaiDate(this.now());
    if (body.receivedOn > today) throw fieldError('receivedOn', `must not be after today (${today})`);
    checkCovered(ruleSet, body.receivedOn);
    const ruleSetOverrides = ruleSetId === provincial ? undefined : provincial;
    const { classification } = this.deps;
    const matter = subjectMatterOf(classification, body.domain);
    const registration = {
      ...body,
      ruleSetId,
      ruleSetOverrides,
      matter,
      classificationVersion: classification.reference,
    };
    const id = await registerPetition(this.deps, user, registration, request, how);
    // The desk sees at once what the petitioner's file holds (一户一档): earlier, open and final cases.
    const petitionerFile = await new PetitionerFiles(this.deps).registrationSummary(user, id);
    return { ...(await this.get(user, id)), petitionerFile };
  }

  async list(user: User, query: ListPetitionsQuery) {
    return searchCases(this.deps, user, query);
  }

  async get(user: User, id: string) {
    const row = await visiblePetition(this.deps.pool, user, id);
    const [timeline, documents, linkedFrom, relations, visitRegister] = await Promise.all([
      petitionTimeline(this.deps.pool, id),
      findDocuments(this.deps.pool, id),
      findLinkingCases(this.deps.pool, id),
      relationsOf(this.deps.pool, id),
      caseVisitsOf(this.deps.pool, id),
    ]);
    const { related, history: linkHistory } = relations;
    const merged = relations.mergedIds.length ? await mergedCasesOf(this.deps.pool, relations.mergedIds) : [];
    const detail = detailOf({
      row,
      timeline,
      documents: new Map(documents.map((d) => [d.id, d.body])),
      linkedFrom,
      merged,
    });
    // The registering desk (a bureau's registrar or supervisor; the registrar or handlers of a unit that
    // received the petition directly) hands the query code to the petitioner on the slip; nobody else sees
    // it, not even an administrator, nor a bureau the case was transferred to: it is the petitioner's
    // credential.
    const handsOutCode =
      user.unitId === (row.caseState ? registeringUnitOf(row.caseState) : row.bureauUnitId) &&
      user.roles.some((role) => DESK_ROLES.includes(role));
    const queryCode = handsOutCode ? queryCodeOf(this.deps.identitySalt, id) : null;
    return {
      ...detail,
      petitioner: petitionerAsSeenBy(user, detail.petitioner),
      links: { ...detail.links, related, history: linkHistory },
      queryCode,
      ...visitRegister,
      allowedActions: this.allowedActions(user, row),
    };
  }

  /**
   * The commands this user may give on the case now (the workbench's buttons), decided by the case core on the
   * read model's fold under the pinned rule set; the workflow decides again when one is given, so a stale page
   * is refused with the reason.
   */
  private allowedActions(user: User, row: PetitionRow) {
    if (!row.caseState) return [];
    const actor = { login: user.login, unitId: user.unitId, roles: user.roles };
    const ctx = { today: toShanghaiDate(this.now()), policy: pinnedPolicyOf(row) };
    return offeredCommands(row.caseState, actor, ctx).map(({ command, ...named }) => ({
      command,
      ...named,
      method: 'POST',
      // The route's placeholders (`extensions/:extensionId/approve`) filled from the object it names.
      path: `/api/petitions/${row.id}/${TRANSITIONS[command].path.replace(
        /:(\w+)/g,
        (_, name: string) => (named as Record<string, string>)[name] ?? `:${name}`,
      )}`,
      summary: TRANSITIONS[command].summary,
    }));
  }

  /**
   * Any command of the transition table: checked, its documents written, then decided by the workflow under
   * the request's update id — a retry of the same request gets the first answer, not a refusal.
   */
  async transition<T extends StaffCommandType>(
    user: User,
    id: string,
    type: T,
    input: { body: CommandBody<T>; params: CommandPathIds },
    request: RequestContext,
  ) {
    requireRole(user, rolesFor(type), `do this (${type})`);
    const { row, asBody } = await this.petitionFor(user, id, type, input.body);
    const docs = new RequestDocuments(this.deps.pool, id, user.login, request.requestId);
    let command: CaseCommand | undefined;
    try {
      const body = await COMMAND_BUILDERS[type]({ ...input, user, row, pool: this.deps.pool, docs });
      command = {
        ...body,
        actor: { login: user.login, unitId: user.unitId, roles: user.roles },
        requestId: request.requestId,
        requestedAt: this.now().toISOString(),
      };
      const handle = this.deps.client.workflow.getHandle(petitionWorkflowId(id));
      await withTemporalDeadline(this.deps.client, () =>
        handle.executeUpdate(commandUpdates[type], { args: [command], updateId: request.requestId }),
      );
    } catch (err) {
      const apiError =
        (err instanceof WorkflowNotFoundError && command && refusalByReadModel(row, command, this.now())) ||
        toApiError(err, id);
      if (apiError instanceof AppError && apiError.status < 500) {
        // A retry whose first attempt was applied (and closed the case, say) is answered as applied.
        if (await requestApplied(this.deps.pool, id, request.requestId)) return this.get(user, id);
        // Only a definite answer frees the documents; after a timeout (5xx) the workflow may hold their ids.
        await docs.discard();
        // The body above is no party until its request is recorded: the case's refusal is not for it to see.
        if (asBody) throw notOpenToBody(id, asBody);
      }
      throw apiError;
    }
    return this.get(user, id);
  }

  /**
   * The case as a party to this command sees it. The body above records a review or re-examination request,
   * so it may reach the case then (`asBody`: not yet a party); everyone else who is no party gets 404.
   */
  private async petitionFor<T extends StaffCommandType>(
    user: User,
    id: string,
    type: T,
    body: CommandBody<T>,
  ): Promise<{ row: PetitionRow; asBody?: HigherStage }> {
    const stage = higherStageOf(type);
    if (!stage) return { row: await visiblePetition(this.deps.pool, user, id) };
    // A date no case could take is refused before any case is looked at: the answer says nothing of it.
    const { receivedOn } = body as CommandBody<'requestReview'>;
    const today = toShanghaiDate(this.now());
    if (receivedOn > today) throw fieldError('receivedOn', `must not be after today (${today})`);
    const visible = await visiblePetition(this.deps.pool, user, id).catch((err: unknown) => {
      if (err instanceof AppError && err.status === 404) return undefined;
      throw err;
    });
    if (visible) return { row: visible };
    const row = await findPetition(this.deps.pool, id);
    if (row && (await this.isBodyAbove(row, user, stage))) {
      if (row.status === (stage === 'review' ? 'replied' : 'reviewed')) return { row, asBody: stage };
      // The matter ended at the review by its rule set (Henan Art 27): the body above is told why.
      const barred = row.caseState && barredByRuleSet(type, pinnedPolicyOf(row));
      if (barred && !barred.ok) {
        throw refusalError(barred.refusal.code, barred.refusal.message, barred.refusal.field);
      }
    }
    throw notOpenToBody(id, stage);
  }

  /** Whether the user's unit is the body one level above the case's last one (Art 35–36). */
  private async isBodyAbove(row: PetitionRow, user: User, stage: HigherStage): Promise<boolean> {
    const below = stage === 'review' ? row.handlingUnitId : row.caseState?.review?.bodyUnitId;
    const body = below ? await higherBody(this.deps.pool, below, stage).catch(() => undefined) : undefined;
    return body?.id === user.unitId;
  }
}

/**
 * The petitioner's personal data as the caller may see it: in full for those who work with people (the desks,
 * the handlers, the joint-conference office: the roles that may search by person); an administrator, who
 * manages the organisation and not people, sees the surname only.
 */
function petitionerAsSeenBy<P extends { name: string }>(user: User, petitioner: P): P | { name: string } {
  if (user.roles.some((role) => PETITIONER_SEARCH_ROLES.includes(role))) return petitioner;
  return {
    name: `${[...petitioner.name][0] ?? ''}${'*'.repeat(Math.max([...petitioner.name].length - 1, 1))}`,
  };
}

/** Who at the registering desk may hand out the query code. */
const DESK_ROLES: Role[] = ['registrar', 'supervisor', 'handler', 'unit-head'];

function ruleSetNamed(id: string): RuleSet {
  try {
    return getRuleSet(id);
  } catch (err) {
    if (err instanceof RulesError) throw fieldError('ruleSetId', err.message);
    throw err;
  }
}

/**
 * A case received before its rules were in force, or before the calendar has official holidays, could only
 * be counted with rules it was never under and provisional working days: refused before anything is written.
 */
function checkCovered(ruleSet: RuleSet, receivedOn: string): void {
  const until = ruleSet.text.effectiveUntil;
  if (until !== undefined && receivedOn > until) {
    const then = ruleSet.text.supersededBy
      ? `; a case received later takes ${ruleSet.text.supersededBy}`
      : '';
    throw fieldError(
      'receivedOn',
      `must be ${until} or earlier: rule set ${ruleSet.id} applies to cases received until then${then}`,
    );
  }
  const covered = earliestCoveredDate(ruleSet);
  if (receivedOn >= covered.date) return;
  const calendar = covered.calendarFrom
    ? ` and the working-day calendar has the official holidays from ${covered.calendarFrom}`
    : '';
  throw fieldError(
    'receivedOn',
    `must be ${covered.date} or later, the earliest date a case can be counted with: rule set ` +
      `${ruleSet.id} is in force from ${covered.ruleSetFrom}${calendar}`,
  );
}

type HigherStage = 'review' | 're-examination';

const higherStageOf = (type: StaffCommandType): HigherStage | undefined =>
  type === 'requestReview' ? 'review' : type === 'requestReexamination' ? 're-examination' : undefined;

/**
 * One answer for every case the body above may not (yet) act on: missing, of another area, not waiting for
 * the request, or refused by the case (a date outside the window would name the reply's date). Until its
 * request is recorded the body is no party, so sequential ids teach it nothing (F12).
 */
const notOpenToBody = (id: string, stage: HigherStage) =>
  new AppError(
    404,
    'not_found',
    `Petition ${id} not found, or no ${stage} request can be recorded on it by your unit: check the case ` +
      'number and that the application was received within the petitioner’s window',
  );

/** The policy the case pinned, as its deadlines name it (the latest version when they name none loaded). */
function pinnedPolicyOf(row: PetitionRow) {
  const pinned = row.caseState && caseRuleSetVersion(row.caseState);
  const versions = listRuleSetVersions(row.ruleSetId).map((v) => v.version);
  return casePolicyOf(getRuleSet(row.ruleSetId, pinned && versions.includes(pinned) ? pinned : undefined));
}

/**
 * Why a command is refused on a case whose workflow has ended, decided by the same case core against the
 * read model's fold (e.g. a review request after the window lapsed: 422 with its last day, not a bare 409).
 */
function refusalByReadModel(row: PetitionRow, command: CaseCommand, now: Date) {
  if (!row.caseState) return undefined;
  const policy = pinnedPolicyOf(row);
  const decision = decide(row.caseState, command, { today: toShanghaiDate(now), policy });
  return decision.ok
    ? undefined
    : refusalError(decision.refusal.code, decision.refusal.message, decision.refusal.field);
}
