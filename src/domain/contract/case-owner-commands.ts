import { CASE_OWNER_WORK_KINDS } from '../../case/case-owner';
import { documentText, exampleDateAhead, isoDate } from './fields';
import { z } from './zod';

/** The four 包 of 四定四包, recorded by the case-owning leader, their unit's head or the bureau. */
export const CASE_OWNER_BODIES = {
  recordCaseOwnerWork: z
    .object({
      kind: z.enum(CASE_OWNER_WORK_KINDS).openapi({
        description:
          'investigation 包调查, handling 包处理, education 包疏导教育, petitioner-stopped 包息诉罢访 (the ' +
          'petitioner has stopped petitioning on the matter)',
      }),
      doneOn: isoDate.openapi({
        description: 'The day it was done: from the petition’s receipt to today',
      }),
      note: documentText('What the leader did: the investigation, the decision, the talks, the outcome'),
    })
    .strict()
    .openapi('RecordCaseOwnerWork', {
      example: {
        kind: 'investigation',
        doneOn: exampleDateAhead(0),
        note: '包案领导带队到小区现场查看电梯停运情况，约谈物业公司负责人。',
      },
    }),
};
