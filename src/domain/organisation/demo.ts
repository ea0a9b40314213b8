import fs from 'node:fs';
import path from 'node:path';
import type { Pool } from 'pg';
import type { OrganisationRows } from '../../db/organisation-store';
import type { OrganisationFile } from './file-format';
import { importOrganisation, type ImportResult } from './import';
import { formatFileErrors, parseOrganisationFile } from './parse';
import { rowsOfFile } from './plan';

/** The demo organisation's file: what `npm start`, dev-services and the tests import. */
export const DEMO_ORGANISATION_FILE = path.join(__dirname, 'demo-organisation.yaml');

function readDemoFile(): OrganisationFile {
  const parsed = parseOrganisationFile(fs.readFileSync(DEMO_ORGANISATION_FILE, 'utf8'));
  if (!parsed.ok) throw new Error(formatFileErrors(DEMO_ORGANISATION_FILE, parsed.errors));
  return parsed.file;
}

/** The demo's regions, units and users as rows (the tests read logins, units and roles from here). */
export const DEMO_ORGANISATION: OrganisationRows = rowsOfFile(readDemoFile());

/**
 * Imports the demo file — through `org import`'s own path — into a database that holds nothing else: an empty
 * one, or one with the demo of an earlier version. A database with active units or users the demo does not
 * have (an organisation imported from a file, staff added by hand) keeps them: the demo is not imported there,
 * as its import would deactivate them. Answers what was done, or undefined when skipped.
 */
export async function seedDemoOrganisation(pool: Pool): Promise<ImportResult | undefined> {
  const { rows } = await pool.query<{ foreign: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM units WHERE active AND NOT id = ANY($1::text[]))
         OR EXISTS (SELECT 1 FROM users WHERE active AND NOT login = ANY($2::text[])) AS foreign`,
    [DEMO_ORGANISATION.units.map((u) => u.id), DEMO_ORGANISATION.users.map((u) => u.login)],
  );
  if (rows[0]?.foreign) return undefined;
  return importOrganisation(pool, readDemoFile());
}
