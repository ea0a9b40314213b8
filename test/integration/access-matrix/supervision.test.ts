import { NOTIFICATION_ROWS } from './rows/notifications';
import { ME_ROWS } from './rows/me';
import { QUEUE_ROWS } from './rows/queue';
import { SUPERVISION_ROWS } from './rows/supervision';
import { matrixSuite } from './suite';

/** The access matrix of the supervision queue and the inbox: see matrix.ts for the rules. */
matrixSuite('supervision', {
  supervision: SUPERVISION_ROWS,
  notifications: NOTIFICATION_ROWS,
  queue: QUEUE_ROWS,
  me: ME_ROWS,
});
