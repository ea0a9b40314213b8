import type { Pool } from 'pg';
import type { ReportQuery } from '../../db/reports';
import {
  SCREENING,
  SCREENING_RATE,
  type ScreeningFigureId,
  screeningCounts,
} from '../../db/screening-figures';
import { percent } from './shares';

/** The summary's `screening` part (矛盾纠纷排查, S41), shaped from the counts of db/screening-figures. */
export function screeningPart(counts: Record<ScreeningFigureId, number>) {
  const settled = counts.disputesMediated + counts.disputesResolved;
  return {
    rounds: {
      held: counts.roundsHeld,
      concentrated: counts.roundsConcentrated,
      focused: counts.roundsFocused,
    },
    disputes: {
      found: counts.disputesFound,
      mediated: counts.disputesMediated,
      resolved: counts.disputesResolved,
      becamePetitions: counts.disputesBecamePetitions,
      open: counts.disputesOpen,
      openByRisk: { high: counts.openHighRisk, medium: counts.openMediumRisk, low: counts.openLowRisk },
    },
    /** 排查纠纷化解率: null ("no data") when no dispute was found. */
    resolutionRate: {
      rate: percent(settled, counts.disputesFound),
      numerator: settled,
      denominator: counts.disputesFound,
    },
  };
}

export type ScreeningPart = ReturnType<typeof screeningPart>;

export async function screeningSummary(pool: Pool, query: ReportQuery): Promise<ScreeningPart> {
  return screeningPart(await screeningCounts(pool, query));
}

/** The part as lines of the summary's CSV, each named and labelled as its definition. */
export function screeningLines(part: ScreeningPart) {
  const values: Record<ScreeningFigureId, number> = {
    roundsHeld: part.rounds.held,
    roundsConcentrated: part.rounds.concentrated,
    roundsFocused: part.rounds.focused,
    disputesFound: part.disputes.found,
    disputesMediated: part.disputes.mediated,
    disputesResolved: part.disputes.resolved,
    disputesBecamePetitions: part.disputes.becamePetitions,
    disputesOpen: part.disputes.open,
    openHighRisk: part.disputes.openByRisk.high,
    openMediumRisk: part.disputes.openByRisk.medium,
    openLowRisk: part.disputes.openByRisk.low,
  };
  return [
    ...(Object.keys(SCREENING) as ScreeningFigureId[]).map((figure) => ({
      figure,
      label: `${SCREENING[figure].label}(${figure.startsWith('rounds') ? '次' : '起'})`,
      value: values[figure] as number | null,
    })),
    {
      figure: 'screeningResolutionRate',
      label: `${SCREENING_RATE.label}(%)`,
      value: part.resolutionRate.rate,
      numerator: part.resolutionRate.numerator,
      denominator: part.resolutionRate.denominator,
    },
  ];
}
