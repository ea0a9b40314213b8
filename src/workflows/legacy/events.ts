/** FROZEN with the pre-release workflow (see messages.ts). Do not change. */
/** An entry of a petition's audit trail, as the workflow emits it and the read model stores it. */
export interface PetitionEvent {
  sequence: number;
  type: PetitionEventType;
  /** ISO 8601 instant on the workflow clock. */
  at: string;
  actor?: string;
  data: Record<string, unknown>;
}

export type PetitionEventType =
  | 'registered'
  | 'transferred'
  | 'accepted'
  | 'replied'
  | 'deadline-started'
  | 'deadline-recomputed'
  | 'deadline-met'
  | 'deadline-warning'
  | 'supervision-notice'
  | 'window-lapsed'
  | 'closed';
