import type { Pool } from 'pg';
import type { TestApp } from './harness';
import { validRegistration } from './harness';

/** Drives petitions through the HTTP API the way staff would, failing loudly on an unexpected answer. */
export class PetitionFlow {
  constructor(private readonly app: TestApp) {}

  async expectStatus(status: number, login: string, method: string, path: string, body?: unknown) {
    const response = await this.app.request(login, method, path, body);
    if (response.status !== status) {
      throw new Error(
        `${method} ${path} as ${login}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`,
      );
    }
    return response.body;
  }

  post(login: string, id: string, path: string, body: unknown = {}, status = 200) {
    return this.expectStatus(status, login, 'POST', `/api/petitions/${id}/${path}`, body);
  }

  get(login: string, id: string) {
    return this.expectStatus(200, login, 'GET', `/api/petitions/${id}`);
  }

  async register(overrides: Record<string, unknown> = {}): Promise<string> {
    const body = await this.expectStatus(201, 'registrar', 'POST', '/api/petitions', {
      ...validRegistration(),
      ...overrides,
    });
    return body.id as string;
  }

  async transferred(overrides: Record<string, unknown> = {}, route: Record<string, unknown> = {}) {
    const id = await this.register(overrides);
    await this.post('registrar', id, 'route', { unitId: 'qingshan-housing', ...route });
    return id;
  }

  async accepted(overrides: Record<string, unknown> = {}, procedure = 'normal') {
    const id = await this.transferred(overrides);
    await this.post('handler', id, 'acknowledge', { procedure });
    return id;
  }
}

/** The types of a petition's timeline, without the deadline bookkeeping. */
export function caseEvents(detail: { timeline: Array<{ type: string }> }): string[] {
  return detail.timeline.map((e) => e.type).filter((t) => !t.startsWith('deadline-'));
}

export function deadlineOf(
  detail: { deadlines: Array<{ key: string; status: string }> },
  key: string,
  status?: string,
) {
  return detail.deadlines
    .filter((d) => d.key === key && (status === undefined || d.status === status))
    .pop() as any;
}

/** What a petition has written to PostgreSQL: a refused or repeated request must not change it. */
export async function footprint(
  pool: Pool,
  petitionId: string,
): Promise<{ events: number; documents: number }> {
  const { rows } = await pool.query(
    `SELECT (SELECT count(*)::int FROM petition_events WHERE petition_id = $1) AS events,
            (SELECT count(*)::int FROM petition_documents WHERE petition_id = $1) AS documents`,
    [petitionId],
  );
  return rows[0] as { events: number; documents: number };
}
