import { documentText, exampleDateAhead, isoDate, unitId } from './fields';
import { z } from './zod';

/** Closures a provincial text adds (上海 Art 42 (二), 浙江 Art 25 (1)); refused where the case's rule set lacks them. */
export const CLOSURE_BODIES = {
  closeOnVerification: z
    .object({
      checkingUnitId: unitId.openapi({
        description:
          'The unit that made the check (核查): a municipal department or a district government, not the handling unit',
      }),
      conclusion: documentText('The check’s conclusion (核查结论), as told to the petitioner (Art 42 ¶2)'),
      approvedOn: isoDate.optional().openapi({
        description:
          'Date the municipal petition office approved the result (审核同意): from the opinion checked to today; defaults to today',
      }),
    })
    .strict()
    .openapi('CloseOnVerification', {
      example: {
        checkingUnitId: 'qingshan-hr',
        conclusion: '经核查，原处理意见认定事实清楚、依据充分，核查结论已书面告知信访人。',
      },
    }),
  closeOnAgreement: z
    .object({
      agreement: documentText('The agreement between the petitioner and the parties concerned (协议)'),
      agreedOn: isoDate.openapi({ description: 'Date it was reached: from the acceptance to today' }),
      carriedOutOn: isoDate.openapi({
        description: 'Date it was carried out in full (履行完毕): from the agreement to today',
      }),
      note: documentText('How it was carried out (履行情况)').optional(),
    })
    .strict()
    .openapi('CloseOnAgreement', {
      example: {
        agreement: '物业公司同意于一周内完成电梯维修并承担费用，信访人对处理无异议。',
        agreedOn: exampleDateAhead(0),
        carriedOutOn: exampleDateAhead(0),
        note: '电梯已修复并经检测合格。',
      },
    }),
};
