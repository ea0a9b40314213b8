import { SCREENING, type ScreeningFigureId } from '../../../src/db/screening-figures';
import { screeningLines, screeningPart } from '../../../src/domain/reports/screening-summary';

const zeros = Object.fromEntries(Object.keys(SCREENING).map((id) => [id, 0])) as Record<
  ScreeningFigureId,
  number
>;

describe('the summary’s screening part', () => {
  it('gives explicit zeros and "no data" for a period nobody screened, never a division by zero', () => {
    const part = screeningPart(zeros);
    expect(part).toEqual({
      rounds: { held: 0, concentrated: 0, focused: 0 },
      disputes: {
        found: 0,
        mediated: 0,
        resolved: 0,
        becamePetitions: 0,
        open: 0,
        openByRisk: { high: 0, medium: 0, low: 0 },
      },
      resolutionRate: { rate: null, numerator: 0, denominator: 0 },
    });
    expect(screeningLines(part).find((l) => l.figure === 'screeningResolutionRate')?.value).toBeNull();
  });

  it('counts seed 004’s year: 4 concentrated and 9 focused rounds, 79 disputes, mediated and resolved as 化解', () => {
    const part = screeningPart({
      ...zeros,
      roundsHeld: 13,
      roundsConcentrated: 4,
      roundsFocused: 9,
      disputesFound: 79,
      disputesMediated: 41,
      disputesResolved: 27,
      disputesBecamePetitions: 3,
      disputesOpen: 8,
      openHighRisk: 1,
      openMediumRisk: 3,
      openLowRisk: 4,
    });
    expect(part.resolutionRate).toEqual({ rate: 86.1, numerator: 68, denominator: 79 });
    expect(part.disputes.openByRisk).toEqual({ high: 1, medium: 3, low: 4 });
  });

  it('has a CSV line for every figure defined, labelled from its definition, and the rate with its fraction', () => {
    const lines = screeningLines(
      screeningPart({ ...zeros, roundsHeld: 2, disputesFound: 4, disputesResolved: 1 }),
    );
    expect(lines.map((l) => l.figure)).toEqual([...Object.keys(SCREENING), 'screeningResolutionRate']);
    expect(lines[0]).toEqual({ figure: 'roundsHeld', label: '矛盾纠纷排查(次)', value: 2 });
    expect(lines.find((l) => l.figure === 'disputesFound')).toEqual({
      figure: 'disputesFound',
      label: '排查出矛盾纠纷(起)',
      value: 4,
    });
    expect(lines.at(-1)).toEqual({
      figure: 'screeningResolutionRate',
      label: '排查纠纷化解率(%)',
      value: 25,
      numerator: 1,
      denominator: 4,
    });
  });
});
