-- Up Migration

-- The staff queue (待办, GET /api/queue): what each case waits for of a unit — the earliest open deadline a unit
-- must act on (running or overdue, not paused, not the petitioner's own, not a window that lapses and lets the
-- case go on), the unit (unitActingOn), when it is due,
-- when it first warns, whether it is overdue. Written by the event writer's fold (awaitedAction, src/case/state.ts);
-- NULL for a closed case or one that waits for no unit.
ALTER TABLE petitions
  ADD COLUMN action_unit_id      text,
  ADD COLUMN action_due_at       timestamptz,
  ADD COLUMN action_warn_at      timestamptz,
  ADD COLUMN action_deadline_key text,
  ADD COLUMN action_overdue      boolean;

-- awaitedAction over a fold as stored (case_state): for the rows folded before this migration, and to check the
-- two agree (test/integration/queue-api.test.ts). A warning fires at 00:00 Asia/Shanghai `daysBefore` days
-- before the due date; the earliest is the one with the most days. Ties on the due instant: the first listed.
CREATE FUNCTION petition_awaited_action(state jsonb, OUT unit_id text, OUT due_at timestamptz,
                                        OUT warn_at timestamptz, OUT deadline_key text, OUT overdue boolean)
  LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT a.unit_id, a.due_at, a.warn_at, a.deadline_key, a.overdue
    FROM (SELECT nullif(CASE d.value ->> 'responsible'
                          WHEN 'petition-bureau' THEN state ->> 'bureauUnitId'
                          WHEN 'review-body' THEN state #>> '{review,bodyUnitId}'
                          WHEN 'reexamination-body' THEN state #>> '{reexamination,bodyUnitId}'
                          WHEN 'case-owning-leader' THEN coalesce(state ->> 'handlingUnitId', state ->> 'bureauUnitId')
                          ELSE state ->> 'handlingUnitId'
                        END, '') AS unit_id,
                 (d.value ->> 'dueAt')::timestamptz AS due_at,
                 (SELECT (to_char((d.value ->> 'dueDate')::date - max((w ->> 'daysBefore')::int), 'YYYY-MM-DD')
                          || 'T00:00:00+08:00')::timestamptz
                    FROM jsonb_array_elements(d.value -> 'warnings') AS w) AS warn_at,
                 d.value ->> 'key' AS deadline_key,
                 d.value ->> 'status' = 'overdue' AS overdue,
                 d.ordinality
            FROM jsonb_array_elements(state -> 'deadlines') WITH ORDINALITY AS d
           WHERE state ->> 'status' <> 'closed'
             AND d.value ->> 'status' IN ('running', 'overdue')
             AND d.value ->> 'responsible' <> 'petitioner'
             AND d.value ->> 'policy' IS DISTINCT FROM 'lapse-and-continue') AS a
   WHERE a.unit_id IS NOT NULL
   ORDER BY a.due_at, a.ordinality
   LIMIT 1
$$;

-- Cases folded before: their fold (case_state) holds every deadline, so the columns come from it here, as
-- migration 1796000000019 did for the case-owner dates; the event writer keeps them from now on.
UPDATE petitions p
   SET (action_unit_id, action_due_at, action_warn_at, action_deadline_key, action_overdue) =
       (SELECT a.unit_id, a.due_at, a.warn_at, a.deadline_key, a.overdue FROM petition_awaited_action(p.case_state) a)
 WHERE p.case_state IS NOT NULL AND p.status <> 'closed';

-- A unit's queue in its order — overdue first, then by due instant, then by case number — for keyset paging
-- (`(NOT action_overdue, action_due_at, id) > cursor`) and the counts of the navigation.
CREATE INDEX petitions_action_queue_idx ON petitions (action_unit_id, (NOT action_overdue), action_due_at, id)
  WHERE action_unit_id IS NOT NULL;

-- Down Migration
DROP INDEX petitions_action_queue_idx;
DROP FUNCTION petition_awaited_action(jsonb);
ALTER TABLE petitions
  DROP COLUMN action_overdue,
  DROP COLUMN action_deadline_key,
  DROP COLUMN action_warn_at,
  DROP COLUMN action_due_at,
  DROP COLUMN action_unit_id;
