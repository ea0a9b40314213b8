export { PetitionRowMissingError } from './head';
export { recordCaseEvents } from './record';
export { backfillReportFacts, reprojectCase } from './reprojection';
export { foldStoredEvents } from './stored-events';
