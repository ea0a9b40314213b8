import type { Pool, PoolClient } from 'pg';

export interface CampaignRow {
  id: string;
  name: string;
  unitId: string;
  unitName: string;
  startsOn: string;
  endsOn: string;
  /** 化解率 target in percent, or null. */
  targetRate: number | null;
  createdBy: string;
  createdAt: string;
}

/** A campaign's progress: its entries and how many ended (化解 or 息诉罢访) by the as-of date. */
export interface CampaignProgress {
  entries: number;
  resolved: number;
  stoppedPetitioning: number;
  open: number;
  overdue: number;
}

const COLUMNS = `c.id, c.name, c.unit_id AS "unitId", u.name AS "unitName",
  to_char(c.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(c.ends_on, 'YYYY-MM-DD') AS "endsOn",
  c.target_rate::float AS "targetRate", c.created_by AS "createdBy",
  to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt"`;

export interface NewCampaign {
  id: string;
  name: string;
  unitId: string;
  startsOn: string;
  endsOn: string;
  targetRate: number | null;
  createdBy: string;
  requestId: string;
}

/** Inserts the campaign, or finds the one this request created before (a retry); its id either way. */
export async function insertCampaign(
  client: PoolClient,
  c: NewCampaign,
): Promise<{ id: string; created: boolean }> {
  const inserted = await client.query<{ id: string }>(
    `INSERT INTO backlog_campaigns (id, name, unit_id, starts_on, ends_on, target_rate, created_by, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (request_id) DO NOTHING RETURNING id`,
    [c.id, c.name, c.unitId, c.startsOn, c.endsOn, c.targetRate, c.createdBy, c.requestId],
  );
  if (inserted.rows[0]) return { id: inserted.rows[0].id, created: true };
  const { rows } = await client.query<{ id: string }>(
    'SELECT id FROM backlog_campaigns WHERE request_id = $1',
    [c.requestId],
  );
  return { id: rows[0]!.id, created: false };
}

export async function findCampaign(db: Pool | PoolClient, id: string): Promise<CampaignRow | undefined> {
  const { rows } = await db.query<CampaignRow>(
    `SELECT ${COLUMNS} FROM backlog_campaigns c JOIN units u ON u.id = c.unit_id WHERE c.id = $1`,
    [id],
  );
  return rows[0];
}

/** The campaigns of units in `unitIds` whose period meets [from, to], newest first. */
export async function listCampaigns(
  pool: Pool,
  unitIds: string[],
  period?: { from: string; to: string },
): Promise<CampaignRow[]> {
  const { rows } = await pool.query<CampaignRow>(
    `SELECT ${COLUMNS} FROM backlog_campaigns c JOIN units u ON u.id = c.unit_id
      WHERE c.unit_id = ANY($1::text[])
        AND ($2::date IS NULL OR (c.starts_on <= $3::date AND c.ends_on >= $2::date))
      ORDER BY c.starts_on DESC, c.id LIMIT 500`,
    [unitIds, period?.from ?? null, period?.to ?? null],
  );
  return rows;
}

/**
 * The progress of campaigns as of a date (formulas: docs/reports.md `campaigns`): an entry counts as ended
 * when its outcome was recorded on or before `asOf`; overdue: still open then, its target date passed.
 */
export async function campaignProgress(
  pool: Pool,
  campaignIds: string[],
  asOf: string,
): Promise<Map<string, CampaignProgress>> {
  const { rows } = await pool.query<CampaignProgress & { campaignId: string }>(
    `SELECT campaign_id AS "campaignId", count(*)::int AS entries,
            count(*) FILTER (WHERE outcome = 'resolved' AND outcome_on <= $2)::int AS resolved,
            count(*) FILTER (WHERE outcome = 'stopped-petitioning' AND outcome_on <= $2)::int AS "stoppedPetitioning",
            count(*) FILTER (WHERE outcome = 'open' OR outcome_on > $2)::int AS open,
            count(*) FILTER (WHERE (outcome = 'open' OR outcome_on > $2) AND target_date < $2)::int AS overdue
       FROM backlog_entries WHERE campaign_id = ANY($1::text[]) AND registered_on <= $2
      GROUP BY campaign_id`,
    [campaignIds, asOf],
  );
  const empty: CampaignProgress = { entries: 0, resolved: 0, stoppedPetitioning: 0, open: 0, overdue: 0 };
  return new Map(
    campaignIds.map((id) => {
      const row = rows.find((r) => r.campaignId === id);
      return [
        id,
        row
          ? {
              entries: row.entries,
              resolved: row.resolved,
              stoppedPetitioning: row.stoppedPetitioning,
              open: row.open,
              overdue: row.overdue,
            }
          : empty,
      ];
    }),
  );
}
