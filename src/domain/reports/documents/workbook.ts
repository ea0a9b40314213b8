import { Workbook } from 'exceljs';
import type { CsvColumn } from '../csv';
import { NO_DATA_TEXT, NO_RATE_TEXT } from './no-data';

/** One sheet: a report's table with the CSV's columns (Chinese headers as in the CSV) and rows. */
export interface SheetSpec {
  name: string;
  columns: Array<CsvColumn<never>>;
  rows: unknown[];
}

type Cell = string | number | null | undefined;

/** The CSV writes shares as text ("25.0"); a workbook wants the number, formatted. */
const NUMERIC_TEXT = /^-?\d+(\.\d+)?$/;
const asCell = (value: Cell): Cell =>
  typeof value === 'string' && NUMERIC_TEXT.test(value) ? Number(value) : value;

/** The columns whose unit is the row's: a summary line's value and its earlier values. */
const VALUE_HEADERS = ['数值', '上期', '上年同期'];

/** A percentage has one decimal (as the API rounds it); a count is a whole number. The summary's lines say
 * in their label (指标) whether the value (数值, and 上期 / 上年同期 beside it) is a percentage. */
const isPercent = (header: string, rowLabel: Cell) =>
  header.includes('%') ||
  (VALUE_HEADERS.includes(header) && typeof rowLabel === 'string' && rowLabel.includes('(%)'));

function addSheet(book: Workbook, spec: SheetSpec) {
  // Excel refuses a sheet name over 31 characters or with []:*?/\.
  const sheet = book.addWorksheet(spec.name.replaceAll(/[[\]:*?/\\]/g, '_').slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  const header = sheet.addRow(spec.columns.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } };
    cell.border = { bottom: { style: 'thin' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
  });
  const rows = spec.rows as never[];
  for (const row of rows) {
    const values = spec.columns.map((c) => asCell(c.value(row)));
    // null is a rate with nothing due ("no data"); undefined a cell the row does not have (left empty).
    const added = sheet.addRow(values.map((v) => (v === null ? NO_RATE_TEXT : (v ?? null))));
    values.forEach((value, i) => {
      if (typeof value !== 'number') return;
      added.getCell(i + 1).numFmt = isPercent(spec.columns[i]!.header, values[0]) ? '0.0' : '#,##0';
    });
  }
  if (rows.length === 0) sheet.addRow([NO_DATA_TEXT]);
  // Wide enough for the longest text of each column (a Chinese character takes two widths).
  spec.columns.forEach((column, i) => {
    let widest = 0;
    sheet.getColumn(i + 1).eachCell((cell) => {
      const text = String(cell.value ?? '');
      widest = Math.max(
        widest,
        [...text].reduce((w, ch) => w + (ch.charCodeAt(0) > 0xff ? 2 : 1), 0),
      );
    });
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, widest + 2));
  });
}

/** The sheets as an .xlsx workbook. */
export async function workbookOf(sheets: SheetSpec[]): Promise<Buffer> {
  const book = new Workbook();
  book.creator = 'petitionflow';
  for (const spec of sheets) addSheet(book, spec);
  return Buffer.from(await book.xlsx.writeBuffer());
}
