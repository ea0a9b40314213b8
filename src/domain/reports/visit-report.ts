import type { Pool } from 'pg';
import type { ReportQuery } from '../../db/reports';
import { VISIT_FIGURE_IDS, VISIT_FIGURES, type VisitFigureId, visitCounts } from '../../db/visit-figures';

type Counts = Record<VisitFigureId, number>;
const both = (c: Counts, id: string) => ({
  batches: c[`${id}Batches` as VisitFigureId],
  persons: c[`${id}Persons` as VisitFigureId],
});

/** The summary's `visits` part: the register's figures (db/visit-figures), grouped as the bureaus quote them. */
export function visitsPart(c: Counts) {
  return {
    ...both(c, 'visits'),
    /** 越级访 reported down by where they went, and those received by the scope itself (`local`). */
    byDestination: {
      local: both(c, 'local'),
      city: both(c, 'city'),
      province: both(c, 'province'),
      beijing: both(c, 'beijing'),
    },
    group: both(c, 'group'),
    firstTime: both(c, 'firstVisit'),
    repeat: both(c, 'repeatVisit'),
    byReception: {
      reception: both(c, 'reception'),
      leaderReception: both(c, 'leaderReception'),
      appointment: both(c, 'appointment'),
      downVisit: both(c, 'downVisit'),
      jointReception: both(c, 'jointReception'),
    },
    leaderReceptionDays: c.leaderReceptionDays,
    downVisits: { count: c.downVisits, leaders: c.downVisitLeaders },
    jointReceptions: c.jointReceptions,
    instructions: { count: c.instructions, cases: c.instructedCases },
  };
}

export type VisitsPart = ReturnType<typeof visitsPart>;

export async function visitFigures(pool: Pool, query: ReportQuery): Promise<VisitsPart> {
  return visitsPart(await visitCounts(pool, query));
}

/** The part back as the flat figures, in their defined order. */
function countsOf(v: VisitsPart): Counts {
  const counts: Record<string, number> = {
    leaderReceptionDays: v.leaderReceptionDays,
    downVisits: v.downVisits.count,
    downVisitLeaders: v.downVisits.leaders,
    jointReceptions: v.jointReceptions,
    instructions: v.instructions.count,
    instructedCases: v.instructions.cases,
  };
  const pairs: Record<string, { batches: number; persons: number }> = {
    visits: v,
    ...v.byDestination,
    group: v.group,
    firstVisit: v.firstTime,
    repeatVisit: v.repeat,
    ...v.byReception,
  };
  for (const [id, value] of Object.entries(pairs)) {
    counts[`${id}Batches`] = value.batches;
    counts[`${id}Persons`] = value.persons;
  }
  return counts as Counts;
}

/** The CSV lines of the summary: one per figure, labelled with its name and unit. */
export function visitLines(v: VisitsPart): Array<{ figure: string; label: string; value: number }> {
  const counts = countsOf(v);
  return VISIT_FIGURE_IDS.map((id) => ({
    figure: id,
    label: `${VISIT_FIGURES[id].label}(${VISIT_FIGURES[id].unit})`,
    value: counts[id],
  }));
}
