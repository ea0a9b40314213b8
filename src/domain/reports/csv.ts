/** A column of a CSV report: its header (Chinese, as the bureau's spreadsheets have it) and its cell. */
export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => string | number | null | undefined;
}

/** Excel opens a UTF-8 file as UTF-8 (Chinese intact) only when it starts with a byte order mark. */
const BOM = '\uFEFF';

function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // Quote what would break the row, and what a spreadsheet would run as a formula (CSV injection).
  const guarded = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(guarded) || guarded !== text ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** RFC 4180 CSV with CRLF line ends, UTF-8 with a byte order mark. */
export function toCsv<Row>(columns: Array<CsvColumn<Row>>, rows: Row[]): string {
  const lines = [
    columns.map((c) => cell(c.header)),
    ...rows.map((row) => columns.map((c) => cell(c.value(row)))),
  ];
  return BOM + lines.map((line) => line.join(',')).join('\r\n') + '\r\n';
}
