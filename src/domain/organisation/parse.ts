import { type Document, isNode, LineCounter, parseDocument } from 'yaml';
import { listRuleSets } from '../../rules';
import { type OrganisationFile, OrganisationFileSchema } from './file-format';
import { checkOrganisation, type FileIssue } from './validate';

/** One problem of a file, with the line it is on (1-based; 0 when the file as a whole is meant). */
export interface FileError {
  line: number;
  message: string;
}

export type ParsedOrganisation = { ok: true; file: OrganisationFile } | { ok: false; errors: FileError[] };

/** The rule sets a province may name: those built in (src/rules/rule-sets). */
export function knownRuleSetIds(): Set<string> {
  return new Set(listRuleSets().map((ruleSet) => ruleSet.id));
}

/**
 * Reads an organisation file (YAML, or JSON, which is YAML too) and checks all of it: its syntax, its shape,
 * then every reference and rule (validate.ts). Either the file, or every error found, in the order of lines.
 */
export function parseOrganisationFile(
  text: string,
  knownRuleSets: ReadonlySet<string> = knownRuleSetIds(),
): ParsedOrganisation {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  // The first syntax error only: the parser's later ones mostly follow from it.
  const syntax = doc.errors[0];
  if (syntax) {
    return {
      ok: false,
      errors: [{ line: lineCounter.linePos(syntax.pos[0]).line, message: syntax.message.split('\n')[0]! }],
    };
  }
  const lineOf = (path: Array<string | number>) => lineOfPath(doc, lineCounter, path);
  const shape = OrganisationFileSchema.safeParse(doc.toJS());
  if (!shape.success) {
    const errors = shape.error.issues.map((issue) => ({
      line: lineOf(issue.path as Array<string | number>),
      message: `${describePath(issue.path as Array<string | number>)}${issue.message}`,
    }));
    return { ok: false, errors: sortByLine(errors) };
  }
  const issues = checkOrganisation(shape.data, knownRuleSets);
  if (issues.length > 0) {
    return { ok: false, errors: sortByLine(issues.map((issue) => toError(issue, lineOf))) };
  }
  return { ok: true, file: shape.data };
}

function toError(issue: FileIssue, lineOf: (path: Array<string | number>) => number): FileError {
  const first = issue.firstPath ? ` (first at line ${lineOf(issue.firstPath)})` : '';
  return { line: lineOf(issue.path), message: `${describePath(issue.path)}${issue.message}${first}` };
}

/** `units[3].parent: ` — where in the file's structure, for a reader without line numbers at hand. */
function describePath(path: Array<string | number>): string {
  if (path.length === 0) return '';
  const text = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
  return `${text}: `;
}

/** The line of the deepest node of the path that exists (a missing field: the entry that lacks it). */
function lineOfPath(doc: Document, lineCounter: LineCounter, path: Array<string | number>): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node: unknown = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return 0;
}

function sortByLine(errors: FileError[]): FileError[] {
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.line - b.e.line || a.i - b.i)
    .map(({ e }) => e);
}

/** Errors as the command line prints them: `FILE:LINE: message`. */
export function formatFileErrors(fileName: string, errors: FileError[]): string {
  return errors.map((e) => `${fileName}:${e.line}: ${e.message}`).join('\n');
}
