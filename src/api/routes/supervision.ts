import { Router } from 'express';
import type { SupervisionService } from '../../domain/supervision-service';
import { commandsOn, TRANSITIONS } from '../../case';
import { currentUser } from '../authentication';
import { COMMAND_BODIES } from '../command-schemas';
import { requestContext } from '../idempotency';
import { SupervisionItemIdParamsSchema, SupervisionQuerySchema } from '../ladder-schemas';
import { parseInput } from '../validation';

/** The supervision queue and the acts on its items; the acts come from the transition table. */
export function supervisionRoutes(supervision: SupervisionService): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const query = parseInput(SupervisionQuerySchema, req.query, 'query');
    res.json(await supervision.list(currentUser(req), query));
  });

  for (const type of commandsOn('supervision-item')) {
    router.post(`/:itemId/${TRANSITIONS[type].path}`, async (req, res) => {
      const { itemId } = parseInput(SupervisionItemIdParamsSchema, req.params, 'path');
      const body = parseInput(COMMAND_BODIES[type], req.body, 'body') as Record<string, unknown>;
      res.json(await supervision.act(currentUser(req), itemId, type, body, requestContext(req)));
    });
  }

  return router;
}
