import { AGREEMENT_KINDS, AID_KINDS, LAWFUL_HANDLINGS, RESOLUTION_MEASURES } from '../../case/resolution';
import { documentText, exampleDateAhead, isoDate } from './fields';
import { z } from './zod';

const measure = z
  .object({
    measure: z.enum(RESOLUTION_MEASURES).openapi({
      description:
        '三到位一处理 (Art 27): resolved 解决到位, educated 教育疏导到位, aided 帮扶救助到位, lawfully-handled 依法处理',
    }),
    on: isoDate
      .optional()
      .openapi({ description: 'Date it was done: from the acceptance to today; defaults to today' }),
    aidKind: z
      .enum(AID_KINDS)
      .optional()
      .openapi({ description: 'The kind of aid; with aided, and only with it' }),
    lawfulHandling: z
      .enum(LAWFUL_HANDLINGS)
      .optional()
      .openapi({
        description:
          'What 依法处理 came to (Art 47): dissuaded 劝阻批评教育, police-warning 警告训诫制止, public-security-penalty ' +
          '治安管理处罚, criminal-liability 追究刑事责任, other; with lawfully-handled, and only with it',
      }),
    note: documentText(
      'What was done; required when the kind is other. No personal data beyond the case’s',
    ).optional(),
  })
  .strict();

/** How the matter ended (S12–S16) and the supported opinion carried out (Art 32 ¶2). */
export const RESOLUTION_BODIES = {
  recordResolution: z
    .object({
      measures: z.array(measure).min(1).max(RESOLUTION_MEASURES.length).optional(),
      agreement: z
        .object({
          kind: z
            .enum(AGREEMENT_KINDS)
            .openapi({ description: 'mediation 调解协议书, settlement 和解协议书 (Art 33)' }),
          agreedOn: isoDate.openapi({ description: 'Date it was signed: from the acceptance to today' }),
          text: documentText('The agreement (协议书), as signed by the parties'),
        })
        .strict()
        .optional()
        .openapi({ description: 'A mediation or settlement agreement (Art 33); complaints (申诉求决) only' }),
      stoppedPetitioning: z
        .object({
          on: isoDate.openapi({
            description: 'Date the petitioner stopped (息诉罢访): from the acceptance to today',
          }),
          note: documentText('How it is known (a written undertaking, a talk)').optional(),
        })
        .strict()
        .optional()
        .openapi({ description: '息诉罢访: the petitioner has stopped petitioning on the matter' }),
    })
    .strict()
    .openapi('RecordResolution', {
      example: {
        measures: [
          { measure: 'resolved' },
          { measure: 'aided', aidKind: 'hardship-relief', note: '协调街道发放临时困难救助金。' },
        ],
        agreement: {
          kind: 'mediation',
          agreedOn: exampleDateAhead(0),
          text: '经街道人民调解委员会调解，物业公司承担电梯维修费用，信访人不再就此事信访。',
        },
        stoppedPetitioning: { on: exampleDateAhead(0), note: '信访人签署息诉罢访承诺书。' },
      },
    }),
  recordCarriedOut: z
    .object({
      carriedOutOn: isoDate.openapi({
        description: 'Date the supported opinion was carried out in full: from the reply’s delivery to today',
      }),
      report: documentText('How it was carried out (落实情况), as the unit reports it'),
    })
    .strict()
    .openapi('RecordCarriedOut', {
      example: {
        carriedOutOn: exampleDateAhead(0),
        report: '电梯已于本月完成维修并经特种设备检测合格，信访人确认。',
      },
    }),
};
