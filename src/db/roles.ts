/** The role the API and the workers act as: rows only, the audit trail append-only (see its migration). */
export const RUNTIME_ROLE = 'petitionflow_runtime';

/**
 * The same database URL, with every session switched to the runtime role at connection (`-c role=…`): for a
 * deployment whose login user may act as the migrator too, as the embedded database's does. A production
 * login role granted only the runtime role needs no switch.
 */
export function asRuntimeRole(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c role=${RUNTIME_ROLE}`);
  return url.toString();
}
