// The workflow bundle's entry: every workflow type the worker registers.
export { petitionCaseWorkflow } from './petition.workflow';
// Released histories of the first type name (walking skeleton, then the case engine) replay here.
export { petitionWorkflow } from './released-types';
