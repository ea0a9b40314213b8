import { actors, CaseDriver } from '../../test/support/case-engine';

/**
 * The case states the load gives its petitions, as the case core folds them (3–5 KB each, the read model's
 * `case_state`): a case registered, one routed and accepted, one replied to with its return visit. The reports
 * that read the case state (priority, resolution, carry-outs, after-care) scan these, not empty states, so that
 * they cost here what they cost in production. Drawn once a load by the tests' case driver (the workflow's own
 * runner with the real rule arithmetic).
 */
export interface CaseStateTemplates {
  registered: string;
  accepted: string;
  replied: string;
}

export async function caseStateTemplates(): Promise<CaseStateTemplates> {
  const { registrar, handler } = actors;
  const driver = new CaseDriver('national-2022', '2026-03-02');
  await driver.register();
  const registered = JSON.stringify(driver.state);
  await driver.ok(registrar, { type: 'route', unitId: 'housing', unitName: '住建局', mode: 'transfer' });
  await driver.ok(handler, { type: 'accept', procedure: 'normal' });
  const accepted = JSON.stringify(driver.state);
  driver.today = '2026-04-01';
  await driver.ok(handler, { type: 'reply', outcome: 'explained', opinionDocumentId: 'o' });
  driver.today = '2026-04-10';
  await driver.ok(handler, {
    type: 'recordReturnVisit',
    reached: true,
    satisfaction: 'satisfied',
    noteDocumentId: 'v',
  });
  return { registered, accepted, replied: JSON.stringify(driver.state) };
}

/**
 * A case's state over `bench_facts` ($1–$3: the templates): its template by status, with its own id, dates and
 * status, and drawn from its figures — a resolution record for 60 % of the replied cases (resolved, educated or
 * handled by law, on the reply's day), the return visit of a closed case (a week before closing; satisfied,
 * basically or not, as its evaluations), an evaluation graded where one was given, a priority for 3 % of the
 * open cases (a tenth of those major or urgent), and an opinion to carry out for 2 % of the replied ones.
 */
export const CASE_STATE_SQL = `(
  CASE WHEN status = 'registered' THEN $1::jsonb WHEN handled_on IS NULL THEN $2::jsonb
       WHEN status = 'closed' THEN $3::jsonb ELSE $3::jsonb - 'returnVisits' END
  || jsonb_build_object('petitionId', id, 'receivedOn', received_on, 'status', status)
  || CASE WHEN handled_on IS NOT NULL AND r_sat < 0.6 THEN jsonb_build_object('resolution', jsonb_build_object(
       'measures', jsonb_build_array(jsonb_build_object(
         'measure', CASE WHEN r_sat < 0.4 THEN 'resolved' WHEN r_sat < 0.5 THEN 'educated' ELSE 'lawfully-handled' END,
         'on', handled_on, 'recordedBy', 'handler', 'recordedOn', handled_on))))
     ELSE '{}'::jsonb END
  || CASE WHEN status = 'closed' AND handled_on IS NOT NULL THEN jsonb_build_object('returnVisits', jsonb_build_array(
       ($3::jsonb -> 'returnVisits' -> 0) || jsonb_build_object('visitedOn', greatest(handled_on, closed_on - 7),
         'satisfaction', CASE WHEN r_sat < 0.85 THEN 'satisfied' WHEN r_sat < 0.95 THEN 'basically-satisfied'
                              ELSE 'dissatisfied' END)))
     ELSE '{}'::jsonb END
  || CASE WHEN handled_on IS NOT NULL AND given > 0 THEN jsonb_build_object('evaluations', jsonb_build_array(
       jsonb_build_object('subject', 'written-reply', 'invitedOn', handled_on, 'evaluatedOn', handled_on + 3,
         'grade', CASE WHEN r_sat < 0.85 THEN 'satisfied' ELSE 'dissatisfied' END)))
     ELSE '{}'::jsonb END
  || CASE WHEN status <> 'closed' AND r_eval > 0.97 THEN jsonb_build_object('priority', jsonb_build_object(
       'level', CASE WHEN r_eval > 0.985 THEN 'first' ELSE 'second' END, 'majorUrgent', r_eval > 0.997,
       'majorUrgentSince', CASE WHEN r_eval > 0.997 THEN received_on END, 'reasonDocumentId', 'p',
       'setBy', 'handler', 'setOn', received_on))
     ELSE '{}'::jsonb END
)`;

/** The carry-out deadline (S16) of the 2 % replied cases with an opinion to carry out; some overdue. */
export const CARRY_OUT_SQL = `UPDATE petitions p
   SET case_state = jsonb_set(p.case_state, '{deadlines}', (p.case_state -> 'deadlines') || jsonb_build_array(
         jsonb_build_object('key', 'carry-out', 'status', CASE WHEN f.r_sup > 0.99 THEN 'overdue' ELSE 'running' END,
           'startDate', f.handled_on, 'dueDate', f.handled_on + 30)))
  FROM bench_facts f
 WHERE p.id = f.id AND f.handled_on IS NOT NULL AND f.r_sup > 0.98`;
