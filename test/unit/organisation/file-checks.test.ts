import fs from 'node:fs';
import path from 'node:path';
import { organisationJsonSchemaText } from '../../../src/domain/organisation/file-format';
import { parseOrganisationFile } from '../../../src/domain/organisation/parse';

/** A small valid file; each test breaks one thing and expects that error on its line. */
const VALID = `version: 1
regions:
  - id: p
    name: 东岭省
    level: province
    ruleSet: national-2022
  - id: c
    name: 云州市
    level: city
    parent: p
  - id: t
    name: 白石镇
    level: township
    parent: k
  - id: k
    name: 青山县
    level: county
    parent: c
units:
  - id: p-bureau
    name: 省信访局
    kind: petition-bureau
    region: p
  - id: k-bureau
    name: 县信访局
    kind: petition-bureau
    region: k
    parent: p-bureau
  - id: k-gov
    name: 县人民政府
    kind: government
    region: k
  - id: k-housing
    name: 县住建局
    kind: department
    region: k
    reviewBody: k-gov
  - id: t-gov
    name: 镇人民政府
    kind: township-government
    region: t
    parent: k-gov
users:
  - login: registrar
    name: Registrar
    unit: k-bureau
    roles: [registrar]
    mobile: '+8613900000000'
    mail: registrar@example.org
`;

/** Replaces one line of VALID (1-based) with `text` (several lines allowed). */
function withLine(line: number, text: string, base = VALID): string {
  const lines = base.split('\n');
  lines.splice(line - 1, 1, ...text.split('\n'));
  return lines.join('\n');
}

function errorsOf(text: string) {
  const parsed = parseOrganisationFile(text);
  if (parsed.ok) throw new Error('expected errors, the file passed');
  return parsed.errors.map((e) => `${e.line}: ${e.message}`);
}

it('accepts the valid file (a township under its county listed after it; review by the county government)', () => {
  const parsed = parseOrganisationFile(VALID);
  expect(parsed.ok).toBe(true);
});

it('accepts JSON too (JSON is YAML), with lines', () => {
  const json = JSON.stringify(
    { version: 1, regions: [], units: [{ id: 'x', name: 'X', kind: 'department', region: 'r' }] },
    null,
    2,
  );
  expect(errorsOf(json)).toEqual([
    expect.stringMatching(/^9: units\[0\]\.region: region 'r' is not a region/),
  ]);
});

describe('names each error with its line', () => {
  it.each([
    [
      'a YAML syntax error',
      4,
      '    name: [东岭省',
      /^5: Flow sequence in block collection must be sufficiently indented/,
    ],
    ['a key twice', 5, '    level: province\n    level: city', /^6: Map keys must be unique/],
    ['an unknown role', 47, '    roles: [registrar, chief]', /^47: users\[0\]\.roles\[1\]: Invalid option/],
    ['an unknown field', 37, '    reviewbody: k-gov', /^33: units\[3\]: Unrecognized key: "reviewbody"/],
    ['a missing field', 46, '', /^44: users\[0\]\.unit: /],
    [
      'a dangling region parent',
      10,
      '    parent: nowhere',
      /^10: regions\[1\]\.parent: parent 'nowhere' is not a region of the file/,
    ],
    [
      'a region under the wrong level',
      14,
      '    parent: c',
      /^14: regions\[2\]\.parent: a township cannot stand under the city 'c'/,
    ],
    ['a city without a parent', 10, '', /^7: regions\[1\]: a city needs a parent region/],
    [
      'an unknown rule set',
      6,
      '    ruleSet: atlantis-2030',
      /^6: regions\[0\]\.ruleSet: unknown rule set 'atlantis-2030' \(known: .*national-2022/,
    ],
    ['a province without a rule set', 6, '', /^3: regions\[0\]: province 'p' names no ruleSet/],
    [
      'a rule set on a city',
      10,
      '    parent: p\n    ruleSet: national-2022',
      /^11: regions\[1\]\.ruleSet: only a province names a rule set/,
    ],
    [
      'a unit whose region does not exist',
      27,
      '    region: kk',
      /^27: units\[1\]\.region: region 'kk' is not a region of the file/,
    ],
    [
      'a dangling unit parent',
      28,
      '    parent: nobody',
      /^28: units\[1\]\.parent: parent 'nobody' is not a unit of the file/,
    ],
    [
      'a parent in a region below',
      23,
      '    region: p\n    parent: k-gov',
      /^24: units\[0\]\.parent: parent 'k-gov' is in region 'k', neither 'p' nor a region above it/,
    ],
    [
      'a unit its own parent',
      28,
      '    parent: k-bureau',
      /^28: units\[1\]\.parent: a unit cannot be its own parent/,
    ],
    [
      'a review body that is no government of the same region',
      37,
      '    reviewBody: k-bureau',
      /^37: units\[3\]\.reviewBody: reviewBody 'k-bureau' must be the government/,
    ],
    [
      'a township government in a county',
      41,
      '    region: k',
      /^40: units\[4\]\.kind: a township-government belongs in a township region/,
    ],
    [
      'a department in a township',
      36,
      '    region: t',
      /^35: units\[3\]\.kind: a department cannot stand in the township 't'/,
    ],
    [
      'a user on a unit that does not exist',
      46,
      '    unit: k-nobody',
      /^46: users\[0\]\.unit: unit 'k-nobody' is not a unit of the file/,
    ],
    [
      'a role listed twice',
      47,
      '    roles: [registrar, registrar]',
      /^47: users\[0\]\.roles\[1\]: role 'registrar' listed twice/,
    ],
    ['a malformed mail address', 49, '    mail: registrar', /^49: users\[0\]\.mail: must be a mail address/],
  ])('%s', (_what, line, text, expected) => {
    expect(errorsOf(withLine(line, text))).toEqual([expect.stringMatching(expected)]);
  });

  it('a duplicate id, with the line of the first', () => {
    const text = withLine(
      33,
      '  - id: k-gov\n    name: again\n    kind: government\n    region: k\n  - id: k-housing',
    );
    expect(errorsOf(text)).toEqual(["33: units[3]: duplicate unit 'k-gov' (first at line 29)"]);
  });

  it('a duplicate login, with the line of the first', () => {
    const text = `${VALID}  - login: registrar\n    name: Again\n    unit: k-bureau\n    roles: [handler]\n`;
    expect(errorsOf(text)).toEqual(["50: users[1]: duplicate login 'registrar' (first at line 44)"]);
  });

  it('a cycle of parents, once, at its first unit', () => {
    const text = withLine(28, '    parent: k-jco').replace(
      'users:',
      '  - id: k-jco\n    name: 联席办\n    kind: joint-conference-office\n    region: k\n    parent: k-bureau\nusers:',
    );
    expect(errorsOf(text)).toEqual([
      '28: units[1].parent: units above one another form a cycle: k-bureau → k-jco → k-bureau',
    ]);
  });

  it('an active user on an inactive unit', () => {
    const text = withLine(28, '    parent: p-bureau\n    active: false');
    expect(errorsOf(text)).toEqual(["47: users[0].unit: an active user on the inactive unit 'k-bureau'"]);
  });

  it('an active unit under an inactive parent', () => {
    const text = withLine(23, '    region: p\n    active: false');
    expect(errorsOf(text)).toEqual(["29: units[1].parent: parent 'p-bureau' is inactive"]);
  });

  it('every error of the file at once, in the order of lines', () => {
    const text = withLine(46, '    unit: k-nobody', withLine(10, '    parent: nowhere'));
    expect(errorsOf(text).map((e) => e.split(':')[0])).toEqual(['10', '46']);
  });
});

it('keeps docs/organisation.schema.json equal to the schema it is generated from', () => {
  const committed = JSON.parse(
    fs.readFileSync(path.join(__dirname, '../../../docs/organisation.schema.json'), 'utf8'),
  );
  expect(committed).toEqual(JSON.parse(organisationJsonSchemaText()));
});

it('refuses an alias bomb without expanding it', () => {
  const laughs = ['version: 1', 'units: []', 'regions:', '  - &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 0; i < 12; i++) {
    const prev = String.fromCharCode(97 + i);
    const next = String.fromCharCode(98 + i);
    laughs.push(`  - &${next} [${Array(10).fill(`*${prev}`).join(', ')}]`);
  }
  expect(parseOrganisationFile(laughs.join('\n'))).toEqual({
    ok: false,
    errors: [{ line: 0, message: 'more than 5000000 values once aliases are expanded' }],
  });
});
