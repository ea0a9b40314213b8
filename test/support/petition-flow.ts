import type { Pool } from 'pg';
import { addDays } from '../../src/rules/dates';
import type { TestApp } from './harness';
import { LONG_AGO_DAYS, shanghaiToday, validRegistration } from './harness';

/**
 * Who acts on a case: the bureau's registrar who registers and routes it, the handling unit and one of its
 * handlers, and a handler of the review body and of the re-examination body above it (where there is one).
 */
export interface Desk {
  registrar: string;
  unitId: string;
  handler: string;
  reviewer?: string;
  reexaminer?: string;
}

/** The demo's county: Qingshan's bureau routes to its housing bureau; the city and province bureaus above. */
export const COUNTY_HOUSING: Desk = {
  registrar: 'registrar',
  unitId: 'qingshan-housing',
  handler: 'handler',
  reviewer: 'city-handler',
  reexaminer: 'province-handler',
};

/**
 * The petitioner's application for a review or re-examination (复查 / 复核申请) as the body above records it:
 * received today by letter, with its text.
 */
export const higherApplication = (overrides: Record<string, unknown> = {}) => ({
  receivedOn: shanghaiToday(),
  channel: 'letter',
  application: '本人对处理意见不服，申请复查（复核）。',
  ...overrides,
});

/** Drives petitions through the HTTP API the way staff would, failing loudly on an unexpected answer. */
export class PetitionFlow {
  constructor(
    private readonly app: TestApp,
    private readonly desk: Desk = COUNTY_HOUSING,
  ) {}

  /** The same steps, taken by the people of another desk (another bureau, unit or chain of bodies). */
  at(desk: Desk): PetitionFlow {
    return new PetitionFlow(this.app, desk);
  }

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
    const body = await this.expectStatus(201, this.desk.registrar, 'POST', '/api/petitions', {
      ...validRegistration(),
      ...overrides,
    });
    return body.id as string;
  }

  async transferred(overrides: Record<string, unknown> = {}, route: Record<string, unknown> = {}) {
    const id = await this.register(overrides);
    await this.post(this.desk.registrar, id, 'route', { unitId: this.desk.unitId, ...route });
    return id;
  }

  async objected(overrides: Record<string, unknown> = {}) {
    const id = await this.transferred(overrides);
    await this.post(this.desk.handler, id, 'objection', { reason: '不属于本单位职责。' });
    return id;
  }

  async accepted(overrides: Record<string, unknown> = {}, procedure = 'normal') {
    const id = await this.transferred(overrides);
    await this.post(this.desk.handler, id, 'accept', { procedure });
    return id;
  }

  /** Accepted, with an extension (`ext-1`) requested by the handler and waiting for its approver. */
  async withExtension(overrides: Record<string, unknown> = {}) {
    const id = await this.accepted(overrides);
    await this.post(this.desk.handler, id, 'extensions', { days: 10, reason: '需第三方检测。' });
    return id;
  }

  async replied(overrides: Record<string, unknown> = {}) {
    const id = await this.accepted(overrides);
    await this.post(this.desk.handler, id, 'reply', { outcome: 'supported', opinion: '已责成物业维修。' });
    return id;
  }

  /** Replied, and the review body has recorded the request (Shandong: it still has to accept it). */
  async reviewRequested(overrides: Record<string, unknown> = {}) {
    const id = await this.replied(overrides);
    await this.post(this.role('reviewer'), id, 'review-request', higherApplication());
    return id;
  }

  async inReview(overrides: Record<string, unknown> = {}) {
    const id = await this.reviewRequested(overrides);
    const detail = await this.get(this.role('reviewer'), id);
    if (detail.status === 'review-requested')
      await this.post(this.role('reviewer'), id, 'review-request/accept');
    return id;
  }

  async reviewed(overrides: Record<string, unknown> = {}) {
    const id = await this.inReview(overrides);
    await this.post(this.role('reviewer'), id, 'review-opinion', { outcome: 'upheld', opinion: '维持。' });
    return id;
  }

  /** Reviewed, and the re-examination body has recorded the request (Shandong: it still has to accept it). */
  async reexaminationRequested(overrides: Record<string, unknown> = {}) {
    const id = await this.reviewed(overrides);
    await this.post(this.role('reexaminer'), id, 'reexamination-request', higherApplication());
    return id;
  }

  async inReexamination(overrides: Record<string, unknown> = {}) {
    const id = await this.reexaminationRequested(overrides);
    const detail = await this.get(this.role('reexaminer'), id);
    if (detail.status === 'reexamination-requested') {
      await this.post(this.role('reexaminer'), id, 'reexamination-request/accept');
    }
    return id;
  }

  /** In re-examination with a hearing (`hearing-1`) open. */
  async withHearing(overrides: Record<string, unknown> = {}) {
    const id = await this.inReexamination(overrides);
    await this.post(this.role('reexaminer'), id, 'hearings', {});
    return id;
  }

  /**
   * A petition received `daysAgo` days ago and not routed: its D1 (15 d) has passed, so the supervision notice
   * (`route-1`, addressed to the bureau) comes at once — and, more than 15 d after, its escalation to the office.
   * Resolves once the item is in the queue (at `level`, when given).
   */
  async withSupervisionItem(options: { daysAgo?: number; level?: 'notice' | 'office' } = {}) {
    const id = await this.register({
      receivedOn: addDays(shanghaiToday(), -(options.daysAgo ?? LONG_AGO_DAYS)),
    });
    const itemId = `${id}.route-1`;
    for (let i = 0; i < 100; i++) {
      const { rows } = await this.app.pool.query('SELECT level FROM supervision_items WHERE id = $1', [
        itemId,
      ]);
      if (rows[0] && (!options.level || rows[0].level === options.level)) return { id, itemId };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out waiting for the supervision item ${itemId}`);
  }

  private role(which: 'reviewer' | 'reexaminer'): string {
    const login = this.desk[which];
    if (!login) throw new Error(`no ${which} above ${this.desk.unitId}`);
    return login;
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
