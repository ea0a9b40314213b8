import { Router } from 'express';
import { PetitionIdParamsSchema } from '../../domain/contract/petitions';
import {
  RecordInstructionSchema,
  RecordSessionSchema,
  RecordVisitSchema,
} from '../../domain/contract/visits';
import type { VisitService } from '../../domain/visits/visit-service';
import { currentUser } from '../authentication';
import { requestContext } from '../idempotency';
import { parseInput } from '../validation';

/** The visit register (来访登记) and reception sessions: thin adapters over the visit service. */
export function visitRoutes(visits: VisitService): Router {
  const router = Router();

  router.post('/visits', async (req, res) => {
    const body = parseInput(RecordVisitSchema, req.body, 'body');
    res.status(201).json(await visits.recordVisit(currentUser(req), body, requestContext(req)));
  });

  router.post('/reception-sessions', async (req, res) => {
    const body = parseInput(RecordSessionSchema, req.body, 'body');
    res.status(201).json(await visits.recordSession(currentUser(req), body, requestContext(req)));
  });

  router.get('/reception-sessions/:sessionId', async (req, res) => {
    res.json(await visits.session(currentUser(req), String(req.params.sessionId)));
  });

  return router;
}

/** A leader's 阅批 / 批示 on a case: under /api/petitions/{id}, beside the case file. */
export function instructionRoutes(visits: VisitService): Router {
  const router = Router();
  router.post('/:id/instructions', async (req, res) => {
    const { id } = parseInput(PetitionIdParamsSchema, req.params, 'path');
    const body = parseInput(RecordInstructionSchema, req.body, 'body');
    res.status(201).json(await visits.recordInstruction(currentUser(req), id, body, requestContext(req)));
  });
  return router;
}
