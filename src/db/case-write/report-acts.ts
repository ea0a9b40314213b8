import { asColumns, type WritePart } from './part';
import { reportActsOf } from '../report-acts';

/**
 * The case's dated acts for the reports (report_acts), rewritten with its report row: the old ones cleared and
 * the fold's inserted, in the one statement (its snapshot: the insert does not see the rows the delete
 * removes). A case without acts costs an index probe.
 */
export const reportActsClearedPart: WritePart = {
  cte: 'acts_cleared',
  sql: () => `DELETE FROM report_acts a USING target t WHERE a.petition_id = t.id`,
  documentOf: () => undefined,
};

export const reportActsPart: WritePart = {
  cte: 'acts_written',
  document: 'acts',
  sql: (param) => `
     INSERT INTO report_acts (petition_id, act, detail, on_date, bureau_unit_id, handling_unit_id)
     SELECT t.id, a.act, a.detail, a.on_date, t.bureau_unit_id, a.handling_unit_id
       FROM target t, jsonb_populate_recordset(NULL::report_acts, ${param('acts')}::jsonb) a`,
  documentOf: ({ state }) => {
    const handlingUnitId = state.handlingUnitId ?? null;
    return reportActsOf(state).map((act) => asColumns({ ...act, handlingUnitId }));
  },
};
