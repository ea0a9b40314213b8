import { VISIT_FIGURE_IDS, VISIT_FIGURES, type VisitFigureId } from '../../../src/db/visit-figures';
import { visitLines, visitsPart } from '../../../src/domain/reports/visit-report';

/** Every figure a distinct value, so that a figure put in the wrong place shows. */
const distinct = Object.fromEntries(VISIT_FIGURE_IDS.map((id, i) => [id, i + 1])) as Record<
  VisitFigureId,
  number
>;

describe('the visit figures', () => {
  it('are each defined once with a label, a unit and a formula', () => {
    for (const id of VISIT_FIGURE_IDS) {
      const f = VISIT_FIGURES[id];
      expect(f.label.length).toBeGreaterThan(1);
      expect(f.formula.length).toBeGreaterThan(10);
      expect(['批', '人次', '次', '件', '条']).toContain(f.unit);
    }
    expect(new Set(VISIT_FIGURE_IDS.map((id) => VISIT_FIGURES[id].label)).size).toBe(VISIT_FIGURE_IDS.length);
  });

  it('count 批次 as the sum of batches and 人次 as the sum of persons of the visits they select', () => {
    expect(VISIT_FIGURES.visitsBatches.sql).toBe('coalesce(sum(v.batches), 0)::int');
    expect(VISIT_FIGURES.beijingPersons.sql).toBe(
      `coalesce(sum(v.persons) FILTER (WHERE v.destination = 'beijing'), 0)::int`,
    );
    expect(VISIT_FIGURES.groupBatches.sql).toContain('v.group_visit');
    expect(VISIT_FIGURES.leaderReceptionDays.sql).toBe(
      `count(*) FILTER (WHERE s.kind = 'leaderReception')::int`,
    );
    expect(VISIT_FIGURES.instructedCases.sql).toBe('count(DISTINCT i.petition_id)::int');
  });

  it('group into the summary’s visits part as the bureaus quote them', () => {
    const part = visitsPart(distinct);
    expect(part.batches).toBe(distinct.visitsBatches);
    expect(part.byDestination.beijing).toEqual({
      batches: distinct.beijingBatches,
      persons: distinct.beijingPersons,
    });
    expect(part.repeat.persons).toBe(distinct.repeatVisitPersons);
    expect(part.byReception.jointReception.batches).toBe(distinct.jointReceptionBatches);
    expect(part.downVisits).toEqual({ count: distinct.downVisits, leaders: distinct.downVisitLeaders });
    expect(part.instructions).toEqual({ count: distinct.instructions, cases: distinct.instructedCases });
  });

  it('give one CSV line per figure, in their order, with the value the part holds', () => {
    const lines = visitLines(visitsPart(distinct));
    expect(lines.map((l) => l.figure)).toEqual(VISIT_FIGURE_IDS);
    expect(lines.map((l) => l.value)).toEqual(VISIT_FIGURE_IDS.map((id) => distinct[id]));
    expect(lines.find((l) => l.figure === 'beijingBatches')?.label).toBe('进京批次(批)');
    expect(lines.find((l) => l.figure === 'downVisitLeaders')?.label).toBe('党政领导下访人次(人次)');
  });

  it('are zeros for an empty period, not missing', () => {
    const zeros = Object.fromEntries(VISIT_FIGURE_IDS.map((id) => [id, 0])) as Record<VisitFigureId, number>;
    expect(visitLines(visitsPart(zeros)).every((l) => l.value === 0)).toBe(true);
  });
});
