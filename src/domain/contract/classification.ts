import { z } from './zod';

/** The classification in force, as GET /api/classification answers it (the file as loaded). */
const entry = {
  code: z.string(),
  name: z.string(),
  label: z.string().optional(),
  retired: z.boolean().optional().openapi({ description: 'Kept for older cases; refused at registration' }),
};

export const ClassificationSchema = z
  .object({
    id: z.string(),
    version: z.string().openapi({ description: 'Recorded with every case registered under it' }),
    name: z.string(),
    categories: z.array(z.object({ ...entry, subcategories: z.array(z.object(entry)).optional() })),
  })
  .openapi('Classification', {
    description: 'Subject matters (信访事项内容分类) in two levels: category → sub-category',
    example: {
      id: 'petitionflow-default',
      version: '2026.1',
      name: '信访事项内容分类（默认）',
      categories: [
        {
          code: 'political-and-legal',
          name: '政法',
          label: 'Political and legal affairs',
          subcategories: [
            {
              code: 'political-and-legal.litigation-related',
              name: '涉法涉诉',
              label: 'Matters before or decided by the courts',
            },
          ],
        },
      ],
    },
  });
