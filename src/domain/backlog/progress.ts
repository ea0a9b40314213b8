import type { CampaignProgress } from '../../db/backlog/campaigns';
import { percent } from '../reports/shares';

/**
 * A campaign's progress against its target: 化解率 = entries resolved (化解) ÷ entries; no entries gives
 * null ("no data"), never a division by zero. 息诉罢访 is shown beside it, not counted as 化解.
 */
export function progressOf(counts: CampaignProgress, targetRate: number | null) {
  const rate = percent(counts.resolved, counts.entries);
  return {
    ...counts,
    resolutionRate: { numerator: counts.resolved, denominator: counts.entries, rate },
    targetRate,
    targetMet: targetRate === null || rate === null ? null : rate >= targetRate,
  };
}
