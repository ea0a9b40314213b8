import { validRegistration } from '../support/harness';
import type { RetryingClients } from './retrying-client';

/** A step of a lifecycle: who sends it, where, and the event the case records for it. */
interface Step {
  login: string;
  path: string;
  body: unknown;
  event: string;
}

/** After the registration: route, acknowledge, ask for an extension, approve it, reply. */
export const TRANSITION_STEPS: Step[] = [
  { login: 'registrar', path: 'route', body: { unitId: 'qingshan-housing' }, event: 'routed' },
  { login: 'handler', path: 'accept', body: {}, event: 'accepted' },
  {
    login: 'handler',
    path: 'extensions',
    body: { days: 10, reason: '需要鉴定' },
    event: 'extension-requested',
  },
  { login: 'unit-head', path: 'extensions/ext-1/approve', body: {}, event: 'extension-approved' },
  { login: 'handler', path: 'reply', body: { outcome: 'supported', opinion: '已处理' }, event: 'replied' },
];

/** The event each request path records, for the checks (`registered` for the registration). */
export function eventOfPath(path: string): string {
  if (path === '/api/petitions') return 'registered';
  const step = TRANSITION_STEPS.find((s) => path.endsWith(`/${s.path}`));
  if (!step) throw new Error(`no lifecycle step for ${path}`);
  return step.event;
}

/** The Idempotency-Key of a lifecycle's step: the same for every attempt. */
export const keyOf = (run: string, index: number, step: string) =>
  `${run}-${index}-${step.replaceAll('/', '.')}`;

/**
 * One petition from registration to reply through the API, each request retried under its key until it
 * gets a final answer; stops at the first refusal. Resolves with the petition's id, if it was registered.
 */
export async function lifecycle(
  clients: RetryingClients,
  run: string,
  index: number,
  home: number,
): Promise<string | undefined> {
  const registration = await clients.send(
    home,
    'registrar',
    '/api/petitions',
    { ...validRegistration(), subject: keyOf(run, index, 'case') },
    keyOf(run, index, 'register'),
  );
  const id = registration.answer?.petitionId;
  if (!id) return undefined;
  for (const step of TRANSITION_STEPS) {
    const sent = await clients.send(
      home,
      step.login,
      `/api/petitions/${id}/${step.path}`,
      step.body,
      keyOf(run, index, step.path),
    );
    if (!sent.answer) break;
  }
  return id;
}
