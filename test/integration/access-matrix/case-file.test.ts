import { CASE_FILE_ROWS } from './rows/case-file';
import { matrixSuite } from './suite';

/** The access matrix of the case file (issue 22): the work log and the attachments. */
matrixSuite('case-file', { caseFile: CASE_FILE_ROWS });
