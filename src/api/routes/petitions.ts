import { Router } from 'express';
import type { PetitionService } from '../../domain/petition-service';
import { currentUser } from '../authentication';
import {
  AcknowledgePetitionSchema,
  ListPetitionsQuerySchema,
  PetitionIdParamsSchema,
  RegisterPetitionSchema,
  ReplyPetitionSchema,
  RoutePetitionSchema,
} from '../schemas';
import { parseInput } from '../validation';

/** Thin HTTP adapters: parse, call the domain, answer. */
export function petitionRoutes(petitions: PetitionService): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const body = parseInput(RegisterPetitionSchema, req.body, 'body');
    const petition = await petitions.register(currentUser(req), body);
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

  router.post('/:id/route', async (req, res) => {
    const { id } = parseInput(PetitionIdParamsSchema, req.params, 'path');
    const { unitId } = parseInput(RoutePetitionSchema, req.body, 'body');
    res.json(await petitions.route(currentUser(req), id, unitId));
  });

  router.post('/:id/acknowledge', async (req, res) => {
    const { id } = parseInput(PetitionIdParamsSchema, req.params, 'path');
    parseInput(AcknowledgePetitionSchema, req.body, 'body');
    res.json(await petitions.acknowledge(currentUser(req), id));
  });

  router.post('/:id/reply', async (req, res) => {
    const { id } = parseInput(PetitionIdParamsSchema, req.params, 'path');
    const body = parseInput(ReplyPetitionSchema, req.body, 'body');
    res.json(await petitions.reply(currentUser(req), id, body));
  });

  return router;
}
