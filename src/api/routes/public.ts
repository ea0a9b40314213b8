import { Router } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import type { PublicService } from '../../domain/public-service';
import { PublicEvaluationSchema, PublicLookupSchema } from '../../domain/contract/public';
import { parseInput } from '../validation';

/**
 * The petitioner's endpoint: no account, the case number and its query code in the body (never in the URL,
 * where logs and proxies keep it). Rate-limited per client address against guessing, the counts in `store`
 * (shared by the API processes); the client address is `req.ip` (TRUST_PROXY decides whose word it is).
 */
export function publicRoutes(service: PublicService, limit: { perMinute: number; store: Store }): Router {
  const router = Router();
  router.use(
    rateLimit({
      windowMs: 60_000,
      limit: limit.perMinute,
      store: limit.store,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      // Its console message names express's setting; the app warns in its own log, naming TRUST_PROXY.
      validate: { xForwardedForHeader: false },
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
