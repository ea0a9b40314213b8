import { createHmac } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { Pool, PoolClient } from 'pg';
import { lockRegistrationKey, rememberRegistration } from '../db/idempotency';
import { findBureauOver, findOfficeOver, type Unit, type User } from '../db/organisation';
import {
  deleteUnstartedPetition,
  findSameMatter,
  insertPetition,
  keepStartInput,
  type NewPetition,
} from '../db/petitions';
import { petitionerFor } from '../db/petitioners';
import { toShanghaiDate } from '../rules';
import type { CaseFlags } from '../case';
import type { PetitionWorkflowInput } from '../workflows/messages';
import { startCaseWorkflow } from './case-start';
import type { SubjectMatter } from './classification';
import type { RegisterPetitionBody } from './contract/petitions';
import { AppError, fieldError, forbidden } from './errors';
import type { RequestContext } from './request-context';
import { REGISTRATION_LEVELS, type RegistrationLevel } from '../case/vocabulary';
import { toApiError, workflowExists } from './temporal-calls';

export interface RegistrationDeps {
  pool: Pool;
  client: Client;
  taskQueue: string;
  /** Salt of the petitioner key (a keyed hash of the identity-document number). */
  identitySalt: string;
}

/**
 * A registration whose subject matter the classification in force has resolved, and whose rule set is
 * decided: the province's, or the one pinned over it (`ruleSetOverrides` names the province's).
 */
export type CheckedRegistration = RegisterPetitionBody & {
  ruleSetId: string;
  ruleSetOverrides?: string;
  matter: SubjectMatter;
  classificationVersion: string;
};

/** The keyed hash that links a petitioner's petitions; the identity-document number never leaves PostgreSQL's row. */
export function petitionerKeyOf(salt: string, idNumber: string | undefined): string | null {
  if (!idNumber) return null;
  return createHmac('sha256', salt).update(`petitioner-identity\n${idNumber.toUpperCase()}`).digest('hex');
}

/**
 * How this petition stands to the petitioner's earlier ones on the same matter: first-time (初信初访), a
 * repeat of an open case (重复信访, linked), or a matter already final after re-examination (Art 36 ¶3:
 * registered, not accepted, linked).
 */
async function classify(
  client: PoolClient,
  petitionerKey: string | null,
  domainCategory: string,
): Promise<CaseFlags> {
  if (!petitionerKey) return { firstTime: true };
  const earlier = await findSameMatter(client, petitionerKey, domainCategory);
  const final = earlier.filter((p) => p.closedReason === 'final').pop();
  const open = earlier.filter((p) => p.status !== 'closed').pop();
  return {
    firstTime: earlier.length === 0,
    ...(final ? { finalCaseId: final.id } : open ? { repeatOf: open.id } : {}),
  };
}

/**
 * Registers a petition: the row (with all personal data) first, then the workflow, which answers once D1
 * is recorded. Under an Idempotency-Key the petition id is kept with the key in the row's own transaction,
 * and the workflow is started with a fixed update id on an existing workflow, so a retry — after a timeout,
 * a crash, a lost answer — finishes the same registration instead of making a second one.
 */
export async function registerPetition(
  deps: RegistrationDeps,
  user: User,
  body: CheckedRegistration,
  request: RequestContext,
  how: 'bureau' | 'received-directly' = 'bureau',
): Promise<string> {
  const petitionerKey = petitionerKeyOf(deps.identitySalt, body.petitioner.idNumber);
  const { id, input } = await reserve(deps.pool, user, body, petitionerKey, request, how);
  try {
    await startCaseWorkflow(deps, input);
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return id; // it ran, and closed already
    // Without a key nobody can finish this registration: remove the row if the workflow surely does not
    // exist. Under a key the row stays for the retry (a side effect, once committed, is never undone).
    // Unknown (Temporal unreachable) counts as existing: only a sure "no" removes the row.
    if (!request.idempotencyKey && !(await workflowExists(deps.client, id).catch(() => true))) {
      await deleteUnstartedPetition(deps.pool, id);
    }
    throw toApiError(err, id);
  }
  return id;
}

async function reserve(
  pool: Pool,
  user: User,
  body: CheckedRegistration,
  petitionerKey: string | null,
  request: RequestContext,
  how: 'bureau' | 'received-directly',
): Promise<{ id: string; input: PetitionWorkflowInput }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // On this transaction's connection, before the petition number's lock: a second connection taken from
    // the pool while holding that lock deadlocked a busy process (every connection held by a registration
    // waiting for the lock, the holder waiting for a connection) until the pool's timeout broke it.
    const officeUnitId = await findOfficeOver(client, user.unit.regionId);
    // A unit that received the petition directly registers it for the bureau of its area, whose level is the
    // petition's 信访层级 (a township's is its county's).
    const bureau = how === 'bureau' ? undefined : await bureauOfArea(client, user);
    const bureauUnitId = bureau?.id ?? user.unitId;
    const level = bureau ? bureauLevel(bureau) : bureauLevel(user.unit);
    checkOriginLevel(level, body.originLevel);
    const key = request.idempotencyKey;
    const reserved = key ? await lockRegistrationKey(client, user.login, key) : undefined;
    // A retry keeps what the first attempt decided; later petitions must not change it.
    const flags = reserved
      ? await storedFlags(client, reserved)
      : await classify(client, petitionerKey, body.matter.category);
    let id = reserved ?? undefined;
    if (!id) {
      const { matter, ...registration } = body;
      const petition: NewPetition = {
        ...registration,
        domainCategory: matter.category,
        bureauUnitId,
        registeredBy: user.login,
        petitionerKey,
        firstTime: flags.firstTime,
        repeatOf: flags.repeatOf ?? null,
        finalCaseId: flags.finalCaseId ?? null,
        groupPersons: body.group?.persons ?? null,
        registrationLevel: body.originLevel ?? level,
        // The petitioner's file (一户一档): by the identity hash, or a file of its own until a match is confirmed.
        petitionerId: await petitionerFor(client, petitionerKey, body.petitioner),
      };
      id = await insertPetition(client, petition, Number(toShanghaiDate(new Date()).slice(0, 4)));
      if (key) await rememberRegistration(client, user.login, key, id);
    }
    const input: PetitionWorkflowInput = {
      petitionId: id,
      ruleSetId: body.ruleSetId,
      channel: body.channel,
      category: body.category,
      domain: body.domain,
      receivedOn: body.receivedOn,
      bureauUnitId,
      flags,
      ...(body.group ? { group: body.group } : {}),
      ...(officeUnitId ? { officeUnitId } : {}),
      ...(how === 'received-directly'
        ? { receivedBy: { unitId: user.unitId, unitName: user.unit.name } }
        : {}),
      registeredBy: { login: user.login, unitId: user.unitId, roles: user.roles },
    };
    // Kept with the row (codes and ids only, as sent to Temporal): the reconciler can finish the start.
    await keepStartInput(client, id, input);
    await client.query('COMMIT');
    return { id, input };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * The bureau of the area of a unit that received a petition directly: it sees the case, counts it and
 * supervises its deadlines as for a case it routed. An organisation without one is set up wrong (409).
 */
async function bureauOfArea(client: PoolClient, user: User): Promise<Unit> {
  const bureau = await findBureauOver(client, user.unit.regionId);
  if (!bureau) {
    throw new AppError(
      409,
      'no_petition_bureau',
      `No petition bureau serves the area of ${user.unit.name}: add one to the organisation first`,
    );
  }
  return bureau;
}

/** The flags a registration decided the first time. */
async function storedFlags(client: PoolClient, id: string): Promise<CaseFlags> {
  const { rows } = await client.query<{
    first_time: boolean;
    repeat_of: string | null;
    final_case_id: string | null;
  }>('SELECT first_time, repeat_of, final_case_id FROM petitions WHERE id = $1', [id]);
  const row = rows[0];
  return {
    firstTime: row?.first_time ?? true,
    ...(row?.final_case_id
      ? { finalCaseId: row.final_case_id }
      : row?.repeat_of
        ? { repeatOf: row.repeat_of }
        : {}),
  };
}

/** A petition comes down from above, never up: its origin must be above the registering bureau. */
function checkOriginLevel(level: RegistrationLevel, origin: RegistrationLevel | undefined): void {
  if (origin === undefined) return;
  if (REGISTRATION_LEVELS.indexOf(origin) >= REGISTRATION_LEVELS.indexOf(level)) {
    throw fieldError('originLevel', `must be above the registering bureau's level (${level})`);
  }
}

/** A bureau's level; bureaus stand at the county and above (the organisation file refuses one at a township). */
function bureauLevel(unit: Unit): RegistrationLevel {
  const level = unit.level;
  if (level === 'township') throw forbidden(`${unit.name} is a township unit and registers no petitions`);
  return level;
}
