import type { Pool } from 'pg';
import { registerOfCase } from '../../db/visits';

/** What the case detail shows of the visit register: the visits on the case and its leaders' instructions. */
export async function caseVisitsOf(pool: Pool, petitionId: string) {
  const { visits, instructions } = await registerOfCase(pool, petitionId);
  return {
    visits: {
      count: visits.length,
      batches: visits.reduce((sum, v) => sum + v.batches, 0),
      persons: visits.reduce((sum, v) => sum + v.persons, 0),
      items: visits,
    },
    leaderInstructions: { count: instructions.length, items: instructions },
  };
}
