import { HIGHER_OUTCOMES } from '../../case/vocabulary';
import { documentText, isoDate } from './fields';
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

const higherRequest = (name: string) =>
  z
    .object({
      receivedOn: isoDate
        .optional()
        .openapi({ description: 'Date the body received the petitioner’s request; defaults to today' }),
    })
    .strict()
    .openapi(name, { example: {} });

/** The review chain (复查 / 复核): bodies, opinions, hearings. */
export const REVIEW_CHAIN_BODIES = {
  requestReview: higherRequest('RequestReview'),
  acceptReviewRequest: z.object({}).strict().openapi('AcceptReviewRequest', { example: {} }),
  reviewOpinion: higherOpinion('ReviewOpinion', '经复查，原处理意见认定事实清楚，予以维持。'),
  requestReexamination: higherRequest('RequestReexamination'),
  acceptReexaminationRequest: z.object({}).strict().openapi('AcceptReexaminationRequest', { example: {} }),
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
