import { PETITION_ROWS } from './rows/petitions';
import { PROCEDURE_ROWS } from './rows/procedures';
import { matrixSuite } from './suite';

/** The access matrix of the first instance: see matrix.ts for the rules, rows/ for the tables. */
matrixSuite('petitions', { petitions: PETITION_ROWS, procedures: PROCEDURE_ROWS });
