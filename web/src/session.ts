import { reactive } from 'vue';
import { api } from './api';

export type Role = 'registrar' | 'handler' | 'unit-head' | 'supervisor' | 'jco' | 'admin';

export interface Me {
  login: string;
  displayName: string;
  unit: { id: string; name: string; kind: string; level: string };
  roles: Role[];
}

export interface QueueCounts {
  unit: number;
  'case-owner': number;
  supervision: number | null;
  overdue: number;
}

/** The signed-in user and the figures of the navigation (queue counts, unread notices). */
export const session = reactive({
  me: undefined as Me | undefined,
  counts: undefined as QueueCounts | undefined,
  unread: 0,
});

export const hasRole = (...roles: Role[]): boolean => !!session.me?.roles.some((r) => roles.includes(r));

/** May register petitions (登记): the desk roles. */
export const mayRegister = (): boolean => hasRole('registrar', 'supervisor');
/** Sees the 督办 queue: the bureau's supervisors and the joint-conference office (联席办). */
export const seesSupervision = (): boolean => hasRole('supervisor', 'jco');

export async function loadMe(): Promise<void> {
  session.me = await api<Me>('GET', '/api/me');
}

/** The counts of the navigation, after every change (a command, a notice read). */
export async function refreshCounts(): Promise<void> {
  const [queue, inbox] = await Promise.all([
    api<{ counts: QueueCounts }>('GET', '/api/queue?pageSize=1'),
    api<{ unread: number }>('GET', '/api/notifications?unread=true&pageSize=1'),
  ]);
  session.counts = queue.counts;
  session.unread = inbox.unread;
}
