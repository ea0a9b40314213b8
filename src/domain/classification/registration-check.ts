import { fieldError } from '../errors';
import type { Classification, SubjectMatter } from './classification';

/**
 * The subject matter a registration names (`domain`): a code of either level of the classification in
 * force. A registrar classifies as finely as the matter is known at intake — a category alone is accepted
 * (「城乡建设」), a sub-category where one fits (「征地拆迁」); a retired code is refused.
 */
export function subjectMatterOf(classification: Classification, code: string): SubjectMatter {
  const matter = classification.find(code);
  const where = `classification ${classification.reference}; GET /api/classification lists the codes`;
  if (!matter) throw fieldError('domain', `unknown subject-matter code '${code}' (${where})`);
  if (matter.retired) throw fieldError('domain', `subject-matter code '${code}' is retired (${where})`);
  return matter;
}
