import fs from 'node:fs';
import type { z } from 'zod';
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

/** 'categories.0.subcategories.2.code' reads better with the codes: 'categories[urban-construction].subcategories[2].code'. */
function describePath(path: readonly PropertyKey[], raw: unknown): string {
  let text = '';
  let node: unknown = raw;
  for (const segment of path) {
    const child: unknown =
      typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[segment] : undefined;
    if (typeof segment === 'number') {
      const code =
        typeof child === 'object' && child !== null ? (child as { code?: unknown }).code : undefined;
      text += typeof code === 'string' && code !== '' ? `[${code}]` : `[${segment}]`;
    } else {
      text += text === '' ? String(segment) : `.${String(segment)}`;
    }
    node = child;
  }
  return text === '' ? '(root)' : text;
}

function describeIssues(issues: readonly z.core.$ZodIssue[], raw: unknown): string[] {
  return issues.map((issue) => `${describePath(issue.path, raw)}: ${issue.message}`);
}

/** Validates a classification (parsed JSON); throws ClassificationError naming each problem. */
export function parseClassification(raw: unknown, source = '(inline)'): Classification {
  const result = classificationFileSchema.safeParse(raw);
  if (!result.success) throw new ClassificationError(source, describeIssues(result.error.issues, raw));
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
