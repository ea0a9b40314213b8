import type { Pool } from 'pg';

/**
 * The registers beside the document seed's cases (visits, reception sessions, a 阅批, a screening round, a
 * backlog campaign with its entries) for the third quarter of 2020 and of 2021, written as the registers store
 * them. Both the documents' test (2021, compared with 2020: 同比) and the analysis page's (2020) write both
 * years, with fixed ids and ON CONFLICT DO NOTHING, and never remove them (the runtime role may not delete
 * register rows): whichever file runs first, and whether they run side by side, every run sees the same rows.
 * Every backlog entry has ended by the end of its year, so no later period counts one as open.
 *
 * 2021 (Q3): visits 10 批 48 人次 — 进京 1/1 (9-03), 到市 3/20 (7-21), here 6/27: a group visit of 12 at a
 * leader's reception day (9-06), 2/3 at the desk (9-14), a group visit of 6 at the desk (8-10), 1/2 on a
 * down-visit of 3 leaders (8-18), 1/4 at a joint reception (9-20); one 阅批 (9-10); a concentrated screening
 * (8-25) finding 3 disputes: resolved (9-05), mediated (9-15), open (high risk); the campaign 百日攻坚
 * (7-01..10-31, target 60 %) with 3 entries: resolved 8-20, 息诉罢访 9-10, resolved 11-10 (after the quarter).
 * 2020 (Q3): visits 5 批 23 人次 — 到市 2/10 (7-21), here a group visit of 10 at a leader's reception day
 * (9-06) and 2/3 at the desk (9-14); a concentrated screening (8-25) finding 2 disputes: resolved (9-05), open
 * (low risk); the campaign 积案化解年 (7-01..10-31, target 50 %) with 2 entries: resolved 8-20, resolved 11-10.
 */
const BUREAU = 'qingshan-petition-bureau';
const BY = 'supervisor';

/** The case the visits and the 阅批 are on: a petition without report facts (it counts as no case). */
export const registerAnchor = (year: number) => `XF-${year}-969999`;

interface Session {
  id: string;
  kind: 'leaderReception' | 'downVisit' | 'jointReception';
  on: string;
  leaders: number;
}
interface Visit {
  id: string;
  on: string;
  batches: number;
  persons: number;
  reception?: string;
  session?: string;
  destination?: string;
}
interface Dispute {
  id: string;
  risk: 'high' | 'medium' | 'low';
  outcome?: ['mediated' | 'resolved', string];
}
interface Entry {
  id: string;
  outcome: 'resolved' | 'stopped-petitioning';
  on: string;
}
interface YearRegisters {
  sessions: Session[];
  visits: Visit[];
  instructions: string[];
  disputes: Dispute[];
  campaign: { name: string; target: number; entries: Entry[] };
}

function registersOf(year: number): YearRegisters {
  const d = (day: string) => `${year}-${day}`;
  const id = (what: string) => `doc-${year}-${what}`;
  if (year === 2021)
    return {
      sessions: [
        { id: id('s1'), kind: 'leaderReception', on: d('09-06'), leaders: 1 },
        { id: id('s2'), kind: 'downVisit', on: d('08-18'), leaders: 3 },
        { id: id('s3'), kind: 'jointReception', on: d('09-20'), leaders: 2 },
      ],
      visits: [
        {
          id: id('v1'),
          on: d('09-06'),
          batches: 1,
          persons: 12,
          reception: 'leaderReception',
          session: id('s1'),
        },
        { id: id('v2'), on: d('09-14'), batches: 2, persons: 3, reception: 'reception' },
        { id: id('v3'), on: d('08-10'), batches: 1, persons: 6, reception: 'reception' },
        { id: id('v4'), on: d('09-03'), batches: 1, persons: 1, destination: 'beijing' },
        { id: id('v5'), on: d('07-21'), batches: 3, persons: 20, destination: 'city' },
        { id: id('v6'), on: d('08-18'), batches: 1, persons: 2, reception: 'downVisit', session: id('s2') },
        {
          id: id('v7'),
          on: d('09-20'),
          batches: 1,
          persons: 4,
          reception: 'jointReception',
          session: id('s3'),
        },
      ],
      instructions: [d('09-10')],
      disputes: [
        { id: id('d1'), risk: 'medium', outcome: ['resolved', d('09-05')] },
        { id: id('d2'), risk: 'low', outcome: ['mediated', d('09-15')] },
        { id: id('d3'), risk: 'high' },
      ],
      campaign: {
        name: '百日攻坚',
        target: 60,
        entries: [
          { id: id('e1'), outcome: 'resolved', on: d('08-20') },
          { id: id('e2'), outcome: 'stopped-petitioning', on: d('09-10') },
          { id: id('e3'), outcome: 'resolved', on: d('11-10') },
        ],
      },
    };
  return {
    sessions: [{ id: id('s1'), kind: 'leaderReception', on: d('09-06'), leaders: 1 }],
    visits: [
      {
        id: id('v1'),
        on: d('09-06'),
        batches: 1,
        persons: 10,
        reception: 'leaderReception',
        session: id('s1'),
      },
      { id: id('v2'), on: d('09-14'), batches: 2, persons: 3, reception: 'reception' },
      { id: id('v5'), on: d('07-21'), batches: 2, persons: 10, destination: 'city' },
    ],
    instructions: [],
    disputes: [
      { id: id('d1'), risk: 'medium', outcome: ['resolved', d('09-05')] },
      { id: id('d2'), risk: 'low' },
    ],
    campaign: {
      name: '积案化解年',
      target: 50,
      entries: [
        { id: id('e1'), outcome: 'resolved', on: d('08-20') },
        { id: id('e2'), outcome: 'resolved', on: d('11-10') },
      ],
    },
  };
}

async function seedYear(pool: Pool, year: number): Promise<void> {
  const r = registersOf(year);
  const anchor = registerAnchor(year);
  await pool.query(
    `INSERT INTO petitions (id, bureau_unit_id, channel, category, domain, domain_category, classification_version,
                            received_on, rule_set_id, subject, description, petitioner, registered_by, status,
                            handling_unit_id, first_time, registration_level, last_sequence)
     VALUES ($1, $2, 'visit', 'complaint', 'urban-construction.housing', 'urban-construction',
             'petitionflow-default@2026.1', $3, 'national-2022', '文档测试登记事项', '用于报表文档测试的虚构事项。',
             '{"name":"测试信访人"}', 'registrar', 'replied', 'qingshan-housing', false, 'county', 1)
     ON CONFLICT (id) DO NOTHING`,
    [anchor, BUREAU, `${year}-06-15`],
  );
  for (const s of r.sessions)
    await pool.query(
      `INSERT INTO reception_sessions (id, request_id, unit_id, kind, held_on, leader, leaders, place, recorded_by)
       VALUES ($1, $1, $2, $3, $4, '测试领导', $5, '县信访局接待大厅', $6) ON CONFLICT (id) DO NOTHING`,
      [s.id, BUREAU, s.kind, s.on, s.leaders, BY],
    );
  for (const v of r.visits)
    await pool.query(
      `INSERT INTO visits (id, request_id, petition_id, unit_id, visited_on, place, batches, persons, registered,
                           repeat, reception, session_id, destination, recorded_by)
       VALUES ($1, $1, $2, $3, $4, '县信访局接待大厅', $5, $6, false, true, $7, $8, $9, $10)
       ON CONFLICT (id) DO NOTHING`,
      [
        v.id,
        anchor,
        BUREAU,
        v.on,
        v.batches,
        v.persons,
        v.reception ?? null,
        v.session ?? null,
        v.destination ?? null,
        BY,
      ],
    );
  for (const [i, on] of r.instructions.entries())
    await pool.query(
      `INSERT INTO case_instructions (id, request_id, petition_id, kind, instructed_on, leader, body, recorded_by, unit_id)
       VALUES ($1, $1, $2, 'reading', $3, '测试领导', '请抓紧办理。', $4, $5) ON CONFLICT (id) DO NOTHING`,
      [`doc-${year}-i${i + 1}`, anchor, on, BY, BUREAU],
    );
  const round = `doc-${year}-r1`;
  await pool.query(
    `INSERT INTO screening_rounds (id, unit_id, kind, period_start, period_end, held_on, led_by, recorded_by, request_id)
     VALUES ($1, $2, 'concentrated', $3, $4, $4, '测试领导', $5, $1) ON CONFLICT (id) DO NOTHING`,
    [round, BUREAU, `${year}-08-01`, `${year}-08-25`, BY],
  );
  for (const x of r.disputes) {
    await pool.query(
      `INSERT INTO screening_disputes (id, round_id, classification_code, classification_category, classification_version,
         summary, place, parties, risk_level, handling_unit_id, recorded_by, request_id)
       VALUES ($1, $2, 'other', 'other', 'petitionflow-default@2026.1', '文档测试纠纷', '某村', 2, $3, $4, $5, $1)
       ON CONFLICT (id) DO NOTHING`,
      [x.id, round, x.risk, BUREAU, BY],
    );
    if (x.outcome)
      await pool.query(
        `INSERT INTO screening_outcomes (dispute_id, outcome, outcome_on, recorded_by, unit_id, request_id)
         VALUES ($1, $2, $3, $4, $5, $1 || '-outcome') ON CONFLICT (request_id) DO NOTHING`,
        [x.id, ...x.outcome, BY, BUREAU],
      );
  }
  const campaign = `doc-${year}-c1`;
  await pool.query(
    `INSERT INTO backlog_campaigns (id, name, unit_id, starts_on, ends_on, target_rate, created_by, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $1) ON CONFLICT (id) DO NOTHING`,
    [campaign, r.campaign.name, BUREAU, `${year}-07-01`, `${year}-10-31`, r.campaign.target, BY],
  );
  for (const e of r.campaign.entries)
    await pool.query(
      `INSERT INTO backlog_entries (id, campaign_id, title, owner_unit_id, unit_id, leader, cause, measures,
                                    target_date, registered_on, outcome, outcome_on, created_by, request_id)
       VALUES ($1, $2, '文档测试积案', $3, 'qingshan-housing', '测试领导', '历史遗留', '逐户走访', $4, $5, $6, $7, $8, $1)
       ON CONFLICT (id) DO NOTHING`,
      [e.id, campaign, BUREAU, `${year}-12-31`, `${year}-07-05`, e.outcome, e.on, BY],
    );
}

/** The registers of 2020 and 2021 (idempotent: a row already there is left as it is). */
export async function seedDocumentRegisters(pool: Pool): Promise<void> {
  for (const year of [2020, 2021]) await seedYear(pool, year);
}
