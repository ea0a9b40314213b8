import { CHANNELS, HIGHER_OUTCOMES } from '../../case/vocabulary';
import { documentText, isoDate, plainText } from './fields';
import { z } from './zod';

const higherOpinion = (name: string, example: string) =>
  z
    .object({
      outcome: z
        .enum(HIGHER_OUTCOMES)
        .openapi({ description: 'upheld 维持 / changed 变更 / revoked 撤销并责令重新办理' }),
      opinion: documentText('The written opinion', 50000),
      deliveredOn: isoDate
        .optional()
        .openapi({ description: 'Date the petitioner received it; defaults to today' }),
    })
    .strict()
    .openapi(name, { example: { outcome: 'upheld', opinion: example } });

/**
 * The petitioner's application (复查 / 复核申请, Art 35–36), which the body above records: when and how it
 * arrived, and its text or its reference. Without one nothing shows that the petitioner asked.
 */
const higherRequest = (name: string, what: string, example: string) =>
  z
    .object({
      receivedOn: isoDate.openapi({
        description: `Date the body received the petitioner’s ${what} application: within the petitioner’s window, not after today`,
      }),
      channel: z
        .enum(CHANNELS)
        .openapi({ description: 'How the application arrived (the channels of registration)' }),
      application: documentText(`The application’s text (${what}申请书), kept as a document`).optional(),
      reference: plainText(1, 100).optional().openapi({
        description: 'The application’s reference instead of (or besides) its text: the letter’s number',
      }),
    })
    .strict()
    .refine((body) => body.application !== undefined || body.reference !== undefined, {
      path: ['application'],
      message: 'give the application’s text (application) or its reference (reference)',
      // Named with the other missing fields: an empty body learns all it lacks at once.
      when: (payload) => typeof payload.value === 'object' && payload.value !== null,
    })
    .openapi(name, { example: { receivedOn: '2026-12-01', channel: 'letter', application: example } });

/** 不予受理 (Shandong Art 43–44): the written reasons the petitioner is told. */
const requestRefusal = (name: string, what: string, example: string) =>
  z
    .object({
      reason: documentText(`Why the ${what} request is not accepted; the petitioner is told in writing`),
    })
    .strict()
    .openapi(name, { example: { reason: example } });

/** The review chain (复查 / 复核): bodies, opinions, hearings. */
export const REVIEW_CHAIN_BODIES = {
  requestReview: higherRequest('RequestReview', '复查', '本人对信访处理意见不服，请求复查。'),
  acceptReviewRequest: z.object({}).strict().openapi('AcceptReviewRequest', { example: {} }),
  refuseReviewRequest: requestRefusal(
    'RefuseReviewRequest',
    'review',
    '复查申请未附原办理意见书，不予受理；可在复查申请期限内补正后重新申请。',
  ),
  reviewOpinion: higherOpinion('ReviewOpinion', '经复查，原处理意见认定事实清楚，予以维持。'),
  requestReexamination: higherRequest('RequestReexamination', '复核', '本人对复查意见不服，请求复核。'),
  acceptReexaminationRequest: z.object({}).strict().openapi('AcceptReexaminationRequest', { example: {} }),
  refuseReexaminationRequest: requestRefusal(
    'RefuseReexaminationRequest',
    're-examination',
    '复核申请未附复查意见书，不予受理；可在复核申请期限内补正后重新申请。',
  ),
  openHearing: z
    .object({ openedOn: isoDate.optional().openapi({ description: 'Defaults to today' }) })
    .strict()
    .openapi('OpenHearing', { example: {} }),
  closeHearing: z
    .object({ closedOn: isoDate.optional().openapi({ description: 'Defaults to today' }) })
    .strict()
    .openapi('CloseHearing', { example: {} }),
  reexaminationOpinion: higherOpinion('ReexaminationOpinion', '经复核，维持复查意见。本意见为最终意见。'),
};
