import fs from 'node:fs';
import path from 'node:path';

/**
 * The release line of a local data folder (`.data/`): the line its cases were started on. Histories from
 * before the first release ran workflow code that is gone (CHANGELOG.md, 1.0.0), so a folder from then is
 * refused before anything starts, rather than failing its cases' workflow tasks one by one.
 */
export const DATA_LINE = 1;
const MARKER = 'petitionflow-data-line';

export class DataLineError extends Error {}

/** Checks a data folder (created if missing) against this release line; marks a new one. */
export function checkDataLine(dataDir: string): void {
  const marker = path.join(dataDir, MARKER);
  if (fs.existsSync(marker)) {
    const line = Number(fs.readFileSync(marker, 'utf8').trim());
    if (line === DATA_LINE) return;
    throw new DataLineError(
      `The data folder ${dataDir} is of release line ${line}; this petitionflow runs line ${DATA_LINE}. ` +
        'Nothing was started. Use the petitionflow that wrote it, or move the folder aside.',
    );
  }
  const written = ['temporal.db', 'postgres'].some((entry) => fs.existsSync(path.join(dataDir, entry)));
  if (written) {
    throw new DataLineError(
      `The data folder ${dataDir} was written before petitionflow 1.0.0 (see CHANGELOG.md): its cases ran ` +
        'workflow code this version no longer has, and it is not carried over. Nothing was started. Move it ' +
        `aside (mv ${dataDir} ${dataDir}-prerelease) or remove it (rm -rf ${dataDir}), then start again.`,
    );
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  fs.writeFileSync(marker, `${DATA_LINE}\n`);
}
