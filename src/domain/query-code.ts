import { createHmac, timingSafeEqual } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789'; // no 0/O, 1/I/L, U: read out over the phone

/**
 * The case's query code (查询码), printed on the registration slip: the petitioner's key to the public
 * lookup and evaluation. Derived from the deployment's secret and the case id (16 characters, ~78 bits), so it
 * is never stored and a retried registration gives the same code; unguessable without the secret.
 */
export function queryCodeOf(secret: string, petitionId: string): string {
  const digest = createHmac('sha256', secret).update(`query-code\n${petitionId}`).digest();
  return Array.from(digest.subarray(0, 16), (byte) => ALPHABET[byte % ALPHABET.length]).join('');
}

/** Constant-time check of a code as typed (case and dashes ignored). */
export function queryCodeMatches(secret: string, petitionId: string, typed: string): boolean {
  const expected = Buffer.from(queryCodeOf(secret, petitionId));
  const given = Buffer.from(typed.toUpperCase().replace(/[-\s]/g, ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}
