import { BACKLOG_ROWS } from './rows/backlog';
import { matrixSuite } from './suite';

/** The access matrix of the backlog register and campaigns (issue 23). */
matrixSuite('backlog', { backlog: BACKLOG_ROWS });
