import { BUREAU_ROLES, REEXAMINATION_BODY, REVIEW_BODY, UNIT_ROLES } from '../matrix';
import type { Row } from '../runner';

/**
 * Review (复查) by the body above the handling unit and re-examination (复核) by the one above that. Own case of
 * the city housing bureau: the county's case under its review; of the province's: the county's case under
 * its re-examination, or the city's case under its review.
 */
const BODIES = [...REVIEW_BODY, ...REEXAMINATION_BODY];

export const REVIEW_CHAIN_ROWS: Row[] = [
  {
    op: 'GET /api/petitions/{id}',
    what: 'read a case under re-examination',
    state: 'inReexamination',
    // The bureau and its office, the original unit, the review body and the re-examination body.
    allowed: 'whoever sees it',
  },
  {
    op: 'GET /api/petitions',
    what: 'list petitions: a case under re-examination',
    state: 'inReexamination',
    query: (c) => `unit=${c!.unitId}&pageSize=100`,
    listed: (body, c) => body.items.some((item: { id: string }) => item.id === c.id),
    allowed: 'whoever sees it',
  },
  {
    op: 'POST /api/petitions/{id}/review-request',
    what: 'record a review request (the body above)',
    state: 'replied',
    stage: 'review',
    body: {},
    roles: UNIT_ROLES,
    allowed: BODIES,
  },
  {
    op: 'POST /api/petitions/{id}/review-request/accept',
    what: 'accept the review request (Shandong)',
    state: 'reviewRequestedShandong',
    body: {},
    roles: UNIT_ROLES,
    allowed: BODIES,
  },
  {
    op: 'POST /api/petitions/{id}/review-opinion',
    what: 'give the review opinion',
    state: 'inReview',
    body: { outcome: 'upheld', opinion: '经复查，维持原处理意见。' },
    roles: UNIT_ROLES,
    allowed: BODIES,
  },
  {
    op: 'POST /api/petitions/{id}/withdraw',
    what: 'record a withdrawal during review: the body holds it',
    state: 'inReview',
    body: { reason: '信访人撤回复查请求。' },
    roles: [...BUREAU_ROLES, ...UNIT_ROLES],
    allowed: BODIES,
  },
  {
    op: 'POST /api/petitions/{id}/reexamination-request',
    what: 'record a re-examination request',
    state: 'reviewed',
    stage: 'reexamination',
    body: {},
    roles: UNIT_ROLES,
    allowed: REEXAMINATION_BODY,
  },
  {
    op: 'POST /api/petitions/{id}/reexamination-request/accept',
    what: 'accept the re-examination request (Shandong)',
    state: 'reexaminationRequestedShandong',
    body: {},
    roles: UNIT_ROLES,
    allowed: REEXAMINATION_BODY,
  },
  {
    op: 'POST /api/petitions/{id}/hearings',
    what: 'open a hearing (听证)',
    state: 'inReexamination',
    body: {},
    roles: UNIT_ROLES,
    allowed: REEXAMINATION_BODY,
  },
  {
    op: 'POST /api/petitions/{id}/hearings/{hearingId}/close',
    what: 'close the hearing',
    state: 'withHearing',
    body: {},
    roles: UNIT_ROLES,
    allowed: REEXAMINATION_BODY,
  },
  {
    op: 'POST /api/petitions/{id}/reexamination-opinion',
    what: 'give the re-examination opinion (final)',
    state: 'inReexamination',
    body: { outcome: 'upheld', opinion: '经复核，维持。' },
    roles: UNIT_ROLES,
    allowed: REEXAMINATION_BODY,
  },
];
