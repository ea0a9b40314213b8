import { Router } from 'express';
import type { BacklogService } from '../../domain/backlog/backlog-service';
import {
  AddProgressSchema,
  CampaignIdParamsSchema,
  CampaignsQuerySchema,
  CreateCampaignSchema,
  CreateEntrySchema,
  EntriesQuerySchema,
  EntryIdParamsSchema,
  RecordOutcomeSchema,
  RetargetSchema,
} from '../../domain/contract/backlog';
import { currentUser } from '../authentication';
import { requestContext } from '../idempotency';
import { parseInput } from '../validation';

/** The backlog register (积案台账) and its campaigns (专项攻坚): thin adapters over the backlog service. */
export function backlogRoutes(backlog: BacklogService): Router {
  const router = Router();

  router.post('/campaigns', async (req, res) => {
    const body = parseInput(CreateCampaignSchema, req.body, 'body');
    const campaign = await backlog.createCampaign(currentUser(req), body, requestContext(req));
    res.status(201).location(`/api/backlog/campaigns/${campaign.id}`).json(campaign);
  });

  router.get('/campaigns', async (req, res) => {
    const query = parseInput(CampaignsQuerySchema, req.query, 'query');
    res.json(await backlog.campaigns(currentUser(req), query));
  });

  router.get('/campaigns/:campaignId', async (req, res) => {
    const { campaignId } = parseInput(CampaignIdParamsSchema, req.params, 'path');
    res.json(await backlog.campaign(currentUser(req), campaignId));
  });

  router.post('/entries', async (req, res) => {
    const body = parseInput(CreateEntrySchema, req.body, 'body');
    const entry = await backlog.createEntry(currentUser(req), body, requestContext(req));
    res.status(201).location(`/api/backlog/entries/${entry.id}`).json(entry);
  });

  router.get('/entries', async (req, res) => {
    const query = parseInput(EntriesQuerySchema, req.query, 'query');
    res.json(await backlog.entries(currentUser(req), query));
  });

  router.get('/entries/:entryId', async (req, res) => {
    const { entryId } = parseInput(EntryIdParamsSchema, req.params, 'path');
    res.json(await backlog.entry(currentUser(req), entryId));
  });

  router.post('/entries/:entryId/progress', async (req, res) => {
    const { entryId } = parseInput(EntryIdParamsSchema, req.params, 'path');
    const body = parseInput(AddProgressSchema, req.body, 'body');
    res.status(201).json(await backlog.addProgress(currentUser(req), entryId, body, requestContext(req)));
  });

  router.post('/entries/:entryId/target-date', async (req, res) => {
    const { entryId } = parseInput(EntryIdParamsSchema, req.params, 'path');
    const body = parseInput(RetargetSchema, req.body, 'body');
    res.json(await backlog.retarget(currentUser(req), entryId, body, requestContext(req)));
  });

  router.post('/entries/:entryId/outcome', async (req, res) => {
    const { entryId } = parseInput(EntryIdParamsSchema, req.params, 'path');
    const body = parseInput(RecordOutcomeSchema, req.body, 'body');
    res.json(await backlog.recordOutcome(currentUser(req), entryId, body, requestContext(req)));
  });

  return router;
}
