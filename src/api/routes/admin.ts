import { Router } from 'express';
import {
  AdminListQuerySchema,
  AdminUnitIdParamsSchema,
  AdminUnitSchema,
  AdminUnitUpdateSchema,
  AdminUserLoginParamsSchema,
  AdminUserSchema,
  AdminUserUpdateSchema,
  AuditQuerySchema,
} from '../../domain/contract/admin';
import type { OrganisationAdminService } from '../../domain/organisation-admin';
import { currentUser } from '../authentication';
import { requestContext } from '../idempotency';
import { parseInput } from '../validation';

/** Units and users of the admin's region: list, read, create, update (written whole), deactivate. */
export function adminRoutes(admin: OrganisationAdminService): Router {
  const router = Router();
  router.get('/units', async (req, res) => {
    res.json(await admin.listUnits(currentUser(req), parseInput(AdminListQuerySchema, req.query, 'query')));
  });
  router.post('/units', async (req, res) => {
    const unit = parseInput(AdminUnitSchema, req.body, 'body');
    res.status(201).json(await admin.createUnit(currentUser(req), unit, requestContext(req)));
  });
  router.get('/units/:id', async (req, res) => {
    const { id } = parseInput(AdminUnitIdParamsSchema, req.params, 'path');
    res.json(await admin.unit(currentUser(req), id));
  });
  router.put('/units/:id', async (req, res) => {
    const { id } = parseInput(AdminUnitIdParamsSchema, req.params, 'path');
    const unit = { ...parseInput(AdminUnitUpdateSchema, req.body, 'body'), id };
    res.json(await admin.updateUnit(currentUser(req), unit, requestContext(req)));
  });
  router.post('/units/:id/deactivate', async (req, res) => {
    const { id } = parseInput(AdminUnitIdParamsSchema, req.params, 'path');
    res.json(await admin.deactivateUnit(currentUser(req), id, requestContext(req)));
  });
  router.get('/users', async (req, res) => {
    res.json(await admin.listUsers(currentUser(req), parseInput(AdminListQuerySchema, req.query, 'query')));
  });
  router.post('/users', async (req, res) => {
    const user = parseInput(AdminUserSchema, req.body, 'body');
    res.status(201).json(await admin.createUser(currentUser(req), user, requestContext(req)));
  });
  router.get('/users/:login', async (req, res) => {
    const { login } = parseInput(AdminUserLoginParamsSchema, req.params, 'path');
    res.json(await admin.user(currentUser(req), login));
  });
  router.put('/users/:login', async (req, res) => {
    const { login } = parseInput(AdminUserLoginParamsSchema, req.params, 'path');
    const user = { ...parseInput(AdminUserUpdateSchema, req.body, 'body'), login };
    res.json(await admin.updateUser(currentUser(req), user, requestContext(req)));
  });
  router.post('/users/:login/deactivate', async (req, res) => {
    const { login } = parseInput(AdminUserLoginParamsSchema, req.params, 'path');
    res.json(await admin.deactivateUser(currentUser(req), login, requestContext(req)));
  });
  router.get('/audit', async (req, res) => {
    res.json(await admin.audit(currentUser(req), parseInput(AuditQuerySchema, req.query, 'query')));
  });
  return router;
}
