import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { PublicService } from '../../domain/public-service';
import { PublicEvaluationSchema, PublicLookupSchema } from '../../domain/contract/public';
import { parseInput } from '../validation';

/**
 * The petitioner's endpoint: no account, the case number and its query code in the body (never in the URL,
 * where logs and proxies keep it). Rate-limited per client address against guessing.
 */
export function publicRoutes(service: PublicService, perMinute: number): Router {
  const router = Router();
  router.use(
    rateLimit({
      windowMs: 60_000,
      limit: perMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, res) => {
        res
          .status(429)
          .json({ error: { code: 'rate_limited', message: 'Too many requests; try again in a minute' } });
      },
    }),
  );
  router.post('/lookup', async (req, res) => {
    const { petitionId, queryCode } = parseInput(PublicLookupSchema, req.body, 'body');
    res.json(await service.lookup(petitionId, queryCode));
  });
  router.post('/evaluations', async (req, res) => {
    const body = parseInput(PublicEvaluationSchema, req.body, 'body');
    res.json(await service.evaluate(body.petitionId, body.queryCode, body.subject, body.grade));
  });
  return router;
}
