import { ADMIN_ROWS } from './rows/admin';
import { matrixSuite } from './suite';

/** The access matrix of the admin API of units and users. */
matrixSuite('admin', { admin: ADMIN_ROWS });
