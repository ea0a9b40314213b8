import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The embedded PostgreSQL's superuser (the migrator on embedded defaults; the app acts as the runtime role). */
export const SUPERUSER = 'postgres';
/** What clusters initialised before the random password had: refused on every cluster since (F7). */
export const OLD_DEFAULT_PASSWORD = 'postgres';

/**
 * Beside the data directory rather than in it: initdb wants an empty directory, and the password must be
 * on disk before initdb (or before an old cluster's password is changed) so that no crash loses it.
 */
export function superuserPasswordFile(dataDir: string): string {
  return `${path.resolve(dataDir)}.password`;
}

/** The superuser's password of the cluster in `dataDir`, if one was ever made. */
export function readSuperuserPassword(dataDir: string): string | undefined {
  try {
    return fs.readFileSync(superuserPasswordFile(dataDir), 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** The password kept for `dataDir`, or a new random one written first (readable by its owner only). */
export function ensureSuperuserPassword(dataDir: string): string {
  const file = superuserPasswordFile(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, `${randomBytes(24).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return readSuperuserPassword(dataDir)!;
}
