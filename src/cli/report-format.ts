import {
  REPORTS,
  type ReportDefinition,
  type ReportEnvelope,
  type ReportName,
} from '../domain/reports/catalogue';

/** Code points a terminal shows two columns wide: CJK ideographs, kana, hangul, full-width forms, emoji. */
const WIDE: Array<[number, number]> = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];
/** Code points that take no column: controls, combining marks, zero-width spaces and joiners, variation selectors. */
const ZERO_WIDTH: Array<[number, number]> = [
  [0x0000, 0x001f],
  [0x007f, 0x009f],
  [0x0300, 0x036f],
  [0x200b, 0x200f],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
];

const within = (ranges: Array<[number, number]>, codePoint: number) =>
  ranges.some(([first, last]) => codePoint >= first && codePoint <= last);

/** Terminal columns a string takes (East Asian width, simply: wide is two, zero-width none, the rest one). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    width += within(ZERO_WIDTH, codePoint) ? 0 : within(WIDE, codePoint) ? 2 : 1;
  }
  return width;
}

const NUMERIC = /^-?\d+(\.\d+)?%?$/;

/**
 * A plain-text table aligned by display width: numbers right-aligned, text left-aligned, two spaces between
 * columns, a rule under the header, no trailing spaces.
 */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((row) => displayWidth(row[column] ?? ''))),
  );
  const line = (row: string[], alignNumbers: boolean) =>
    row
      .map((cell, column) => {
        const padding = ' '.repeat(widths[column]! - displayWidth(cell));
        return alignNumbers && NUMERIC.test(cell) ? padding + cell : cell + padding;
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(header, false), rule, ...rows.map((row) => line(row, true))].join('\n');
}

/** The reports' names as the bureau's own papers head them. */
const REPORT_TITLES: Record<ReportName, string> = {
  summary: '主要指标',
  'by-unit': '责任单位排名',
  'by-channel': '信访渠道分布',
  'by-domain': '诉求领域分布',
  'by-level': '信访层级分布',
  'by-month': '月度趋势',
  backlog: '积案情况',
  supervision: '督办情况',
  briefing: '信访形势分析',
  campaigns: '积案化解专项攻坚',
  analysis: '月度信访形势分析',
};

/** What the report shows, over what, as of when: the line above every table. */
export function reportHeading(envelope: ReportEnvelope): string {
  const { period, scope } = envelope;
  const days = `${period.from} 至 ${period.to}`;
  // A period given by its days is labelled with them: say them once.
  const when = period.label === `${period.from}–${period.to}` ? days : `${period.label}：${days}`;
  return `${REPORT_TITLES[envelope.report]}（${envelope.report}）  ${scope.name}（${scope.unitId}）  ${when}  截至 ${envelope.asOf}`;
}

/** null is "no data" (a rate nothing was due for): a dash; undefined is a cell the row does not have. */
const cellText = (value: string | number | null | undefined) =>
  value === null ? '-' : value === undefined ? '' : String(value);

/** A report for people at a terminal: its heading, then its table (the CSV's rows and columns) or its text. */
export function formatReport(envelope: ReportEnvelope): string {
  const definition: ReportDefinition = REPORTS[envelope.report];
  const parts = [reportHeading(envelope)];
  if (envelope.report === 'backlog') parts.push(backlogFigures(envelope));
  if (definition.csv) {
    const { rows, columns } = definition.csv;
    const cells = rows(envelope).map((row) => columns.map((c) => cellText(c.value(row as never))));
    parts.push(
      cells.length > 0
        ? formatTable(
            columns.map((c) => c.header),
            cells,
          )
        : '（无）',
    );
  } else {
    parts.push(String(envelope.text));
  }
  return parts.join('\n');
}

function backlogFigures(envelope: ReportEnvelope): string {
  const { atStart, atEnd, cleared } = envelope as unknown as {
    atStart: number;
    atEnd: number;
    cleared: number;
  };
  return `期初积案 ${atStart} 件，期末积案 ${atEnd} 件，化解 ${cleared} 件`;
}

/** The report as CSV, byte for byte what `GET /api/reports/<name>?format=csv` sends; undefined for a text report. */
