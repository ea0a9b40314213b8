import { load as loadYaml } from 'js-yaml';
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
  // js-yaml reads a province-sized file many times faster than the \`yaml\` package builds its document; the
  // document (with positions) is built only when there are errors to place.
  let content: unknown;
  try {
    content = loadYaml(text, { maxAliases: MAX_ALIASES });
  } catch (err) {
    return { ok: false, errors: [syntaxError(text, err)] };
  }
  if (exceedsNodes(content, MAX_NODES)) {
    return {
      ok: false,
      errors: [{ line: 0, message: `more than ${MAX_NODES} values once aliases are expanded` }],
    };
  }
  let located: ((path: Array<string | number>) => number) | undefined;
  const lineOf = (path: Array<string | number>) => {
    if (!located) {
      const lineCounter = new LineCounter();
      const doc = parseDocument(text, { lineCounter, prettyErrors: false });
      located = (at) => lineOfPath(doc, lineCounter, at);
    }
    return located(path);
  };
  const shape = OrganisationFileSchema.safeParse(content);
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

/** Aliases (\*ref, for a repeated list of roles, say) a file may use. */
const MAX_ALIASES = 1_000_000;
/** Values a file may hold once aliases are expanded: a province is about 500 000; an alias bomb, billions. */
const MAX_NODES = 5_000_000;

/** Whether a value holds more than `limit` values (aliases counted as often as they are used). */
function exceedsNodes(value: unknown, limit: number): boolean {
  const stack: unknown[] = [value];
  let count = 0;
  while (stack.length > 0) {
    const next = stack.pop();
    if (++count > limit) return true;
    const children = Array.isArray(next)
      ? next
      : next !== null && typeof next === 'object'
        ? Object.values(next)
        : [];
    for (const child of children) stack.push(child);
  }
  return false;
}

/** The first syntax error, as the \`yaml\` package words it (its later ones mostly follow from the first). */
function syntaxError(text: string, thrown: unknown): FileError {
  const lineCounter = new LineCounter();
  const first = parseDocument(text, { lineCounter, prettyErrors: false }).errors[0];
  if (first) return { line: lineCounter.linePos(first.pos[0]).line, message: first.message.split('\n')[0]! };
  // Only js-yaml objects (an alias limit, say): its own words and place.
  const mark = (thrown as { mark?: { line: number } }).mark;
  const reason =
    (thrown as { reason?: string }).reason ?? (thrown instanceof Error ? thrown.message : String(thrown));
  return { line: mark ? mark.line + 1 : 0, message: reason };
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
