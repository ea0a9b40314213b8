import { SATISFACTION_GRADES } from '../../case/aftercare';
import { documentText, exampleDateAhead, isoDate, unitId } from './fields';
import { followUpId } from './follow-up-commands';
import { z } from './zod';

/** The supervision ladder (督办 → 联席办 → 挂牌督办) and the after-care: the return visit (回访). */
export const SUPERVISION_AND_AFTERCARE_BODIES = {
  supervisionFeedback: z
    .object({
      report: documentText('What the unit did about the supervised deadline (督办反馈)'),
      targetDate: isoDate.openapi({
        description:
          'When the unit will have met the deadline: from today to the rule set’s limit (30 d by default)',
      }),
    })
    .strict()
    .openapi('SupervisionFeedback', {
      example: { report: '已约谈物业公司负责人，电梯维修方案已确定。', targetDate: exampleDateAhead(10) },
    }),
  listSupervision: z
    .object({
      correctBy: isoDate.openapi({
        description:
          'The date to correct by (整改期限): from tomorrow to the rule set’s limit (30 d by default)',
      }),
      note: documentText('The listing notice (挂牌督办通知)'),
    })
    .strict()
    .openapi('ListSupervision', {
      example: { correctBy: exampleDateAhead(10), note: '挂牌督办，限期整改。' },
    }),
  instructSupervision: z
    .object({
      unitId: unitId.openapi({ description: 'The unit instructed' }),
      instruction: documentText('The instruction (交办指示)'),
    })
    .strict()
    .openapi('InstructSupervision', {
      example: { unitId: 'qingshan-housing', instruction: '请于五个工作日内书面报告办理进展。' },
    }),
  settleObjection: z
    .object({
      decision: z.enum(['upheld', 'rerouted']),
      unitId: unitId.optional().openapi({ description: 'rerouted only: the unit that shall handle it' }),
      note: documentText('The office’s decision on the dispute (Art 24)'),
    })
    .strict()
    .openapi('SettleObjection', {
      example: { decision: 'upheld', note: '经联席会议协调，该事项由住建部门办理。' },
    }),
  recordReturnVisit: z
    .object({
      reached: z.boolean().openapi({ description: 'Whether the petitioner was reached' }),
      satisfaction: z
        .enum(SATISFACTION_GRADES)
        .optional()
        .openapi({ description: 'Required when reached: satisfied / basically-satisfied / dissatisfied' }),
      note: documentText('What the petitioner said; what was done (回访记录)'),
      visitedOn: isoDate.optional().openapi({ description: 'Defaults to today' }),
      followUpId: followUpId.optional().openapi({
        description:
          'A second visit answering this open follow-up (跟踪回访); satisfied or basically satisfied closes it',
      }),
    })
    .strict()
    .openapi('RecordReturnVisit', {
      example: { reached: true, satisfaction: 'satisfied', note: '电话回访，信访人表示问题已解决。' },
    }),
};
