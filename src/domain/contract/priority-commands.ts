import { PRIORITY_LEVELS } from '../../case/priority';
import { documentText } from './fields';
import { z } from './zod';

/** 关注级别 (S5) and the 重大、紧急 flag (Art 25), set by the petition bureau or the joint-conference office. */
export const PRIORITY_BODIES = {
  setPriority: z
    .object({
      level: z.enum(PRIORITY_LEVELS).openapi({
        description: 'first 一级关注, second 二级关注, ordinary 普通关注',
      }),
      majorUrgent: z
        .boolean()
        .optional()
        .openapi({
          description:
            '重大、紧急信访事项 (Art 25): true tells the bureau head and the joint-conference office at once; ' +
            'absent keeps the case’s current flag',
        }),
      reason: documentText('Why the case gets this priority (the bureau’s reading of the matter)'),
    })
    .strict()
    .openapi('SetPriority', {
      example: {
        level: 'first',
        majorUrgent: true,
        reason: '涉及整栋楼三十余户居民电梯停运，已多次越级上访，可能引发聚集。',
      },
    }),
};
