import { Router } from 'express';
import {
  DisputeIdParamsSchema,
  RecordDisputeSchema,
  RecordOutcomeSchema,
  RecordRoundSchema,
  RoundIdParamsSchema,
  ScreeningRoundsQuerySchema,
} from '../../domain/contract/screening';
import type { ScreeningService } from '../../domain/screening/screening-service';
import { currentUser } from '../authentication';
import { requestContext } from '../idempotency';
import { parseInput } from '../validation';

/** The dispute screening register (矛盾纠纷排查): thin adapters over ScreeningService. */
export function screeningRoutes(screening: ScreeningService): Router {
  const router = Router();

  router.get('/rounds', async (req, res) => {
    const query = parseInput(ScreeningRoundsQuerySchema, req.query, 'query');
    res.json(await screening.rounds(currentUser(req), query));
  });

  router.post('/rounds', async (req, res) => {
    const body = parseInput(RecordRoundSchema, req.body, 'body');
    const round = await screening.recordRound(currentUser(req), body, requestContext(req));
    res.status(201).location(`/api/screening/rounds/${round.id}`).json(round);
  });

  router.get('/rounds/:roundId', async (req, res) => {
    const { roundId } = parseInput(RoundIdParamsSchema, req.params, 'path');
    res.json(await screening.round(currentUser(req), roundId));
  });

  router.post('/rounds/:roundId/disputes', async (req, res) => {
    const { roundId } = parseInput(RoundIdParamsSchema, req.params, 'path');
    const body = parseInput(RecordDisputeSchema, req.body, 'body');
    res.status(201).json(await screening.recordDispute(currentUser(req), roundId, body, requestContext(req)));
  });

  router.post('/disputes/:disputeId/outcomes', async (req, res) => {
    const { disputeId } = parseInput(DisputeIdParamsSchema, req.params, 'path');
    const body = parseInput(RecordOutcomeSchema, req.body, 'body');
    res
      .status(201)
      .json(await screening.recordOutcome(currentUser(req), disputeId, body, requestContext(req)));
  });

  return router;
}
