import fc from 'fast-check';
import { verifyCases } from '../../src/domain/verification';
import { addDays } from '../../src/rules/dates';
import { petitionWorkflowId } from '../../src/workflows/messages';
import { shanghaiToday, startTestApp, type TestApp, validRegistration } from '../support/harness';
import { higherApplication, PetitionFlow } from '../support/petition-flow';
import { workflowTaskFailures } from '../support/workflow-task-failures';

/**
 * Probe finding F1: a date the API accepted could make the workflow task after the read model's write throw
 * (9999-12-31 as a feedback target date), so the Update was lost while PostgreSQL showed it done. Every
 * command that carries a date is sent dates drawn from 0001–9999: each answers 2xx, or 4xx with a code, and
 * in time; afterwards no workflow of these cases has a failed workflow task and `verify` finds no drift.
 */
let app: TestApp;
let flow: PetitionFlow;
const touched = new Set<string>();
const RUNS = 20;
/** A request that hangs is the failure this test exists for (it used to answer 503 after 20 s). */
const HANG_MS = 10_000;

beforeAll(async () => {
  app = await startTestApp('dated-commands');
  flow = new PetitionFlow(app);
});

afterAll(async () => {
  await app?.stop();
});

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** Any 'YYYY-MM-DD' from 0001 to 9999, days 1–31 (some, like 02-30, are no date at all). */
const anyDate = fc
  .tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
/** Near today, where the rules' own bounds lie. */
const nearDate = fc.integer({ min: -400, max: 400 }).map((days) => addDays(shanghaiToday(), days));
const edgeDate = fc.constantFrom('0001-01-01', '1999-12-31', '2199-12-31', '2200-01-01', '9999-12-31');
const dates = fc.oneof(anyDate, nearDate, edgeDate);

interface DatedCommand {
  name: string;
  /** A case where the command can be sent; a fresh one for each command. */
  prepare(): Promise<string>;
  send(id: string, date: string): Promise<{ status: number; body: any }>;
}

const post = (login: string, path: string, body: unknown) => timed(app.request(login, 'POST', path, body));
const onCase = (login: string, path: string, body: (date: string) => object) => ({
  send: (id: string, date: string) => post(login, `/api/petitions/${id}/${path}`, body(date)),
});
const onItem = (login: string, path: string, body: (date: string) => object) => ({
  send: (itemId: string, date: string) => post(login, `/api/supervision/${itemId}/${path}`, body(date)),
});

const COMMANDS: DatedCommand[] = [
  {
    name: 'registration receivedOn',
    prepare: async () => '',
    send: async (_id, date) => {
      const response = await post('registrar', '/api/petitions', validRegistration(date));
      if (response.status === 201) touched.add(response.body.id);
      return response;
    },
  },
  {
    name: 'case-owner targetDate',
    prepare: () => flow.register(),
    ...onCase('supervisor', 'case-owner', (targetDate) => ({
      leader: 'supervisor',
      handler: 'registrar',
      task: '包案化解',
      targetDate,
    })),
  },
  {
    name: 'case-owner work doneOn',
    prepare: async () => {
      const id = await flow.register();
      const targetDate = addDays(shanghaiToday(), 30);
      await flow.post('supervisor', id, 'case-owner', {
        leader: 'supervisor',
        handler: 'registrar',
        task: '包案化解',
        targetDate,
      });
      return id;
    },
    ...onCase('supervisor', 'case-owner/work', (doneOn) => ({
      kind: 'investigation',
      doneOn,
      note: '现场调查。',
    })),
  },
  {
    name: 'reply deliveredOn',
    prepare: () => flow.accepted(),
    ...onCase('handler', 'reply', (deliveredOn) => ({
      outcome: 'supported',
      opinion: '已处理。',
      deliveredOn,
    })),
  },
  {
    name: 'return visit visitedOn',
    prepare: () => flow.replied(),
    ...onCase('handler', 'return-visit', (visitedOn) => ({
      reached: true,
      satisfaction: 'satisfied',
      note: '电话回访。',
      visitedOn,
    })),
  },
  {
    name: 'review request receivedOn',
    prepare: () => flow.replied(),
    ...onCase('city-handler', 'review-request', (receivedOn) => higherApplication({ receivedOn })),
  },
  {
    name: 'review opinion deliveredOn',
    prepare: () => flow.inReview(),
    ...onCase('city-handler', 'review-opinion', (deliveredOn) => ({
      outcome: 'upheld',
      opinion: '维持。',
      deliveredOn,
    })),
  },
  {
    name: 're-examination request receivedOn',
    prepare: () => flow.reviewed(),
    ...onCase('province-handler', 'reexamination-request', (receivedOn) => higherApplication({ receivedOn })),
  },
  {
    name: 'hearing openedOn',
    prepare: () => flow.inReexamination(),
    ...onCase('province-handler', 'hearings', (openedOn) => ({ openedOn })),
  },
  {
    name: 'hearing closedOn',
    prepare: () => flow.withHearing(),
    ...onCase('province-handler', 'hearings/hearing-1/close', (closedOn) => ({ closedOn })),
  },
  {
    name: 're-examination opinion deliveredOn',
    prepare: () => flow.inReexamination(),
    ...onCase('province-handler', 'reexamination-opinion', (deliveredOn) => ({
      outcome: 'upheld',
      opinion: '维持。',
      deliveredOn,
    })),
  },
  {
    name: 'supervision feedback targetDate',
    prepare: async () => (await flow.withSupervisionItem({ level: 'notice' })).itemId,
    ...onItem('supervisor', 'feedback', (targetDate) => ({ report: '已转送。', targetDate })),
  },
  {
    name: 'listing correctBy',
    prepare: async () => (await flow.withSupervisionItem({ level: 'office' })).itemId,
    ...onItem('jco', 'list', (correctBy) => ({ correctBy, note: '挂牌督办，限期整改。' })),
  },
];

describe('every command that carries a date, with dates from 0001 to 9999', () => {
  it.each(COMMANDS.map((command) => [command.name, command] as const))(
    '%s: answers 2xx or 4xx with a code',
    async (_name, command) => {
      const target = await command.prepare();
      if (target) touched.add(target.split('.')[0]!);
      await fc.assert(
        fc.asyncProperty(dates, async (date) => {
          const { status, body } = await command.send(target, date);
          expect(status < 500 && status >= 200).toBe(true);
          if (status >= 400) expect(body.error.code).toEqual(expect.any(String));
        }),
        // Today is valid for every command, so each command (registration included) succeeds at least once.
        {
          numRuns: RUNS,
          examples: [[shanghaiToday()], ['9999-12-31'], ['2200-01-01'], [addDays(shanghaiToday(), 31)]],
        },
      );
    },
  );

  it('leaves no failed workflow task and no drift between the workflows and the read model', async () => {
    const ids = [...touched];
    expect(ids.length).toBeGreaterThan(COMMANDS.length - 1);
    const { failures } = await workflowTaskFailures(app.client, ids.map(petitionWorkflowId));
    expect(failures).toEqual([]);
    const report = await verifyCases(
      { pool: app.pool, client: app.client, taskQueue: app.taskQueue },
      { fix: false, only: ids },
    );
    expect(report.checked).toBe(ids.length);
    expect(report.findings.ok.sort()).toEqual(ids.sort());
  });
});

async function timed<T>(request: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${HANG_MS} ms`)), HANG_MS);
  });
  try {
    return await Promise.race([request, hang]);
  } finally {
    clearTimeout(timer);
  }
}
