// The workflow bundle's entry: every workflow type the worker registers.
export { petitionCaseWorkflow } from './petition.workflow';
// Frozen, for replaying the histories it recorded before the case engine was released.
export { petitionWorkflow } from './legacy/petition.workflow';
