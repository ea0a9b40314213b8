import type { Pool } from 'pg';

/**
 * A fixed dataset for the documents (Word, Excel, the monthly analysis): cases of the third quarter of a past
 * year in Qingshan County, written straight into the read model (`petitions`) and the report facts
 * (`report_cases`) as the event writer would have left them. Each test file takes a year of its own that no
 * other test uses (2021: the documents, 2020: the analysis page), so that files running side by side never
 * count each other's cases. Every case is replied on time (after the as-of date, but a recorded reply counts
 * as it is: 按期办结率 100%), so none stays in the backlog of a later period.
 *
 * July: 1 case. August: 2 (住房保障 replied on time, 拖欠农民工工资). September (the analysed month): 6 — three
 * 征地拆迁 at the housing bureau (a cluster), two 拖欠农民工工资 at the HR bureau (a cluster), one 住房保障.
 */
export interface DocumentSeed {
  year: number;
  quarter: string;
  month: string;
  asOf: string;
  cases: DocumentCase[];
}

const BUREAU = 'qingshan-petition-bureau';
const HOUSING = 'qingshan-housing';
const HR = 'qingshan-hr';
const LAND = 'urban-construction.land-expropriation';
const WAGES = 'labour-and-social-security.migrant-worker-wages';
const SUBSIDY = 'urban-construction.housing';

interface DocumentCase {
  id: string;
  receivedOn: string;
  unit: string;
  domain: string;
  channel: string;
  firstTime: boolean;
  /** D5 and the reply, on time. */
  handleDue: string;
  handledOn: string;
}

export function documentSeed(year: number): DocumentSeed {
  const c = (n: string, day: string, unit: string, domain: string, channel: string, firstTime = true) => ({
    id: `XF-${year}-95${n}`,
    receivedOn: `${year}-${day}`,
    unit,
    domain,
    channel,
    firstTime,
    handleDue: `${year}-11-30`,
    handledOn: `${year}-11-20`,
  });
  return {
    year,
    quarter: `${year}Q3`,
    month: `${year}-09`,
    asOf: `${year}-10-15`,
    cases: [
      c('0001', '07-12', HOUSING, SUBSIDY, 'online'),
      {
        ...c('0002', '08-03', HOUSING, SUBSIDY, 'online'),
        handleDue: `${year}-10-01`,
        handledOn: `${year}-09-28`,
      },
      c('0003', '08-20', HR, WAGES, 'visit'),
      c('0004', '09-02', HOUSING, LAND, 'visit'),
      c('0005', '09-06', HOUSING, LAND, 'online'),
      c('0006', '09-13', HOUSING, LAND, 'letter', false),
      c('0007', '09-15', HR, WAGES, 'online'),
      c('0008', '09-22', HR, WAGES, 'phone'),
      c('0009', '09-28', HOUSING, SUBSIDY, 'online', false),
    ],
  };
}

export async function removeDocumentSeed(pool: Pool, seed: DocumentSeed): Promise<void> {
  const like = `XF-${seed.year}-95%`;
  await pool.query('DELETE FROM report_cases WHERE petition_id LIKE $1', [like]);
  await pool.query('DELETE FROM petitions WHERE id LIKE $1', [like]);
}

/** Writes the dataset afresh (a run that stopped half-way may have left an older copy). */
export async function seedDocumentCases(pool: Pool, seed: DocumentSeed): Promise<void> {
  await removeDocumentSeed(pool, seed);
  for (const x of seed.cases) {
    await pool.query(
      `INSERT INTO petitions (id, bureau_unit_id, channel, category, domain, domain_category, classification_version,
                              received_on, rule_set_id, subject, description, petitioner, registered_by, status,
                              handling_unit_id, first_time, registration_level, last_sequence)
       VALUES ($1, $2, $3, 'complaint', $4, split_part($4, '.', 1), 'petitionflow-default@2026.1', $5, 'national-2022',
               $6, '用于报表文档测试的虚构事项。', $7, 'registrar', 'replied', $8, $9, 'county', 1)`,
      [
        x.id,
        BUREAU,
        x.channel,
        x.domain,
        x.receivedOn,
        `文档测试事项 ${x.id}`,
        JSON.stringify({ name: '测试信访人' }),
        x.unit,
        x.firstTime,
      ],
    );
    await pool.query(
      `INSERT INTO report_cases (petition_id, received_on, bureau_unit_id, handling_unit_id, registration_level,
                                 channel, domain, domain_category, first_time, status, handle_due, handled_on)
       VALUES ($1, $2, $3, $4, 'county', $5, $6, split_part($6, '.', 1), $7, 'replied', $8, $9)`,
      [x.id, x.receivedOn, BUREAU, x.unit, x.channel, x.domain, x.firstTime, x.handleDue, x.handledOn],
    );
  }
}
