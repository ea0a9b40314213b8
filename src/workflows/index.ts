// The workflow bundle's entry: every workflow type the worker registers.
export { petitionCaseWorkflow } from './petition.workflow';
export { backlogEntryWorkflow } from './backlog-entry.workflow';
