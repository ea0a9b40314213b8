import { parseClassification } from '../../../src/domain/classification';
import {
  RecordDisputeSchema,
  RecordOutcomeSchema,
  RecordRoundSchema,
} from '../../../src/domain/contract/screening';
import { AppError } from '../../../src/domain/errors';
import {
  checkOutcomeChange,
  checkOutcomeDay,
  checkPetitionLink,
  checkRoundDays,
  screenedMatter,
} from '../../../src/domain/screening/checks';
import type { OutcomeRow } from '../../../src/db/screening';

/** The answer a check gives: its status, code and the fields it names; `ok` when it accepts. */
function answer(check: () => unknown) {
  try {
    check();
    return 'ok';
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const fields = (err.details as { fields?: Array<{ path: string }> } | undefined)?.fields ?? [];
    return { status: err.status, code: err.code, fields: fields.map((f) => f.path) };
  }
}

const refused = (field: string) => ({ status: 422, code: 'validation_failed', fields: [field] });
const TODAY = '2026-06-20';

describe('a screening round’s days', () => {
  const round = { periodStart: '2026-06-01', periodEnd: '2026-06-15', heldOn: '2026-06-16' };

  it('accepts a period and a day held within the rules', () => {
    expect(answer(() => checkRoundDays(round, TODAY))).toBe('ok');
    expect(
      answer(() => checkRoundDays({ ...round, periodEnd: round.periodStart, heldOn: TODAY }, TODAY)),
    ).toBe('ok');
  });

  it('refuses a period that ends before it starts', () => {
    expect(answer(() => checkRoundDays({ ...round, periodEnd: '2026-05-31' }, TODAY))).toEqual(
      refused('periodEnd'),
    );
  });

  it('refuses a round held before its period starts, or after today', () => {
    expect(answer(() => checkRoundDays({ ...round, heldOn: '2026-05-31' }, TODAY))).toEqual(
      refused('heldOn'),
    );
    expect(answer(() => checkRoundDays({ ...round, heldOn: '2026-06-21' }, TODAY))).toEqual(
      refused('heldOn'),
    );
  });
});

describe('a dispute’s classification', () => {
  const classification = parseClassification({
    id: 'dongling',
    version: '2027.1',
    name: '东岭省信访事项内容分类',
    categories: [
      {
        code: '01',
        name: '城乡建设',
        subcategories: [
          { code: '0101', name: '征地拆迁' },
          { code: '0102', name: '房屋拆迁', retired: true },
        ],
      },
    ],
  });

  it('takes a code of either level of the classification in force, with its category', () => {
    expect(screenedMatter(classification, '01')).toMatchObject({ code: '01', category: '01' });
    expect(screenedMatter(classification, '0101')).toMatchObject({ code: '0101', category: '01' });
  });

  it('refuses an unknown or retired code, naming the field', () => {
    expect(answer(() => screenedMatter(classification, '0999'))).toEqual(refused('classification'));
    expect(answer(() => screenedMatter(classification, '0102'))).toEqual(refused('classification'));
  });
});

describe('the request bodies', () => {
  const dispute = {
    classification: '01',
    summary: '边界争议',
    place: '石桥村',
    parties: 2,
    riskLevel: 'low',
  };

  it('counts the parties, at least one, and takes no names', () => {
    expect(RecordDisputeSchema.safeParse(dispute).success).toBe(true);
    expect(RecordDisputeSchema.safeParse({ ...dispute, parties: 0 }).success).toBe(false);
    expect(RecordDisputeSchema.safeParse({ ...dispute, parties: 1.5 }).success).toBe(false);
    expect(RecordDisputeSchema.safeParse({ ...dispute, parties: ['张三'] }).success).toBe(false);
    expect(RecordDisputeSchema.safeParse({ ...dispute, partyNames: ['张三'] }).success).toBe(false);
  });

  it('takes a known risk level and outcome only', () => {
    expect(RecordDisputeSchema.safeParse({ ...dispute, riskLevel: 'extreme' }).success).toBe(false);
    expect(RecordOutcomeSchema.safeParse({ outcome: 'closed', on: TODAY }).success).toBe(false);
  });

  it('records a regular round unless told otherwise', () => {
    const parsed = RecordRoundSchema.parse({
      periodStart: '2026-06-01',
      periodEnd: '2026-06-15',
      heldOn: '2026-06-16',
      ledBy: '王副镇长',
    });
    expect(parsed.kind).toBe('regular');
  });
});

describe('a dispute’s outcomes', () => {
  const entry = (
    outcome: OutcomeRow['outcome'],
    on: string,
    petitionId: string | null = null,
  ): OutcomeRow => ({
    outcome,
    on,
    petitionId,
    note: null,
    recordedBy: 'supervisor',
    unitId: 'qingshan-petition-bureau',
    recordedAt: `${on}T02:00:00.000Z`,
  });

  it('links a case with `petition`, and only then', () => {
    expect(answer(() => checkPetitionLink('petition', 'XF-2026-000001'))).toBe('ok');
    expect(answer(() => checkPetitionLink('petition', undefined))).toEqual(refused('petitionId'));
    expect(answer(() => checkPetitionLink('mediated', 'XF-2026-000001'))).toEqual(refused('petitionId'));
    expect(answer(() => checkPetitionLink('resolved', undefined))).toBe('ok');
  });

  it('dates an outcome from the day the dispute was found up to today', () => {
    expect(answer(() => checkOutcomeDay('2026-06-16', '2026-06-16', TODAY))).toBe('ok');
    expect(answer(() => checkOutcomeDay('2026-06-15', '2026-06-16', TODAY))).toEqual(refused('on'));
    expect(answer(() => checkOutcomeDay('2026-06-21', '2026-06-16', TODAY))).toEqual(refused('on'));
  });

  it('keeps the history in the order things happened, and records changes only', () => {
    const history = [entry('mediated', '2026-06-17')];
    expect(answer(() => checkOutcomeChange([], { outcome: 'resolved', on: '2026-06-16' }))).toBe('ok');
    expect(answer(() => checkOutcomeChange(history, { outcome: 'resolved', on: '2026-06-17' }))).toBe('ok');
    expect(answer(() => checkOutcomeChange(history, { outcome: 'resolved', on: '2026-06-16' }))).toEqual(
      refused('on'),
    );
    expect(answer(() => checkOutcomeChange(history, { outcome: 'mediated', on: '2026-06-18' }))).toEqual({
      status: 409,
      code: 'outcome_unchanged',
      fields: [],
    });
    // A new dispute is open already: recording open is no change.
    expect(answer(() => checkOutcomeChange([], { outcome: 'open', on: '2026-06-16' }))).toMatchObject({
      status: 409,
    });
    const linked = [entry('petition', '2026-06-17', 'XF-2026-000001')];
    expect(
      answer(() =>
        checkOutcomeChange(linked, { outcome: 'petition', on: '2026-06-18', petitionId: 'XF-2026-000002' }),
      ),
    ).toBe('ok');
    expect(
      answer(() =>
        checkOutcomeChange(linked, { outcome: 'petition', on: '2026-06-18', petitionId: 'XF-2026-000001' }),
      ),
    ).toMatchObject({ status: 409 });
  });
});
