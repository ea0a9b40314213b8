import { Router } from 'express';
import type { PetitionService } from '../../domain/petition-service';
import { commandsOn, TRANSITIONS } from '../../case';
import { currentUser } from '../authentication';
import { COMMAND_BODIES, pathIdsOf } from '../command-schemas';
import { requestContext } from '../idempotency';
import { ListPetitionsQuerySchema, PetitionIdParamsSchema, RegisterPetitionSchema } from '../schemas';
import { parseInput } from '../validation';

/** Thin HTTP adapters: parse, call the domain, answer. Transition routes come from the transition table. */
export function petitionRoutes(petitions: PetitionService): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const body = parseInput(RegisterPetitionSchema, req.body, 'body');
    const petition = await petitions.register(currentUser(req), body, requestContext(req));
    res.status(201).location(`/api/petitions/${petition.id}`).json(petition);
  });

  router.get('/', async (req, res) => {
    const query = parseInput(ListPetitionsQuerySchema, req.query, 'query');
    res.json(await petitions.list(currentUser(req), query));
  });

  router.get('/:id', async (req, res) => {
    const { id } = parseInput(PetitionIdParamsSchema, req.params, 'path');
    res.json(await petitions.get(currentUser(req), id));
  });

  for (const type of commandsOn('petition')) {
    const { path } = TRANSITIONS[type];
    const pathIds = pathIdsOf(path);
    router.post(`/:id/${path}`, async (req, res) => {
      const { id, ...rest } = req.params as Record<string, string>;
      parseInput(PetitionIdParamsSchema, { id }, 'path');
      const params = parseInput(pathIds, rest, 'path') as { extensionId?: string; hearingId?: string };
      const body = parseInput(COMMAND_BODIES[type], req.body, 'body') as Record<string, unknown>;
      res.json(
        await petitions.transition(currentUser(req), id!, type, { body, params }, requestContext(req)),
      );
    });
  }

  return router;
}
