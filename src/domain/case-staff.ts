import type { Pool } from 'pg';
import { listCaseReaders, listUnitStaff, type StaffChoice, type User } from '../db/organisation';
import { OVERSIGHT_ROLES, partiesOf, visiblePetition } from './access';
import type { CaseStaffPurpose } from './contract/me';

/**
 * The staff a command on a case names a person from (the forms' lists), each list holding exactly the people
 * the command takes (case-commands.ts `setCaseOwner`): the case-owning leader (包案领导) is anyone who may open
 * the case, so that the case's notices reach them; the handler is a user of the handling unit (before routing,
 * of the registering bureau).
 */
export async function caseStaff(
  pool: Pool,
  user: User,
  petitionId: string,
  purpose: CaseStaffPurpose,
): Promise<{ items: StaffChoice[] }> {
  const row = await visiblePetition(pool, user, petitionId);
  const items =
    purpose === 'case-owner-handler'
      ? await listUnitStaff(pool, row.handlingUnitId ?? row.bureauUnitId)
      : await listCaseReaders(pool, {
          parties: partiesOf(row),
          bureauUnitId: row.bureauUnitId,
          oversightRoles: OVERSIGHT_ROLES,
        });
  return { items };
}
