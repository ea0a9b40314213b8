import { z } from 'zod';

/**
 * The file of subject matters (信访事项内容分类): categories, each with optional sub-categories. A code is
 * stable: cases keep it for ever, so a later version retires a code (`retired`) rather than reusing it.
 */
const code = z
  .string()
  .max(64)
  .regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/, 'must be lower-case letters and digits, joined by . - or _');
const name = z.string().trim().min(1).max(50);

const entryFields = {
  code,
  /** The Chinese name the registrar picks and the reports print. */
  name,
  /** An English label, for documentation and foreign-language screens. */
  label: z.string().trim().min(1).max(100).optional(),
  /** No longer offered at registration; still known, so older cases keep their name in the reports. */
  retired: z.boolean().optional(),
};

export const subcategorySchema = z.object(entryFields).strict();

export const categorySchema = z
  .object({ ...entryFields, subcategories: z.array(subcategorySchema).max(500).optional() })
  .strict();

export const classificationFileSchema = z
  .object({
    /** Editors' JSON Schema hint; ignored. */
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lower-case letters, digits and -'),
    /** Recorded with every case registered under this file. */
    version: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, 'must be letters, digits, . - or _'),
    name: z.string().trim().min(1).max(100),
    categories: z.array(categorySchema).min(1).max(500),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Map<string, string>();
    const claim = (entryCode: string, path: Array<string | number>) => {
      const first = seen.get(entryCode);
      if (first)
        ctx.addIssue({ code: 'custom', path, message: `code '${entryCode}' is used twice (${first})` });
      else seen.set(entryCode, path.slice(0, -1).join('.'));
    };
    const uniqueNames = (names: string[], path: Array<string | number>) => {
      names.forEach((n, i) => {
        if (names.indexOf(n) !== i)
          ctx.addIssue({ code: 'custom', path: [...path, i, 'name'], message: `name '${n}' is used twice` });
      });
    };
    uniqueNames(
      file.categories.map((c) => c.name),
      ['categories'],
    );
    file.categories.forEach((category, i) => {
      claim(category.code, ['categories', i, 'code']);
      const subs = category.subcategories ?? [];
      subs.forEach((sub, j) => claim(sub.code, ['categories', i, 'subcategories', j, 'code']));
      uniqueNames(
        subs.map((s) => s.name),
        ['categories', i, 'subcategories'],
      );
      if (category.retired && subs.some((s) => !s.retired)) {
        ctx.addIssue({
          code: 'custom',
          path: ['categories', i, 'retired'],
          message: 'a retired category cannot keep sub-categories in use (retire them too)',
        });
      }
    });
    if (file.categories.length > 0 && file.categories.every((c) => c.retired)) {
      ctx.addIssue({ code: 'custom', path: ['categories'], message: 'at least one category must be in use' });
    }
  });

export type ClassificationFile = z.infer<typeof classificationFileSchema>;

/**
 * The file's JSON Schema (docs/classification.schema.json), for editors: the shape and the code patterns.
 * The checks across entries (unique codes and names, retired categories) are the loader's.
 */
export function classificationJsonSchema(): object {
  return {
    ...z.toJSONSchema(classificationFileSchema, { io: 'input' }),
    title: 'petitionflow subject matters (信访事项内容分类)',
  };
}
