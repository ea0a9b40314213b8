import fs from 'node:fs';
import path from 'node:path';

/**
 * A file of the project (bin/, deploy/) by its path from the project folder, found from this module
 * in a clone (src/dev-services) as in a build (dist/src/dev-services).
 */
export function projectFile(relative: string): string {
  const candidates = [
    path.resolve(__dirname, '..', '..', relative),
    path.resolve(__dirname, '..', '..', '..', relative),
  ];
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) throw new Error(`${relative} not found in the project folder`);
  return found;
}
