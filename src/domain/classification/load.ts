import fs from 'node:fs';
import { describeIssues, fieldOf } from '../../rules/issue-paths';
import { Classification } from './classification';
import defaultFile from './default-subject-matters.json';
import { classificationFileSchema } from './schema';

/** A classification file that cannot be used: every problem, each with its place in the file. */
export class ClassificationError extends Error {
  readonly code = 'invalid_classification';
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`Invalid classification file ${source}:\n  ${problems.join('\n  ')}`);
    this.name = 'ClassificationError';
  }
}

/** 'categories.0.subcategories.2.code' reads better with the codes: 'categories[01].subcategories[0101].code'. */
const codeOf = (element: unknown) => fieldOf(element, 'code');

/** Validates a classification (parsed JSON); throws ClassificationError naming each problem. */
export function parseClassification(raw: unknown, source = '(inline)'): Classification {
  const result = classificationFileSchema.safeParse(raw);
  if (!result.success)
    throw new ClassificationError(source, describeIssues(result.error.issues, raw, codeOf));
  return new Classification(result.data);
}

/** Reads and validates a province's file (CLASSIFICATION_FILE). */
export function loadClassificationFile(file: string): Classification {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ClassificationError(file, [`cannot be read: ${(err as Error).message}`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ClassificationError(file, [`is not JSON: ${(err as Error).message}`]);
  }
  return parseClassification(raw, file);
}

let builtIn: Classification | undefined;

/** The classification petitionflow ships (src/domain/classification/default-subject-matters.json). */
export function defaultClassification(): Classification {
  builtIn ??= parseClassification(defaultFile, 'default-subject-matters.json');
  return builtIn;
}

/** The file CLASSIFICATION_FILE names, or the built-in one. */
export function classificationOf(file: string | undefined): Classification {
  return file ? loadClassificationFile(file) : defaultClassification();
}
