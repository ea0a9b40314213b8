import { shanghaiToday } from '../../../support/harness';
import type { Row } from '../runner';

/**
 * The case file (issue 22, S17): the work log and the attachments, and the people a case-owner order may name. Whoever sees the case reads and writes
 * them (a unit that transferred the case out only reads: case-file.test.ts). The download names no
 * attachment here (the path keeps its `{attachmentId}`): 404 for all; case-file.test.ts downloads real ones.
 */
export const CASE_FILE_ROWS: Row[] = [
  {
    op: 'GET /api/petitions/{id}/log',
    what: 'read the work log',
    state: 'accepted',
    allowed: 'whoever sees it',
  },
  {
    op: 'POST /api/petitions/{id}/log',
    what: 'add a work-log entry',
    state: 'accepted',
    body: { kind: 'call', occurredOn: shanghaiToday(), text: '电话联系信访人，核实诉求。' },
    allowed: 'whoever sees it',
    ok: 201,
    readOnly: true,
  },
  {
    op: 'GET /api/petitions/{id}/staff',
    what: 'list whom a case-owner order may name',
    state: 'accepted',
    query: () => 'purpose=case-owner-leader',
    allowed: 'whoever sees it',
  },
  {
    op: 'GET /api/petitions/{id}/attachments',
    what: 'list the attachments',
    state: 'accepted',
    allowed: 'whoever sees it',
  },
  {
    op: 'POST /api/petitions/{id}/attachments',
    what: 'upload an attachment (multipart)',
    state: 'accepted',
    upload: { fileName: 'scan.pdf', bytes: Buffer.from('%PDF-1.7\n% matrix scan\n%%EOF\n') },
    allowed: 'whoever sees it',
    ok: 201,
    readOnly: true,
  },
  {
    op: 'GET /api/petitions/{id}/attachments/{attachmentId}',
    what: 'download an attachment: none named, so not found for whoever sees the case',
    state: 'accepted',
    fixed: { own: 404, other: 404 },
  },
];
