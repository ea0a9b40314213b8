import { Router } from 'express';
import type { Classification } from '../../domain/classification';

/** The subject matters registrations choose from: what a registration form offers. */
export function classificationRoutes(classification: Classification): Router {
  const router = Router();
  const body = classification.toJSON();
  router.get('/', (_req, res) => {
    res.json(body);
  });
  return router;
}
