import { REVIEW_CHAIN_ROWS } from './rows/review-chain';
import { matrixSuite } from './suite';

/** The access matrix of review (复查) and re-examination (复核): see matrix.ts for the rules. */
matrixSuite('review-chain', { 'review chain': REVIEW_CHAIN_ROWS });
