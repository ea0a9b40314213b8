export type { CaseWrite } from './part';
export { eventRow, type EventRow } from './events';
export { writeCase } from './statement';
