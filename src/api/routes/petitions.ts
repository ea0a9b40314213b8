import { Router } from 'express';
import type { PetitionService } from '../../domain/petition-service';
import { COMMAND_BODIES } from '../../domain/contract/commands';
import {
  ListPetitionsQuerySchema,
  PetitionIdParamsSchema,
  RegisterPetitionSchema,
} from '../../domain/contract/petitions';
import { currentUser } from '../authentication';
import { requestContext } from '../idempotency';
import { addCommandRoutes, pathIdsOf } from '../command-routes';
import { parseInput } from '../validation';
import type { CaseLinkService } from '../../domain/case-link-service';
import { CaseLinkParamsSchema, LinkCasesSchema } from '../../domain/contract/petitioners';

/** Thin HTTP adapters: parse, call the domain, answer. Transition routes come from the transition table. */
export function petitionRoutes(petitions: PetitionService, links: CaseLinkService): Router {
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

  // Links between cases (关联): audited, no case command (nothing changes in the procedure).
  router.post('/:id/links', async (req, res) => {
    const { id } = parseInput(PetitionIdParamsSchema, req.params, 'path');
    const { caseId, relation } = parseInput(LinkCasesSchema, req.body, 'body');
    const user = currentUser(req);
    await links.link(user, id, caseId, relation);
    res.json(await petitions.get(user, id));
  });

  router.delete('/:id/links/:caseId', async (req, res) => {
    const { id, caseId } = parseInput(CaseLinkParamsSchema, req.params, 'path');
    const user = currentUser(req);
    await links.unlink(user, id, caseId);
    res.json(await petitions.get(user, id));
  });

  addCommandRoutes(router, 'petition', '/:id', (type, path) => {
    const pathIds = pathIdsOf(path);
    return async (req, res) => {
      const { id: petitionId, ...ids } = req.params;
      const { id } = parseInput(PetitionIdParamsSchema, { id: petitionId }, 'path');
      const params = parseInput(pathIds, ids, 'path');
      const body = parseInput(COMMAND_BODIES[type], req.body, 'body');
      res.json(await petitions.transition(currentUser(req), id, type, { body, params }, requestContext(req)));
    };
  });

  return router;
}
