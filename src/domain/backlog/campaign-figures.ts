import type { Pool } from 'pg';
import { campaignProgress, listCampaigns } from '../../db/backlog/campaigns';
import type { ReportContext } from '../reports/report-service';
import { progressOf } from './progress';

/**
 * The `campaigns` report: each campaign of a unit in scope whose period meets the report's, with its progress
 * as of the period's end (or the as-of date when earlier). No campaign: an empty list, not an error.
 */
export async function campaignFigures(pool: Pool, ctx: ReportContext) {
  const end = ctx.period.to < ctx.asOf ? ctx.period.to : ctx.asOf;
  const rows = await listCampaigns(pool, ctx.scope.unitIds, ctx.period);
  const counts = await campaignProgress(
    pool,
    rows.map((r) => r.id),
    end,
  );
  return {
    progressAsOf: end,
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      unitId: r.unitId,
      unitName: r.unitName,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      ...progressOf(counts.get(r.id)!, r.targetRate),
    })),
  };
}
