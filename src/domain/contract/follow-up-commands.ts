import { documentText, isoDate } from './fields';
import { z } from './zod';

/** 跟踪回访: the handling unit closes the follow-up of a dissatisfied return visit or evaluation. */
export const FOLLOW_UP_BODIES = {
  closeFollowUp: z
    .object({
      note: documentText('What the unit did to follow up, and how the petitioner took it (跟踪回访记录)'),
      closedOn: isoDate
        .optional()
        .openapi({ description: 'Defaults to today; not before the follow-up was opened' }),
    })
    .strict()
    .openapi('CloseFollowUp', {
      example: { note: '再次上门沟通，物业已更换电梯控制板，信访人表示认可。' },
    }),
};

/** The follow-up a route names (`follow-up-1`, as the case view lists them). */
export const followUpId = z
  .string()
  .regex(/^follow-up-\d{1,4}$/, 'must be a follow-up id such as follow-up-1')
  .openapi({ example: 'follow-up-1' });
