import { SUPERVISION_GROUNDS, SUPERVISION_KINDS } from '../../case/supervision';
import { documentText, plainText } from './fields';
import { z } from './zod';

/** A manual 督办 / 交办 (Art 40) by the petition bureau or the joint-conference office, on any open case. */
export const MANUAL_SUPERVISION_BODIES = {
  supervise: z
    .object({
      kind: z
        .enum(SUPERVISION_KINDS)
        .default('supervise')
        .openapi({
          description:
            'supervise 督办: the unit’s handling is supervised on an Art 40 ground; assign 交办: the matter is ' +
            'handed down to the unit to handle and report on in writing (办结报告, Art 22 ¶1 (三))',
        }),
      ground: z
        .enum(SUPERVISION_GROUNDS)
        .optional()
        .openapi({
          description:
            'Art 40 ¶1, required for a 督办: shirking 推诿, perfunctory 敷衍, delaying 拖延, against-rules ' +
            '违反规定受理、办理, not-carrying-out 拒不执行信访处理意见',
        }),
      note: documentText('The notice (督办通知 / 交办函): what is wrong, what the unit shall do and report'),
      from: z.enum(['higher-bureau']).optional().openapi({
        description:
          'higher-bureau: a 督办 received from a higher bureau (上级交办件), recorded by the bureau',
      }),
      issuer: plainText(1, 200)
        .optional()
        .openapi({ description: 'With from: the issuing body, e.g. 省信访局' }),
      reference: plainText(1, 100)
        .optional()
        .openapi({ description: 'With from: the issuing body’s reference (文号)' }),
    })
    .strict()
    .superRefine((body, ctx) => {
      if (body.kind === 'supervise' && !body.ground) {
        ctx.addIssue({ code: 'custom', path: ['ground'], message: 'a 督办 names its Art 40 ground' });
      }
      if (body.from && !body.issuer) {
        ctx.addIssue({ code: 'custom', path: ['issuer'], message: 'name the body that issued the 督办' });
      }
      for (const field of ['issuer', 'reference'] as const) {
        if (!body.from && body[field] !== undefined) {
          ctx.addIssue({ code: 'custom', path: [field], message: 'only with from: higher-bureau' });
        }
      }
    })
    .openapi('Supervise', {
      example: {
        kind: 'supervise',
        ground: 'delaying',
        note: '该事项受理后至今未开展调查，请于三十日内书面反馈整改情况。',
      },
    }),
};
