import type { Pool } from 'pg';
import { type LinkRelation, linkCases, unlinkCases } from '../db/case-links';
import type { User } from '../db/organisation';
import type { Role } from '../case/vocabulary';
import { requireRole, visiblePetition } from './access';
import { AppError } from './errors';

/** Who links cases: the staff who work them (the desk, the handlers, their heads). */
const LINK_ROLES: readonly Role[] = ['registrar', 'supervisor', 'handler', 'unit-head'];

/**
 * Staff link related cases (关联) beside the automatic repeat detection, which goes by the petitioner and the
 * subject's category (S2) and stays as it is. Both cases must be visible to the caller; every link and unlink is
 * audited (who, when). A link changes no procedure: it is no case command and never reaches Temporal.
 */
export class CaseLinkService {
  constructor(private readonly pool: Pool) {}

  async link(user: User, id: string, caseId: string, relation: LinkRelation): Promise<void> {
    requireRole(user, LINK_ROLES, 'link cases');
    await this.bothVisible(user, id, caseId);
    if (!(await linkCases(this.pool, id, caseId, relation, user.login))) {
      throw new AppError(409, 'already_linked', `${id} and ${caseId} are linked already`);
    }
  }

  async unlink(user: User, id: string, caseId: string): Promise<void> {
    requireRole(user, LINK_ROLES, 'unlink cases');
    await this.bothVisible(user, id, caseId);
    if (!(await unlinkCases(this.pool, id, caseId, user.login))) {
      throw new AppError(404, 'not_linked', `${id} and ${caseId} are not linked`);
    }
  }

  private async bothVisible(user: User, id: string, caseId: string): Promise<void> {
    if (id === caseId) throw new AppError(422, 'link_to_itself', `${id} cannot be linked to itself`);
    await visiblePetition(this.pool, user, id);
    await visiblePetition(this.pool, user, caseId);
  }
}
