// The case as the detail answers it (GET /api/petitions/{id}): what the case page and its sections read.
import type { AllowedAction } from './components/ActionPanel.vue';

export interface Deadline {
  key: string;
  status: string;
  startDate: string;
  dueDate: string;
  dueAt: string;
  extensionDays: number;
  explanation: string[];
  overdueAt: string | null;
  metAt: string | null;
}

export type Entry = Record<string, unknown>;

export interface CaseDetail {
  id: string;
  status: string;
  subject: string;
  description: string;
  channel: string;
  category: string;
  domain: string;
  receivedOn: string;
  ruleSetId: string;
  bureauUnitId: string;
  handlingUnitName: string | null;
  procedure: string | null;
  acceptedOn: string | null;
  acceptanceNotice: string | null;
  notAccepted: Entry | null;
  reply: Entry | null;
  review: Entry | null;
  reexamination: Entry | null;
  priority: { level: string } | null;
  petitioner: { name: string; phone?: string; idNumber?: string; address?: string };
  queryCode: string | null;
  deadlines: Deadline[];
  extensions: Entry[];
  supervision: Array<Entry & { id: string; level: string; status: string }>;
  returnVisits: Entry[];
  evaluations: Entry[];
  timeline: Array<{ sequence: number; type: string; at: string; actor: string | null; data?: Entry }>;
  allowedActions: AllowedAction[];
}
