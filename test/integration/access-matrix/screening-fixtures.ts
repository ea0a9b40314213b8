import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../support/harness';
import type { Case } from './cases';

/**
 * A screening round of a unit (key `screening@<unit>`) with one open dispute, written as the register stores
 * them: the rows' own and other side are a round of the caller's unit and one of a unit outside every scope.
 * January 2024: no other test screens then.
 */
export async function screeningCase(app: TestApp, unitId: string): Promise<Case> {
  const roundId = `scr-${randomUUID()}`;
  const disputeId = `dsp-${randomUUID()}`;
  await app.pool.query(
    `INSERT INTO screening_rounds (id, unit_id, kind, period_start, period_end, held_on, led_by, recorded_by, request_id)
     VALUES ($1, $2, 'regular', '2024-01-01', '2024-01-15', '2024-01-16', '矩阵测试', 'supervisor', $1)`,
    [roundId, unitId],
  );
  await app.pool.query(
    `INSERT INTO screening_disputes (id, round_id, classification_code, classification_category, classification_version,
       summary, place, parties, risk_level, handling_unit_id, recorded_by, request_id)
     VALUES ($1, $2, 'other', 'other', 'petitionflow-default@2026.1', '矩阵测试', '某村', 2, 'low', $3, 'supervisor', $1)`,
    [disputeId, roundId, unitId],
  );
  return { id: roundId, params: { roundId, disputeId }, unitId };
}
