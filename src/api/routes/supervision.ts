import { Router } from 'express';
import type { SupervisionService } from '../../domain/supervision-service';
import { COMMAND_BODIES } from '../../domain/contract/commands';
import { SupervisionItemIdParamsSchema, SupervisionQuerySchema } from '../../domain/contract/supervision';
import { currentUser } from '../authentication';
import { requestContext } from '../idempotency';
import { addCommandRoutes } from '../command-routes';
import { parseInput } from '../validation';

/** The supervision queue and the acts on its items; the acts come from the transition table. */
export function supervisionRoutes(supervision: SupervisionService): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const query = parseInput(SupervisionQuerySchema, req.query, 'query');
    res.json(await supervision.list(currentUser(req), query));
  });

  addCommandRoutes(router, 'supervision-item', '/:itemId', (type) => async (req, res) => {
    const { itemId } = parseInput(SupervisionItemIdParamsSchema, req.params, 'path');
    const body = parseInput(COMMAND_BODIES[type], req.body, 'body');
    res.json(await supervision.act(currentUser(req), itemId, type, body, requestContext(req)));
  });

  return router;
}
