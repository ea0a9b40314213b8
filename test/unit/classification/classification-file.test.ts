import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ClassificationError,
  classificationOf,
  defaultClassification,
  loadClassificationFile,
  parseClassification,
  subjectMatterOf,
} from '../../../src/domain/classification';
import { classificationJsonSchema } from '../../../src/domain/classification/schema';
import { AppError } from '../../../src/domain/errors';

/** A small valid file; each test spoils one thing. */
const province = () => ({
  id: 'dongling',
  version: '2027.1',
  name: '东岭省信访事项内容分类',
  categories: [
    {
      code: '01',
      name: '城乡建设',
      subcategories: [
        { code: '0101', name: '征地拆迁', label: 'Land expropriation' },
        { code: '0102', name: '房屋拆迁' },
      ],
    },
    { code: '02', name: '政法', subcategories: [{ code: '0201', name: '涉法涉诉' }] },
    { code: '99', name: '其他' },
  ],
});

const problemsOf = (raw: unknown): string[] => {
  try {
    parseClassification(raw, 'test.json');
  } catch (err) {
    expect(err).toBeInstanceOf(ClassificationError);
    return (err as ClassificationError).problems;
  }
  throw new Error('the file was accepted');
};

describe('the built-in classification', () => {
  const classification = defaultClassification();

  it('covers the subject matters the field documents name (bureau-practice S4), each at its level', () => {
    const subsOf = (name: string) => {
      const category = classification.toJSON().categories.find((c) => c.name.startsWith(name));
      expect(category).toBeDefined();
      return (category!.subcategories ?? []).map((s) => s.name);
    };
    expect(subsOf('城乡建设')).toEqual(expect.arrayContaining(['征地拆迁', '房屋拆迁', '房地产交房办证']));
    expect(subsOf('劳动和社会保障')).toContain('拖欠农民工工资');
    expect(subsOf('农村农业')).toContain('村务财务');
    expect(subsOf('政法')).toContain('涉法涉诉');
    expect(subsOf('民政')).toContain('民政救济');
    expect(subsOf('卫生健康')).toContain('医患纠纷');
    for (const name of ['国土资源', '干部作风', '退役军人事务', '教育', '生态环境', '市场监管', '其他'])
      subsOf(name);
    expect(classification.reference).toBe('petitionflow-default@2026.1');
  });

  it('finds a code of either level with its category', () => {
    expect(classification.find('political-and-legal.litigation-related')).toEqual({
      code: 'political-and-legal.litigation-related',
      name: '涉法涉诉',
      label: 'Matters before or decided by the courts',
      level: 'subcategory',
      category: 'political-and-legal',
      retired: false,
    });
    expect(classification.find('cadre-conduct')).toMatchObject({
      level: 'category',
      category: 'cadre-conduct',
    });
    expect(classification.find('housing')).toBeUndefined();
  });

  it('is what classificationOf gives without a CLASSIFICATION_FILE', () => {
    expect(classificationOf(undefined)).toBe(classification);
  });
});

describe('a province’s file', () => {
  it('loads from disk and replaces the built-in list', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'classification-'));
    const file = path.join(dir, 'dongling.json');
    fs.writeFileSync(file, JSON.stringify(province()));
    const loaded = classificationOf(file);
    expect(loaded.reference).toBe('dongling@2027.1');
    expect(loaded.find('0201')).toMatchObject({ name: '涉法涉诉', category: '02' });
    expect(loaded.find('urban-construction')).toBeUndefined();
  });

  it('that is missing or not JSON is refused with the file named', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'classification-'));
    expect(() => loadClassificationFile(path.join(dir, 'absent.json'))).toThrow(
      /absent\.json[\s\S]*cannot be read/,
    );
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, '{"id": ');
    expect(() => loadClassificationFile(broken)).toThrow(/broken\.json[\s\S]*is not JSON/);
  });

  it('names every problem with its place', () => {
    const file = province();
    file.categories[0]!.subcategories![1]!.code = '0101';
    file.categories[1]!.subcategories![0]!.name = '';
    (file.categories[2] as Record<string, unknown>).colour = 'red';
    file.categories.push({ code: 'Bad Code', name: '其他' });
    expect(problemsOf(file)).toEqual(
      expect.arrayContaining([
        "categories[01].subcategories[0101].code: code '0101' is used twice (categories.0.subcategories.0)",
        expect.stringMatching(/^categories\[02\]\.subcategories\[0201\]\.name: /),
        expect.stringMatching(/^categories\[99\]: .*colour/),
        expect.stringMatching(/^categories\[Bad Code\]\.code: must be lower-case/),
        "categories[Bad Code].name: name '其他' is used twice",
      ]),
    );
  });

  it('needs an id, a version and at least one category in use', () => {
    expect(problemsOf({ ...province(), version: undefined })).toEqual([expect.stringMatching(/^version: /)]);
    expect(problemsOf({ ...province(), categories: [] })).toEqual([expect.stringMatching(/^categories: /)]);
    const allRetired = province();
    allRetired.categories = [{ code: '99', name: '其他', retired: true } as never];
    expect(problemsOf(allRetired)).toEqual(['categories: at least one category must be in use']);
  });

  it('cannot retire a category and keep its sub-categories in use', () => {
    const file = province();
    (file.categories[1] as Record<string, unknown>).retired = true;
    expect(problemsOf(file)).toEqual([
      'categories[02].retired: a retired category cannot keep sub-categories in use (retire them too)',
    ]);
  });
});

describe('what a registration may name', () => {
  const classification = parseClassification(
    {
      ...province(),
      categories: [
        ...province().categories,
        {
          code: '03',
          name: '旧类别',
          retired: true,
          subcategories: [{ code: '0301', name: '旧子类', retired: true }],
        },
      ],
    },
    'test.json',
  );

  it('a code of either level', () => {
    expect(subjectMatterOf(classification, '0102')).toMatchObject({ level: 'subcategory', category: '01' });
    expect(subjectMatterOf(classification, '01')).toMatchObject({ level: 'category', category: '01' });
  });

  it.each([
    ['an unknown code', 'housing', /unknown subject-matter code 'housing' \(classification dongling@2027\.1/],
    ['a retired code', '0301', /'0301' is retired/],
  ])('not %s: 422 naming the field', (_what, code, message) => {
    let error: unknown;
    try {
      subjectMatterOf(classification, code);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect([appError.status, appError.code]).toEqual([422, 'validation_failed']);
    expect((appError.details as { fields: Array<{ path: string }> }).fields[0]!.path).toBe('domain');
    expect(appError.message).toMatch(message);
  });

  it('reports list the codes in use, by category or by sub-category, and name what they do not list', () => {
    expect(classification.reportKeys('category').map((k) => k.key)).toEqual(['01', '02', '99']);
    expect(classification.reportKeys('subcategory')).toEqual([
      { key: '0101', label: '征地拆迁', category: '01' },
      { key: '0102', label: '房屋拆迁', category: '01' },
      { key: '0201', label: '涉法涉诉', category: '02' },
      { key: '99', label: '其他', category: '99' },
    ]);
    expect(classification.extraKey('01', 'subcategory', '01')).toEqual({
      key: '01',
      label: '城乡建设（未细分）',
      category: '01',
    });
    expect(classification.extraKey('0301', 'subcategory', '03')).toEqual({
      key: '0301',
      label: '旧子类',
      category: '03',
    });
    expect(classification.extraKey('housing', 'category', 'urban-construction')).toEqual({
      key: 'housing',
      label: 'housing',
      category: 'urban-construction',
    });
  });
});

describe('the migration of the 12 former codes (1796000000009)', () => {
  it('maps each onto a code of the built-in file, under that code’s category', () => {
    const sql = fs.readFileSync(
      path.join(__dirname, '../../../src/db/migrations/1796000000009_subject-classification.sql'),
      'utf8',
    );
    const up = sql.slice(0, sql.indexOf('-- Down Migration'));
    const rows = [...up.matchAll(/\('([a-z-]+)',\s*'([a-z.-]+)',\s*'([a-z-]+)'\)/g)].map((m) => m.slice(1));
    expect(rows.map(([old]) => old).sort()).toEqual(
      [
        'housing',
        'labour-and-social-security',
        'land-and-resources',
        'urban-construction',
        'market-regulation',
        'public-security',
        'civil-affairs',
        'education',
        'health',
        'environment',
        'agriculture',
        'other',
      ].sort(),
    );
    for (const [, code, category] of rows) {
      expect([code, defaultClassification().find(code!)?.category]).toEqual([code, category]);
    }
    expect(up).toContain(`'${defaultClassification().reference}'`);
  });
});

describe('the JSON Schema for editors', () => {
  it('is docs/classification.schema.json, generated from the loader’s schema', () => {
    const file = path.join(__dirname, '../../../docs/classification.schema.json');
    // Regenerate: write `classificationJsonSchema()` (src/domain/classification/schema.ts) to the file.
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(classificationJsonSchema());
  });
});
