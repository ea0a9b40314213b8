import { asColumns, type WritePart } from './part';
import { reportFactsOf } from '../report-facts';

/**
 * The case's row for the reports: what its fold says, beside what registration fixed (from the row); the
 * bureau and the bureaus that transferred it out of their area (转出) follow the row as the fold left it.
 */
export const reportRowPart: WritePart = {
  cte: 'reported',
  document: 'report',
  sql: (param) => `
     INSERT INTO report_cases AS r (petition_id, received_on, bureau_unit_id, registration_level, channel,
            domain, domain_category, first_time, transferred_from_unit_ids, handling_unit_id, status,
            acknowledge_due, acknowledged_on, handle_due, handled_on, closed_on, withdrawn, case_owned,
            evaluations_invited, evaluations_given, evaluations_satisfied, owner_target_date, owner_settled_on)
     SELECT t.id, t.received_on, t.bureau_unit_id, t.registration_level, t.channel, t.domain, t.domain_category,
            t.first_time, t.transferred_from_unit_ids, f.handling_unit_id, f.status, f.acknowledge_due,
            f.acknowledged_on, f.handle_due, f.handled_on,
            f.closed_on, f.withdrawn, f.case_owned, f.evaluations_invited, f.evaluations_given,
            f.evaluations_satisfied, f.owner_target_date, f.owner_settled_on
       FROM target t, jsonb_populate_record(NULL::report_cases, ${param('report')}::jsonb) f
     ON CONFLICT (petition_id) DO UPDATE SET
       bureau_unit_id = EXCLUDED.bureau_unit_id, transferred_from_unit_ids = EXCLUDED.transferred_from_unit_ids,
       handling_unit_id = EXCLUDED.handling_unit_id, status = EXCLUDED.status,
       acknowledge_due = EXCLUDED.acknowledge_due, acknowledged_on = EXCLUDED.acknowledged_on,
       handle_due = EXCLUDED.handle_due, handled_on = EXCLUDED.handled_on, closed_on = EXCLUDED.closed_on,
       withdrawn = EXCLUDED.withdrawn, case_owned = EXCLUDED.case_owned,
       evaluations_invited = EXCLUDED.evaluations_invited, evaluations_given = EXCLUDED.evaluations_given,
       evaluations_satisfied = EXCLUDED.evaluations_satisfied,
       owner_target_date = EXCLUDED.owner_target_date, owner_settled_on = EXCLUDED.owner_settled_on`,
  documentOf: (write) => asColumns(reportFactsOf(write.state)),
};
