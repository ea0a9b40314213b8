import { Router } from 'express';
import type { PetitionerFiles } from '../../domain/petitioner-file';
import {
  ConfirmPetitionerMatchSchema,
  PetitionerIdParamsSchema,
  PetitionerLookupSchema,
} from '../../domain/contract/petitioners';
import { currentUser } from '../authentication';
import { parseInput } from '../validation';

/** The petitioner's file (一户一档) and the desk's lookup; thin adapters over PetitionerFiles. */
export function petitionerRoutes(files: PetitionerFiles): Router {
  const router = Router();

  // POST, so that an identity number is never part of a URL (access logs, proxies, browser history).
  router.post('/lookup', async (req, res) => {
    const body = parseInput(PetitionerLookupSchema, req.body, 'body');
    res.json(await files.lookup(currentUser(req), body));
  });

  router.get('/:petitionerId', async (req, res) => {
    const { petitionerId } = parseInput(PetitionerIdParamsSchema, req.params, 'path');
    res.json(await files.file(currentUser(req), petitionerId));
  });

  router.post('/:petitionerId/matches', async (req, res) => {
    const { petitionerId } = parseInput(PetitionerIdParamsSchema, req.params, 'path');
    const { caseId } = parseInput(ConfirmPetitionerMatchSchema, req.body, 'body');
    res.json(await files.confirm(currentUser(req), petitionerId, caseId));
  });

  return router;
}
