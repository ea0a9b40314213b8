import type { DemoApi } from './api-client';
import type { CasePlan } from './case-plan';
import { EXTENSION_REASON, OPINIONS, RETURN_VISIT_NOTES, WITHDRAWAL_REASON } from './texts';

/** What the run did, counted as the API confirmed it. */
export const TALLY_KEYS = [
  'registered',
  'repeat',
  'fromHigherLevel',
  'unrouted',
  'routed',
  'accepted',
  'simplified',
  'extended',
  'replied',
  'evaluated',
  'returnVisits',
  'withdrawn',
  'failed',
] as const;
export type Tally = Record<(typeof TALLY_KEYS)[number], number>;

export interface DriveContext {
  api: DemoApi;
  /** Makes the run's Idempotency-Keys: a re-run of the same seed on the same day repeats them. */
  keyOf(plan: CasePlan, step: string): string;
  /** The petition id of an earlier case once it is registered (a repeat waits for the case it repeats). */
  registered(index: number): Promise<string | undefined>;
  tally: Tally;
}

const REGISTRAR = 'registrar';

/**
 * Takes one case as far as its plan says, through the API as staff and the petitioner would: register,
 * route, accept, extend, evaluate, reply, return visit or withdraw. `onRegistered` hears the petition id as
 * soon as the case is registered, before its later steps.
 */
export async function driveCase(
  plan: CasePlan,
  ctx: DriveContext,
  onRegistered: (petitionId: string) => void,
): Promise<void> {
  const { api, tally } = ctx;
  const staff = (login: string, step: string, path: string, body: unknown, expected?: number) =>
    api.staff(login, path, body, ctx.keyOf(plan, step), expected);
  if (plan.repeatOf !== undefined) await ctx.registered(plan.repeatOf);

  const registered = await staff(REGISTRAR, 'register', '/api/petitions', registrationOf(plan), 201);
  const id = registered.id as string;
  const flags = registered.flags as { firstTime: boolean };
  const queryCode = registered.queryCode as string;
  onRegistered(id);
  tally.registered++;
  if (!flags.firstTime) tally.repeat++;
  if (plan.originLevel) tally.fromHigherLevel++;
  const petitions = `/api/petitions/${id}`;

  if (plan.fate === 'unrouted') return void tally.unrouted++;
  if (plan.fate === 'withdrawn-registered') {
    await staff(REGISTRAR, 'withdraw', `${petitions}/withdraw`, { reason: WITHDRAWAL_REASON });
    return void tally.withdrawn++;
  }
  await staff(REGISTRAR, 'route', `${petitions}/route`, { unitId: plan.unit.id });
  tally.routed++;
  if (plan.fate === 'transferred') return;

  const { handler, head } = plan.unit;
  // The simplified procedure is for first-time petitions only: the registration's flags decide.
  const simplified = plan.simplified && flags.firstTime;
  await staff(handler, 'accept', `${petitions}/accept`, {
    procedure: simplified ? 'simplified' : 'normal',
  });
  tally.accepted++;
  if (simplified) tally.simplified++;
  if (plan.acceptanceGrade) await evaluate(ctx, id, queryCode, 'acceptance-notice', plan.acceptanceGrade);
  if (plan.fate === 'withdrawn-accepted') {
    await staff(handler, 'withdraw', `${petitions}/withdraw`, { reason: WITHDRAWAL_REASON });
    return void tally.withdrawn++;
  }
  if (plan.extensionDays && head && !simplified) {
    const requested = await staff(handler, 'extend', `${petitions}/extensions`, {
      days: plan.extensionDays,
      reason: EXTENSION_REASON,
    });
    const extensionId = (requested.extensions as Array<{ id: string }>).at(-1)!.id;
    await staff(head, 'approve', `${petitions}/extensions/${extensionId}/approve`, {});
    tally.extended++;
  }
  if (plan.fate === 'accepted') return;

  await staff(handler, 'reply', `${petitions}/reply`, {
    outcome: plan.outcome,
    opinion: OPINIONS[plan.outcome],
  });
  tally.replied++;
  if (plan.replyGrade) await evaluate(ctx, id, queryCode, 'written-reply', plan.replyGrade);
  if (plan.returnVisit) {
    const { reached, satisfaction } = plan.returnVisit;
    const note = reached ? RETURN_VISIT_NOTES.reached : RETURN_VISIT_NOTES.unreached;
    await staff(handler, 'return-visit', `${petitions}/return-visit`, { reached, satisfaction, note });
    tally.returnVisits++;
  }
}

function registrationOf(plan: CasePlan) {
  return {
    channel: plan.channel,
    category: plan.category,
    domain: plan.domain,
    subject: plan.subject,
    description: plan.description,
    petitioner: plan.petitioner,
    receivedOn: plan.receivedOn,
    ...(plan.originLevel ? { originLevel: plan.originLevel } : {}),
  };
}

/** The petitioner's evaluation, with the case number and query code, as from the registration slip. */
async function evaluate(
  ctx: DriveContext,
  petitionId: string,
  queryCode: string,
  subject: string,
  grade: string,
) {
  await ctx.api.petitioner('/evaluations', { petitionId, queryCode, subject, grade });
  ctx.tally.evaluated++;
}
