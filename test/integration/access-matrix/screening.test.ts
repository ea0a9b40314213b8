import { SCREENING_ROWS } from './rows/screening';
import { matrixSuite } from './suite';

/** The access matrix of the dispute screening register (issue 23 item 3). */
matrixSuite('screening', { screening: SCREENING_ROWS });
