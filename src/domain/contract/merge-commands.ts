import { documentText } from './fields';
import { z } from './zod';

const caseNumber = z.string().regex(/^XF-\d{4}-\d{6}$/, 'must be a petition id such as XF-2026-000001');

/** 并案 and its undoing, by the bureau that registered both cases. */
export const MERGE_BODIES = {
  merge: z
    .object({
      into: caseNumber.openapi({
        description:
          'The case this one repeats: open, registered by the same bureau, not itself merged into another',
      }),
      reason: documentText('Why the two cases are one matter (并案理由)'),
    })
    .strict()
    .openapi('MergeCase', {
      example: {
        into: 'XF-2026-000001',
        reason: '同一信访人就同一电梯停运问题重复反映，并入首次登记的案件办理。',
      },
    }),
  unmerge: z
    .object({ reason: documentText('Why the merge is undone (撤销并案理由)') })
    .strict()
    .openapi('UnmergeCase', { example: { reason: '经核实两件反映的并非同一事项，撤销并案，分别办理。' } }),
};
