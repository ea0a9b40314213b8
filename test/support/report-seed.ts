import type { Pool } from 'pg';

/**
 * Cases of 2024Q2 written straight into the read model (`petitions`) and the report facts (`report_cases`),
 * as the event writer would have left them, for tests that read the reports of a past quarter no other test
 * uses. Every case is settled well before today, so none stays in the backlog of a later period.
 */
export const SEED_QUARTER = '2024Q2';
const ID_PREFIX = 'XF-2024-9000';

interface SeedCase {
  id: string;
  receivedOn: string;
  handlingUnitId: string | null;
  registrationLevel: 'national' | 'province' | 'city' | 'county';
  channel: string;
  domain: string;
  firstTime: boolean;
  status: string;
  acknowledgeDue: string | null;
  acknowledgedOn: string | null;
  handleDue: string | null;
  handledOn: string | null;
  closedOn: string | null;
  caseOwned: boolean;
  /** Evaluations invited, given and satisfied. */
  evaluations: [number, number, number];
}

const BUREAU = 'qingshan-petition-bureau';
const HOUSING = 'qingshan-housing';
const HR = 'qingshan-hr';

const seedCase = (id: string, fields: Omit<SeedCase, 'id'>): SeedCase => ({
  id: `${ID_PREFIX}${id}`,
  ...fields,
});

export const SEED_CASES: SeedCase[] = [
  // Acknowledged and replied on time, closed; case-owned; both evaluations satisfied.
  seedCase('01', {
    receivedOn: '2024-04-03',
    handlingUnitId: HOUSING,
    registrationLevel: 'county',
    channel: 'online',
    domain: 'urban-construction.housing',
    firstTime: true,
    status: 'closed',
    acknowledgeDue: '2024-04-18',
    acknowledgedOn: '2024-04-10',
    handleDue: '2024-06-10',
    handledOn: '2024-06-01',
    closedOn: '2024-06-20',
    caseOwned: true,
    evaluations: [2, 2, 2],
  }),
  // A repeat petition acknowledged late and replied after D5: in the backlog at the quarter's end.
  seedCase('02', {
    receivedOn: '2024-04-15',
    handlingUnitId: HOUSING,
    registrationLevel: 'county',
    channel: 'letter',
    domain: 'urban-construction.housing',
    firstTime: false,
    status: 'replied',
    acknowledgeDue: '2024-04-30',
    acknowledgedOn: '2024-05-06',
    handleDue: '2024-06-14',
    handledOn: '2024-07-10',
    closedOn: null,
    caseOwned: false,
    evaluations: [1, 1, 0],
  }),
  // Replied on time after the quarter (D5 in July).
  seedCase('03', {
    receivedOn: '2024-05-08',
    handlingUnitId: HOUSING,
    registrationLevel: 'county',
    channel: 'visit',
    domain: 'urban-construction',
    firstTime: true,
    status: 'replied',
    acknowledgeDue: '2024-05-23',
    acknowledgedOn: '2024-05-20',
    handleDue: '2024-07-20',
    handledOn: '2024-07-15',
    closedOn: null,
    caseOwned: false,
    evaluations: [2, 0, 0],
  }),
  // By telephone; never replied, closed in July: in the backlog at the quarter's end, D5 missed.
  seedCase('04', {
    receivedOn: '2024-05-20',
    handlingUnitId: HR,
    registrationLevel: 'county',
    channel: 'phone',
    domain: 'labour-and-social-security',
    firstTime: true,
    status: 'closed',
    acknowledgeDue: '2024-06-04',
    acknowledgedOn: '2024-06-03',
    handleDue: '2024-06-25',
    handledOn: null,
    closedOn: '2024-07-05',
    caseOwned: false,
    evaluations: [1, 0, 0],
  }),
  // Transferred down from the city; its acceptance notice never given (D2 missed).
  seedCase('05', {
    receivedOn: '2024-06-12',
    handlingUnitId: HR,
    registrationLevel: 'city',
    channel: 'transferred',
    domain: 'labour-and-social-security',
    firstTime: true,
    status: 'transferred',
    acknowledgeDue: '2024-06-27',
    acknowledgedOn: null,
    handleDue: null,
    handledOn: null,
    closedOn: null,
    caseOwned: false,
    evaluations: [0, 0, 0],
  }),
  // From the national bureau, still with the county bureau: counted for the bureau itself.
  seedCase('06', {
    receivedOn: '2024-06-25',
    handlingUnitId: null,
    registrationLevel: 'national',
    channel: 'visit',
    domain: 'urban-construction.housing',
    firstTime: false,
    status: 'registered',
    acknowledgeDue: null,
    acknowledgedOn: null,
    handleDue: null,
    handledOn: null,
    closedOn: null,
    caseOwned: false,
    evaluations: [0, 0, 0],
  }),
];

/** A supervision notice (督办) on case 02 after its D5 passed, closed when it was replied to. */
const SEED_NOTICE = {
  petitionId: `${ID_PREFIX}02`,
  itemId: 'handle-1',
  unitId: HOUSING,
  noticeOn: '2024-06-16',
  endedOn: '2024-07-10',
};

export async function removeReportSeed(pool: Pool): Promise<void> {
  const like = `${ID_PREFIX}%`;
  await pool.query('DELETE FROM supervision_items WHERE petition_id LIKE $1', [like]);
  await pool.query('DELETE FROM report_cases WHERE petition_id LIKE $1', [like]);
  await pool.query('DELETE FROM petitions WHERE id LIKE $1', [like]);
}

/** Writes the seed afresh (a run that stopped half-way may have left an older copy). */
export async function seedReportCases(pool: Pool): Promise<void> {
  await removeReportSeed(pool);
  for (const c of SEED_CASES) {
    await pool.query(
      `INSERT INTO petitions (id, bureau_unit_id, channel, category, domain, domain_category, classification_version,
                              received_on, rule_set_id, subject, description, petitioner, registered_by, status,
                              handling_unit_id, first_time, registration_level, last_sequence)
       VALUES ($1, $2, $3, 'complaint', $4, split_part($4, '.', 1), 'petitionflow-default@2026.1', $5, 'national-2022',
               $6, $7, $8, 'registrar', $9, $10, $11, $12, 1)`,
      [
        c.id,
        BUREAU,
        c.channel,
        c.domain,
        c.receivedOn,
        `报表测试事项 ${c.id}`,
        '用于统计报表页面测试的虚构事项。',
        JSON.stringify({ name: '测试信访人' }),
        c.status,
        c.handlingUnitId,
        c.firstTime,
        c.registrationLevel,
      ],
    );
    const [invited, given, satisfied] = c.evaluations;
    await pool.query(
      `INSERT INTO report_cases (petition_id, received_on, bureau_unit_id, handling_unit_id, registration_level,
                                 channel, domain, domain_category, first_time, status, acknowledge_due,
                                 acknowledged_on, handle_due, handled_on, closed_on, case_owned, evaluations_invited,
                                 evaluations_given, evaluations_satisfied)
       VALUES ($1, $2, $3, $4, $5, $6, $7, split_part($7, '.', 1), $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
               $18)`,
      [
        c.id,
        c.receivedOn,
        BUREAU,
        c.handlingUnitId,
        c.registrationLevel,
        c.channel,
        c.domain,
        c.firstTime,
        c.status,
        c.acknowledgeDue,
        c.acknowledgedOn,
        c.handleDue,
        c.handledOn,
        c.closedOn,
        c.caseOwned,
        invited,
        given,
        satisfied,
      ],
    );
  }
  const n = SEED_NOTICE;
  await pool.query(
    `INSERT INTO supervision_items (id, petition_id, item_id, deadline_key, unit_id, level, status, notice_on,
                                    ended_on)
     VALUES ($1, $2, $3, 'handle', $4, 'notice', 'closed', $5, $6)`,
    [`${n.petitionId}.${n.itemId}`, n.petitionId, n.itemId, n.unitId, n.noticeOn, n.endedOn],
  );
}
