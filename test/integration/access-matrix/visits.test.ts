import { VISIT_ROWS } from './rows/visits';
import { matrixSuite } from './suite';

/** The access matrix of the visit register (issue 23 item 1): visits, reception sessions, instructions. */
matrixSuite('visits', { visits: VISIT_ROWS });
