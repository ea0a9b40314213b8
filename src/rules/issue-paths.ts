import type { z } from 'zod';

/**
 * Schema issues of a data file as people read them: `deadlines.3.length` becomes `deadlines[handle].length`
 * when `nameOf` names the element (by its key or code); an element it does not name keeps its index.
 */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  raw: unknown,
  nameOf: (element: unknown, pathSoFar: string) => string | undefined,
): string[] {
  return issues.map((issue) => `${describePath(issue.path, raw, nameOf)}: ${issue.message}`);
}

function describePath(
  path: readonly PropertyKey[],
  raw: unknown,
  nameOf: (element: unknown, pathSoFar: string) => string | undefined,
): string {
  let text = '';
  let node: unknown = raw;
  for (const segment of path) {
    const child: unknown =
      typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[segment] : undefined;
    if (typeof segment === 'number') text += `[${nameOf(child, text) ?? segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
    node = child;
  }
  return text === '' ? '(root)' : text;
}

/** A string field of an element, if it has a non-empty one. */
export function fieldOf(element: unknown, field: string): string | undefined {
  const value =
    typeof element === 'object' && element !== null ? (element as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}
