import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { User } from '../../db/organisation';
import type { PetitionRow } from '../../db/petitions';
import {
  findSession,
  insertInstruction,
  insertSession,
  insertVisit,
  listVisitsOfSession,
} from '../../db/visits';
import { toShanghaiDate } from '../../rules';
import { requireRegistrar, visiblePetition } from '../access';
import type { RecordInstructionBody, RecordSessionBody, RecordVisitBody } from '../contract/visits';
import { fieldError, forbidden, notFound } from '../errors';
import { resolveScope } from '../reports/scope';
import type { PetitionService } from '../petition-service';
import type { RequestContext } from '../request-context';
import {
  checkRegistrationDay,
  checkRegistrationGroup,
  checkSession,
  checkVisitCounts,
  checkVisitOnCase,
  exactlyOneCase,
} from './visit-rules';

const SESSION_ID = /^rs-[0-9a-f-]{36}$/;

/**
 * The visit register (来访登记), reception sessions and leaders' instructions (阅批 / 批示): PostgreSQL only,
 * never the workflow — no deadline or decision depends on them. The desk that registers petitions records
 * visits and sessions; whoever takes part in a case records an instruction on it (as its work log).
 * Everything is checked before anything is written, so a refused request leaves nothing behind; under an
 * Idempotency-Key every row is keyed by the request, so a retry writes nothing twice.
 */
export class VisitService {
  constructor(
    private readonly deps: {
      pool: Pool;
      petitions: PetitionService;
      /** Today in Shanghai; a test's clock may replace it. */
      today?: () => string;
    },
  ) {}

  private today(): string {
    return (this.deps.today ?? (() => toShanghaiDate(new Date())))();
  }

  async recordVisit(user: User, body: RecordVisitBody, request: RequestContext) {
    requireRegistrar(user);
    exactlyOneCase(body.caseId, body.registration);
    checkVisitCounts(body, this.today(), user.unit.level);
    const reception = body.reception;
    if (reception?.sessionId) {
      const session = await findSession(this.deps.pool, reception.sessionId);
      checkSession({ visitedOn: body.visitedOn, kind: reception.kind }, session, user.unitId);
    }
    let petitionId: string;
    let repeat: boolean;
    if (body.caseId !== undefined) {
      const petition = await visiblePetition(this.deps.pool, user, body.caseId);
      checkVisitOnCase(body.visitedOn, petition.receivedOn);
      petitionId = petition.id;
      repeat = true;
    } else {
      const registration = body.registration!;
      checkRegistrationDay(body, registration.receivedOn);
      checkRegistrationGroup(body, registration.group);
      // The existing registration path (its checks, its idempotency under the same key), channel 走访.
      const registered = await this.deps.petitions.register(
        user,
        { ...registration, channel: 'visit' },
        request,
      );
      petitionId = registered.id;
      repeat = !registered.flags.firstTime;
    }
    return insertVisit(this.deps.pool, request.requestId, {
      id: `visit-${randomUUID()}`,
      petitionId,
      unitId: user.unitId,
      visitedOn: body.visitedOn,
      place: body.place,
      batches: body.batches,
      persons: body.persons,
      registered: body.caseId === undefined,
      repeat,
      reception: reception?.kind ?? null,
      sessionId: reception?.sessionId ?? null,
      receivedBy: reception?.receivedBy ?? null,
      destination: body.destination ?? null,
      recordedBy: user.login,
    });
  }

  async recordSession(user: User, body: RecordSessionBody, request: RequestContext) {
    requireRegistrar(user);
    const today = this.today();
    if (body.heldOn > today) throw fieldError('heldOn', `must not be after today (${today})`);
    return insertSession(this.deps.pool, request.requestId, {
      id: `rs-${randomUUID()}`,
      unitId: user.unitId,
      kind: body.kind,
      heldOn: body.heldOn,
      leader: body.leader,
      leaders: body.leaders,
      place: body.place,
      recordedBy: user.login,
    });
  }

  /**
   * A session with the visits received at it, for whoever's scope holds its unit (as the figures count it);
   * to anybody else it does not exist.
   */
  async session(user: User, sessionId: string) {
    const session = SESSION_ID.test(sessionId) ? await findSession(this.deps.pool, sessionId) : undefined;
    const scope = session ? await resolveScope(this.deps.pool, user) : undefined;
    if (!session || !scope!.unitIds.includes(session.unitId))
      throw notFound(`Reception session ${sessionId}`);
    const visits = await listVisitsOfSession(this.deps.pool, sessionId);
    return {
      ...session,
      visits: {
        count: visits.length,
        batches: visits.reduce((sum, v) => sum + v.batches, 0),
        persons: visits.reduce((sum, v) => sum + v.persons, 0),
        items: visits,
      },
    };
  }

  async recordInstruction(
    user: User,
    petitionId: string,
    body: RecordInstructionBody,
    request: RequestContext,
  ) {
    const petition = await this.writable(user, petitionId);
    const today = this.today();
    if (body.instructedOn > today) throw fieldError('instructedOn', `must not be after today (${today})`);
    if (body.instructedOn < petition.receivedOn) {
      throw fieldError('instructedOn', `must not be before the case was received (${petition.receivedOn})`);
    }
    return insertInstruction(this.deps.pool, request.requestId, {
      id: `lins-${randomUUID()}`,
      petitionId,
      kind: body.kind,
      instructedOn: body.instructedOn,
      leader: body.leader,
      text: body.text,
      recordedBy: user.login,
      unitId: user.unitId,
    });
  }

  /** As the case file: the parties write; a bureau that transferred the case out only reads it. */
  private async writable(user: User, petitionId: string): Promise<PetitionRow> {
    const petition = await visiblePetition(this.deps.pool, user, petitionId);
    const parties = [
      petition.bureauUnitId,
      petition.handlingUnitId,
      petition.reviewUnitId,
      petition.reexaminationUnitId,
    ];
    if (!parties.includes(user.unitId) && (petition.transferredFromUnitIds ?? []).includes(user.unitId)) {
      throw forbidden('The case was transferred out of your area: it is read only for your unit');
    }
    return petition;
  }
}
