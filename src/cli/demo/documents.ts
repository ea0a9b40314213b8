import fs from 'node:fs';
import path from 'node:path';
import { FatalDemoError } from './api-client';

/** The documents a bureau hands on, as the demo leaves them: the quarter's briefing and the month's analysis. */
const DOCUMENTS = [
  { report: 'briefing', format: 'docx', period: 'quarter' },
  { report: 'briefing', format: 'xlsx', period: 'quarter' },
  { report: 'analysis', format: 'docx', period: 'month' },
] as const;

/** `2026Q4` and `2026-11` of an Asia/Shanghai date. */
const quarterOf = (today: string) => `${today.slice(0, 4)}Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;
const monthOf = (today: string) => today.slice(0, 7);

/**
 * Downloads, as the county bureau's supervisor, the briefing of today's quarter (Word and Excel) and the
 * analysis of today's month (Word) through the API into `dir`, so that a fresh machine shows them; answers
 * the files written.
 */
export async function saveReportDocuments(options: {
  apiUrl: string;
  mint: (login: string) => Promise<string>;
  today: string;
  dir: string;
  say: (message: string) => void;
}): Promise<string[]> {
  fs.mkdirSync(options.dir, { recursive: true });
  const token = await options.mint('supervisor');
  const written: string[] = [];
  for (const { report, format, period } of DOCUMENTS) {
    const value = period === 'quarter' ? quarterOf(options.today) : monthOf(options.today);
    const url = `${options.apiUrl}/api/reports/${report}?${period}=${value}&format=${format}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok)
      throw new FatalDemoError(`GET ${url} answered ${response.status}: ${await response.text()}`);
    const file = path.join(options.dir, `${report}-${value}.${format}`);
    fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    written.push(file);
  }
  options.say(`documents: ${written.join(', ')}`);
  return written;
}
