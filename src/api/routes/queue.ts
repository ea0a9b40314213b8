import { Router } from 'express';
import type { Pool } from 'pg';
import { QueueQuerySchema } from '../../domain/contract/queue';
import { staffQueue } from '../../domain/queue';
import { currentUser } from '../authentication';
import { parseInput } from '../validation';

/** GET /api/queue: the staff queue (待办), src/domain/queue.ts. */
export function queueRoutes(pool: Pool): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const query = parseInput(QueueQuerySchema, req.query, 'query');
    res.json(await staffQueue(pool, currentUser(req), query));
  });
  return router;
}
