import type { PetitionEvent } from '../workflows/events';
import type { DeadlineView, PetitionState } from '../workflows/messages';

/** What the read model keeps of a petition's current state (the workflow stays the source of truth). */
export interface PetitionProjection {
  status: PetitionState['status'];
  handlingUnitId?: string;
  outcome?: string;
  overdue: boolean;
  nextDeadlineKey?: string;
  nextDeadlineAt?: string;
  deadlines: DeadlineView[];
  lastSequence: number;
}

export interface RecordEventsInput {
  petitionId: string;
  events: PetitionEvent[];
  projection: PetitionProjection;
}

export interface ComputeDeadlineInput {
  ruleSetId: string;
  key: string;
  startDate: string;
  extensionDays?: number;
  pausedDays?: number;
}
