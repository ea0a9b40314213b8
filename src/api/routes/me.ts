import { Router } from 'express';
import type { Pool } from 'pg';
import type { Me } from '../../domain/contract/me';
import { findStaffNames, listActiveUnits } from '../../db/organisation';
import { caseStaff } from '../../domain/case-staff';
import { CaseStaffQuerySchema, StaffQuerySchema, UnitsQuerySchema } from '../../domain/contract/me';
import { PetitionIdParamsSchema } from '../../domain/contract/petitions';
import { currentUser } from '../authentication';
import { parseInput } from '../validation';

/** GET /api/me: the signed-in user's name, unit and roles (the workbench's header). */
export function meRoutes(): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const user = currentUser(req);
    const me: Me = {
      login: user.login,
      displayName: user.displayName,
      unit: { id: user.unit.id, name: user.unit.name, kind: user.unit.kind, level: user.unit.level },
      roles: user.roles,
    };
    res.json(me);
  });
  return router;
}

/**
 * GET /api/units: the active units, for the forms that name one; `purpose` narrows them to those the command
 * takes from this caller (route to, transfer out to, checking unit).
 */
export function unitRoutes(pool: Pool): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const user = currentUser(req);
    const { purpose } = parseInput(UnitsQuerySchema, req.query, 'query');
    res.json({ items: await listActiveUnits(pool, user.unit.regionId, purpose) });
  });
  return router;
}

/** GET /api/staff: the names of the people a case's timeline and work log name by their logins. */
export function staffRoutes(pool: Pool): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    currentUser(req);
    const { logins } = parseInput(StaffQuerySchema, req.query, 'query');
    res.json({ items: await findStaffNames(pool, logins) });
  });
  return router;
}

/** GET /api/petitions/{id}/staff: the people a command on the case may name (the case owner's leader, handler). */
export function caseStaffRoutes(pool: Pool): Router {
  const router = Router();
  router.get('/:id/staff', async (req, res) => {
    const { id } = parseInput(PetitionIdParamsSchema, req.params, 'path');
    const { purpose } = parseInput(CaseStaffQuerySchema, req.query, 'query');
    res.json(await caseStaff(pool, currentUser(req), id, purpose));
  });
  return router;
}
