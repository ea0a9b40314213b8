import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';

/**
 * The token-signing secret: AUTH_SECRET when set; on embedded defaults (no DATABASE_URL) a random
 * secret kept in the data folder, so tokens survive a restart without anyone configuring one.
 */
export function resolveAuthSecret(config: Config): string {
  if (config.AUTH_SECRET) return config.AUTH_SECRET;
  if (config.DATABASE_URL) {
    throw new Error(
      'AUTH_SECRET must be set (32 characters or more) when DATABASE_URL points at a real database',
    );
  }
  const file = path.join(config.dataDir, 'auth-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return fs.readFileSync(file, 'utf8').trim();
}
