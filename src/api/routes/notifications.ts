import { Router } from 'express';
import type { NotificationService } from '../../domain/notification-service';
import { currentUser } from '../authentication';
import {
  DeliveriesQuerySchema,
  NotificationIdParamsSchema,
  NotificationsQuerySchema,
} from '../../domain/contract/notifications';
import { parseInput } from '../validation';

/** Each user's inbox; and, for admins, how the notices went out by mail and SMS. */
export function notificationRoutes(notifications: NotificationService): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const query = parseInput(NotificationsQuerySchema, req.query, 'query');
    res.json(await notifications.list(currentUser(req), query));
  });
  router.get('/deliveries', async (req, res) => {
    const query = parseInput(DeliveriesQuerySchema, req.query, 'query');
    res.json(await notifications.deliveries(currentUser(req), query));
  });
  router.post('/:id/read', async (req, res) => {
    const { id } = parseInput(NotificationIdParamsSchema, req.params, 'path');
    res.json(await notifications.read(currentUser(req), id));
  });
  return router;
}
