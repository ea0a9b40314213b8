import { Router } from 'express';
import type { PetitionerFiles } from '../../domain/petitioner-file';
import {
  ConfirmPetitionerMatchSchema,
  PetitionerIdParamsSchema,
  PetitionerLookupSchema,
} from '../../domain/contract/petitioners';
import { AppError } from '../../domain/errors';
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
  // `lookup` is no petitioner's id: the `/:petitionerId` route below must not take (or advertise) its other methods.
  router.all('/lookup', (req, res, next) => {
    res.set('Allow', 'POST');
    if (req.method === 'OPTIONS') return void res.send('POST');
    next(
      new AppError(
        405,
        'method_not_allowed',
        `${req.method} is not allowed on ${req.originalUrl}; allowed: POST`,
      ),
    );
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
