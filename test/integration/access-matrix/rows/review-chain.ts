import { addDays } from '../../../../src/rules/dates';
import { shanghaiToday } from '../../../support/harness';
import { higherApplication } from '../../../support/petition-flow';
import { BUREAU_ROLES, DEPARTMENTS, HEADS, REEXAMINATION_BODY, REVIEW_BODY, UNIT_ROLES } from '../matrix';
import type { Row } from '../runner';

/**
 * Review (复查) by the body above the handling unit and re-examination (复核) by the one above that. Own case of
 * the city housing bureau: the county's case under its review; of the province's: the county's case under
 * its re-examination, or the city's case under its review.
 */
const BODIES = [...REVIEW_BODY, ...REEXAMINATION_BODY];
/** The county's departments: on the review stage, the handling units of their own cases. */
const HANDLING_UNITS = DEPARTMENTS.filter((login) => !BODIES.includes(login));

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
    body: () => higherApplication(),
    roles: UNIT_ROLES,
    allowed: BODIES,
  },
  // F12: until its request is recorded the body above is no party. A case of its area that does not wait for
  // the request, or that refuses it, answers as a missing one: sequential ids teach it nothing.
  {
    op: 'POST /api/petitions/{id}/review-request',
    what: 'record a review request on a case not replied yet',
    state: 'accepted',
    stage: 'review',
    body: () => higherApplication(),
    roles: UNIT_ROLES,
    allowed: [],
    except: [
      {
        who: HANDLING_UNITS,
        side: 'own',
        want: 409,
        why: 'the handling unit sees its case: it is told the case is not replied yet',
      },
    ],
  },
  {
    op: 'POST /api/petitions/{id}/review-request',
    what: 'record a review request received before the reply',
    state: 'replied',
    stage: 'review',
    // The reply was delivered today: an application received yesterday is refused by the case.
    body: () => higherApplication({ receivedOn: addDays(shanghaiToday(), -1) }),
    roles: UNIT_ROLES,
    allowed: [],
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
    op: 'POST /api/petitions/{id}/review-request/refuse',
    what: 'refuse the review request with reasons (Shandong)',
    state: 'reviewRequestedShandong',
    body: { reason: '复查申请未附原办理意见书。' },
    roles: UNIT_ROLES,
    allowed: BODIES,
  },
  {
    op: 'POST /api/petitions/{id}/extensions',
    what: 'extend the review period D8 (Beijing: the review body)',
    state: 'inReviewBeijing',
    body: { days: 10, reason: '案情复杂，需补充调查。' },
    roles: UNIT_ROLES,
    allowed: BODIES,
  },
  {
    op: 'POST /api/petitions/{id}/extensions/{extensionId}/approve',
    what: 'approve a D8 extension (Beijing: the review body’s head)',
    state: 'reviewExtensionBeijing',
    body: {},
    roles: ['unit-head', 'supervisor'],
    allowed: HEADS.filter((login) => BODIES.includes(login)),
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
    body: () => higherApplication(),
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
    op: 'POST /api/petitions/{id}/reexamination-request/refuse',
    what: 'refuse the re-examination request with reasons (Shandong)',
    state: 'reexaminationRequestedShandong',
    body: { reason: '复核申请未附复查意见书。' },
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
