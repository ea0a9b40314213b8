import fs from 'node:fs';
import path from 'node:path';

/**
 * The shell blocks of the README and of the docs it links, and how the doc test judges a block's run:
 * parsing, the shell prelude that records what the commands answered, and the verdict. No I/O but reading
 * the Markdown files (see run-doc-blocks.ts for the stack and the shell).
 */

/** `<!-- doc-test: skip: reason -->` on the last non-blank line before a block's fence. */
const SKIP_MARKER = /^<!--\s*doc-test:\s*skip:\s*(.+?)\s*-->$/;
/** An announced answer: `→ 409` (an HTTP status) or `→ exit 2` (a command's exit status). */
const ANNOUNCEMENT = /→\s*(exit\s+)?(\d{1,3})\b/g;
/** A Markdown link to a file of this repository, e.g. `[operations](docs/operations.md#incidents)`. */
const LOCAL_MARKDOWN_LINK = /\]\((?!https?:|mailto:|#)([^)#\s]+\.md)(?:#[^)]*)?\)/g;

export interface DocBlock {
  /** Path relative to the repository root. */
  file: string;
  /** 1-based: the block's place in its file, and the line of its opening fence. */
  index: number;
  line: number;
  code: string;
  /** Why the block is not run, when its marker says so. */
  skip?: string;
  /** HTTP statuses ≥ 400 and non-zero exit statuses the text announces for this block. */
  announced: { http: number[]; exit: number[] };
}

/** The README, then every Markdown file it links (in the order of their first link), each once. */
export function docFiles(root: string, readme = 'README.md'): string[] {
  const text = fs.readFileSync(path.join(root, readme), 'utf8');
  const files = [readme];
  for (const match of text.matchAll(LOCAL_MARKDOWN_LINK)) {
    const file = path.normalize(path.join(path.dirname(readme), match[1]!));
    if (!files.includes(file)) {
      if (!fs.existsSync(path.join(root, file)))
        throw new Error(`${readme} links ${file}, which does not exist`);
      files.push(file);
    }
  }
  return files;
}

/**
 * The ```sh blocks of a Markdown file. A block's announcements are read from its comments and from the
 * paragraph right before it, the text a reader sees with it.
 */
export function shellBlocks(file: string, markdown: string): DocBlock[] {
  const lines = markdown.split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^(\s*)(`{3,})(\S*)\s*$/.exec(lines[i]!);
    if (!fence) continue;
    const close = lines.findIndex((l, j) => j > i && l.trim() === fence[2]);
    if (close === -1) throw new Error(`${file}:${i + 1}: a code block that is never closed`);
    if (fence[3] === 'sh') {
      const code = lines.slice(i + 1, close).join('\n');
      const before = paragraphBefore(lines, i);
      const skip = SKIP_MARKER.exec(before.at(-1)?.trim() ?? '')?.[1];
      blocks.push({
        file,
        index: blocks.length + 1,
        line: i + 1,
        code,
        ...(skip === undefined ? {} : { skip }),
        announced: announcements([...before, code].join('\n')),
      });
    }
    i = close;
  }
  return blocks;
}

/** The lines from the blank line before the fence (or the file's start) up to it. */
function paragraphBefore(lines: string[], fence: number): string[] {
  let start = fence;
  while (start > 0 && lines[start - 1]!.trim() === '') start--;
  const end = start;
  while (start > 0 && lines[start - 1]!.trim() !== '' && !lines[start - 1]!.startsWith('```')) start--;
  return lines.slice(start, end);
}

function announcements(text: string): DocBlock['announced'] {
  const http = new Set<number>();
  const exit = new Set<number>();
  for (const [, isExit, value] of text.matchAll(ANNOUNCEMENT)) {
    const n = Number(value);
    if (isExit) exit.add(n);
    else if (n >= 400 && n <= 599) http.add(n);
  }
  return { http: [...http].sort(), exit: [...exit].sort() };
}

/** What the doc's `localhost:3000` becomes: the stack's API port. */
export function withApiPort(code: string, port: number): string {
  return code.replace(/\b(localhost|127\.0\.0\.1):3000\b/g, `$1:${port}`);
}

/**
 * The shell script of one file: a prelude, then each block that runs, after a marker. The prelude records
 * in `$DOC_TEST_LOG`, one line each, the block that starts (`block N`), every answer `curl` gets
 * (`status N <http code> <method> <url>`), and every command that fails (`exit N <status> <command>`); the
 * file's last line is `end`, so a shell that stopped early is seen.
 */
export function fileScript(blocks: DocBlock[], apiPort: number): string {
  const prelude = String.raw`
set +e -E -o pipefail
__doc_block=0
__doc_note() { printf '%s\n' "$*" >> "$DOC_TEST_LOG"; }
# curl as the reader types it, plus one line per transfer with its status ('000': no answer at all).
curl() {
  local __f __rc
  __f=$(mktemp)
  command curl -w '%{stderr}\n@@curl %{http_code} %{method} %{url_effective}\n' "$@" 2> "$__f"
  __rc=$?
  __doc_note "status $__doc_block $(grep -m1 '^@@curl ' "$__f" | cut -c8- || true)"
  grep -v -e '^@@curl ' -e '^$' "$__f" >&2 || true
  rm -f "$__f"
  return $__rc
}
__doc_failed() { __doc_note "exit $__doc_block $1 $(printf '%s' "$2" | tr '\n' ' ')"; }
trap '__doc_failed $? "$BASH_COMMAND"' ERR
`;
  const parts = [prelude];
  for (const block of blocks) {
    if (block.skip !== undefined) continue;
    parts.push(
      `__doc_block=${block.index}; __doc_note "block ${block.index}"; echo "@@doc-block ${block.index}"`,
      withApiPort(block.code, apiPort),
    );
  }
  parts.push('__doc_note end', '');
  return parts.join('\n');
}

export interface BlockRun {
  /** HTTP statuses answered, with what was asked. */
  answers: Array<{ status: number; request: string }>;
  /** Commands that exited non-zero. */
  failures: Array<{ status: number; command: string }>;
  started: boolean;
}

/** The log of one file's shell, by block. `ended` is false when the shell stopped before the last line. */
export function parseLog(log: string): { runs: Map<number, BlockRun>; ended: boolean } {
  const runs = new Map<number, BlockRun>();
  const run = (n: number) => {
    let r = runs.get(n);
    if (!r) runs.set(n, (r = { answers: [], failures: [], started: false }));
    return r;
  };
  let ended = false;
  for (const line of log.split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = /^block (\d+)$/.exec(line))) run(Number(m[1])).started = true;
    else if ((m = /^status (\d+) (\d{3}) (.*)$/.exec(line)))
      run(Number(m[1])).answers.push({ status: Number(m[2]), request: m[3]! });
    else if ((m = /^status (\d+)\s*$/.exec(line)))
      run(Number(m[1])).answers.push({ status: 0, request: '(curl wrote no status)' });
    else if ((m = /^exit (\d+) (\d+) (.*)$/.exec(line)))
      run(Number(m[1])).failures.push({ status: Number(m[2]), command: m[3]! });
    else if (line === 'end') ended = true;
  }
  return { runs, ended };
}

/**
 * Why a block failed, empty when it passed: an error answer or a failed command the text does not
 * announce, an announced one that did not come, or no run at all. A curl that got an announced status
 * exits 0 (no `--fail`), so a failed command is judged on its own: only `→ exit N` excuses it.
 */
export function verdict(block: DocBlock, run: BlockRun | undefined): string[] {
  if (!run?.started) return ['the block did not run (the shell stopped before it)'];
  const problems: string[] = [];
  const unannounced = run.answers.filter(
    (a) => (a.status === 0 || a.status >= 400) && !block.announced.http.includes(a.status),
  );
  for (const a of unannounced)
    problems.push(a.status === 0 ? `no answer: ${a.request}` : `answered ${a.status}: ${a.request}`);
  for (const status of block.announced.http)
    if (!run.answers.some((a) => a.status === status)) problems.push(`announced ${status}, never answered`);
  for (const f of run.failures) {
    if (!block.announced.exit.includes(f.status)) problems.push(`exit ${f.status}: ${f.command}`);
  }
  for (const status of block.announced.exit)
    if (!run.failures.some((f) => f.status === status)) problems.push(`announced exit ${status}, none came`);
  return problems;
}
