import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/** LibreOffice (Debian's libreoffice-writer-nogui, which .ci/run installs), or undefined when absent. */
export function sofficePath(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/** Asynchronous: a test's idle keep-alive connections must see the server close them meanwhile. */
async function convert(file: string, to: string, read: (converted: string) => void) {
  const soffice = sofficePath();
  if (!soffice) throw new Error('No soffice: apt-get install libreoffice-writer-nogui (as .ci/run does)');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'petitionflow-office-'));
  try {
    await promisify(execFile)(
      soffice,
      [
        `-env:UserInstallation=file://${work}/profile`,
        '--headless',
        '--convert-to',
        to,
        '--outdir',
        work,
        file,
      ],
      { timeout: 120_000 },
    );
    const extension = to.split(':')[0]!;
    read(path.join(work, `${path.basename(file, path.extname(file))}.${extension}`));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * A Word file as LibreOffice reads it: converted headless to plain text. Each call has a profile of its
 * own, so that parallel test files do not wait on one another's lock.
 */
export async function wordFileText(file: string): Promise<string> {
  let text = '';
  await convert(file, 'txt:Text (encoded):UTF8', (converted) => (text = fs.readFileSync(converted, 'utf8')));
  return text;
}

/** A Word file printed by LibreOffice to PDF (for a person to look at), written to `pdfFile`. */
export async function wordFileToPdf(file: string, pdfFile: string): Promise<void> {
  await convert(file, 'pdf', (converted) => fs.copyFileSync(converted, pdfFile));
}
