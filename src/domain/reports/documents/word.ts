import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { CsvColumn } from '../csv';
import { chartPng, type ChartSize } from './chart-images';
import type { EChartsCoreOption } from 'echarts';
import { NO_DATA_TEXT, NO_RATE_TEXT } from './no-data';

/** Building blocks of the Word documents: 仿宋/黑体 as government documents use, A4, tables and charts. */

export type Block = Paragraph | Table;

const BODY_FONT = { ascii: 'FangSong', eastAsia: '仿宋', hAnsi: 'FangSong' };
const HEADING_FONT = { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei' };
/** The width between the margins of A4 with 2.5 cm margins, in pixels at 96 per inch (as ImageRun takes). */
const TEXT_WIDTH_PX = 605;

export const title = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 240 },
    children: [new TextRun({ text, bold: true, size: 36, font: HEADING_FONT })],
  });

export const subtitle = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 240 },
    children: [new TextRun({ text, size: 24, font: BODY_FONT })],
  });

export const heading = (text: string) =>
  new Paragraph({
    heading: HeadingLevel.HEADING_2,
    // A heading stays on the page of what it heads.
    keepNext: true,
    spacing: { before: 240, after: 120 },
    children: [new TextRun({ text, bold: true, size: 28, font: HEADING_FONT })],
  });

/** A body paragraph, first line indented by two characters as Chinese documents are set. */
export const paragraph = (text: string) =>
  new Paragraph({
    indent: { firstLine: 640 },
    spacing: { line: 420 },
    children: [new TextRun({ text, size: 28, font: BODY_FONT })],
  });

const cellOf = (text: string, header: boolean) =>
  new TableCell({
    shading: header ? { type: ShadingType.CLEAR, fill: 'D9E2F3', color: 'auto' } : undefined,
    children: [
      new Paragraph({
        alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: header, size: 21, font: BODY_FONT })],
      }),
    ],
  });

/** The text's width on A4 with 2.5 cm margins, in twips. */
const TEXT_WIDTH_TWIPS = 9072;
/** The first column holds the names (指标, 责任单位): twice the room of a figure's column. */
function columnWidths(count: number): number[] {
  const unit = Math.floor(TEXT_WIDTH_TWIPS / (count + 1));
  return [TEXT_WIDTH_TWIPS - unit * (count - 1), ...Array.from({ length: count - 1 }, () => unit)];
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '808080' };

/** A table of text; an empty one says 本期无数据 in a row of its own. */
export function table(headers: string[], rows: string[][]): Table {
  const body = rows.length > 0 ? rows : [[NO_DATA_TEXT, ...headers.slice(1).map(() => '')]];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: columnWidths(headers.length),
    borders: {
      top: BORDER,
      bottom: BORDER,
      left: BORDER,
      right: BORDER,
      insideHorizontal: BORDER,
      insideVertical: BORDER,
    },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h) => cellOf(h, true)) }),
      ...body.map((row) => new TableRow({ children: row.map((text) => cellOf(text, false)) })),
    ],
  });
}

const cellText = (value: string | number | null | undefined) =>
  value === null ? NO_RATE_TEXT : value === undefined ? '' : String(value);

/** A report's CSV table in Word, without the code columns (a code means nothing on paper). */
export function tableOfColumns<Row>(columns: Array<CsvColumn<Row>>, rows: Row[]): Table {
  const shown = columns.filter((c) => !c.header.includes('代码'));
  return table(
    shown.map((c) => c.header),
    rows.map((row) => shown.map((c) => cellText(c.value(row)))),
  );
}

/** A chart as a picture, as wide as the text (or as given) and centred. */
export async function chart(
  option: EChartsCoreOption,
  size: ChartSize = { width: TEXT_WIDTH_PX, height: 300 },
): Promise<Paragraph> {
  const data = await chartPng(option, size);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 120, after: 120 },
    children: [new ImageRun({ type: 'png', data, transformation: size })],
  });
}

/** The blocks as an A4 .docx; the charts among them are drawn side by side. */
export async function docxOf(pending: Array<Block | Promise<Block>>, description: string): Promise<Buffer> {
  const blocks = await Promise.all(pending);
  const document = new Document({
    creator: 'petitionflow',
    description,
    styles: { default: { document: { run: { font: BODY_FONT, size: 24 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1417, bottom: 1417, left: 1417, right: 1417 },
          },
        },
        children: blocks,
      },
    ],
  });
  return Packer.toBuffer(document);
}
