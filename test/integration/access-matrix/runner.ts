import type { Role } from '../../../src/case/vocabulary';
import type { TestApp } from '../../support/harness';
import { matrixTable } from './table';
import { backlogReaders } from './backlog-objects';
import { testToken } from '../../support/sign-in';
import { addFixtureUsers, type Case, caseBuilder, parseKey, reachOf, type StateName } from './cases';
import {
  ANONYMOUS,
  CALLERS,
  LOGINS,
  type PlacementName,
  placesOf,
  type Reach,
  rolesOf,
  sees,
  type Side,
  type Stage,
} from './matrix';

/** A status, or for a list: 200 with the case in it ("in") or not ("out"). */
export type Outcome = number | 'in' | 'out';
type Body = Record<string, unknown> | undefined;

/** One line of the matrix: an operation of the OpenAPI document, tried by every caller on two cases. */
export interface Row {
  /** The operation as the OpenAPI document names it: `POST /api/petitions/{id}/route`. */
  op: string;
  what: string;
  /** The state of the case it is tried on, where the command is allowed; absent: not about one case. */
  state?: StateName;
  /** Which party a department plays here (default: from the state); chooses its own and other case. */
  stage?: Stage;
  /** The cases, when not the state's at the caller's own / another unit's placement: a key of cases.ts. */
  cases?: (login: string, side: Side) => string;
  query?: (c: Case | undefined, side: Side) => string;
  body?: Body | ((c: Case, own: Case) => Body);
  /** The roles the operation needs (transition table): a caller with none of them gets 403 first. */
  roles?: Role[];
  /** Who succeeds on its own case ('whoever sees it': every caller that sees the case). */
  allowed?: string[] | 'whoever sees it';
  /** The success status (default 200). */
  ok?: number;
  /** A list: whether the case is in it ('in' / 'out'); or whether one case shows a field. */
  listed?: (body: any, c: Case) => boolean;
  /** The same answer for every caller (the petitioner's endpoint, reports, the inbox). */
  fixed?: Partial<Record<Side, Outcome>>;
  /** A success that does not change the case: the next caller may use it too. */
  readOnly?: boolean;
  /** Why the row has no "other unit's case". */
  noOther?: string;
  /** A file sent as multipart/form-data (part `file`) instead of a JSON body. */
  upload?: { fileName: string; bytes: Buffer };
  /** Departures from the rules, each with its reason. */
  except?: Array<{ who: string[]; side?: Side; want: Outcome; why: string }>;
}

interface Cell {
  caller: string;
  side: Side;
  key?: string;
  want: Outcome;
}

const stageOf = (reach: Reach): Stage =>
  reach === 'review' ? 'review' : reach === 'reexamination' ? 'reexamination' : 'first';

function keyFor(row: Row, caller: string, side: Side): string | undefined {
  // The anonymous caller tries the first login's cases (it gets 401 or, on public routes, the same as all).
  const login = caller === ANONYMOUS ? LOGINS[0]! : caller;
  if (row.cases) return row.cases(login, side);
  if (!row.state) return undefined;
  const places = placesOf(login)[row.stage ?? stageOf(reachOf(row.state))];
  return `${row.state}@${places[side]}`;
}

function seesCase(login: string, key: string): boolean {
  const { state, at } = parseKey(key);
  if (state === 'notice') throw new Error(`${key}: a notification is not a case`);
  if (state === 'entry' || state === 'campaign') return backlogReaders(state).includes(login);
  return sees(login, at as PlacementName, reachOf(state));
}

/** The status the rules (matrix.ts) give a caller on its own or another unit's case. */
export function expected(row: Row, caller: string, side: Side, bearer: boolean, key?: string): Outcome {
  const exception = row.except?.find((e) => e.who.includes(caller) && (e.side ?? side) === side);
  if (exception) return exception.want;
  if (caller === ANONYMOUS && bearer) return 401;
  const fixed = row.fixed?.[side];
  if (fixed !== undefined) return fixed;
  if (caller === ANONYMOUS) throw new Error(`${row.what}: a public operation needs a fixed answer`);
  if (row.roles && !rolesOf(caller).some((role) => row.roles!.includes(role))) return 403;
  const visible = key !== undefined && seesCase(caller, key);
  const allowed =
    side === 'own' && (row.allowed === 'whoever sees it' ? visible : (row.allowed ?? []).includes(caller));
  // A list leaves out what the caller may not see; one case (a field of it) is not found.
  if (row.listed) return allowed ? 'in' : row.op.includes('{id}') && !visible ? 404 : 'out';
  if (allowed) return row.ok ?? 200;
  return visible || key === undefined ? 403 : 404;
}

const success = (outcome: Outcome) => typeof outcome === 'number' && outcome >= 200 && outcome < 300;

/** Runs tasks at most `n` at a time. */
function limiter(n: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    while (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}

/** Fresh cases per key, built ahead: a request that succeeds changed its case, the next caller gets another. */
class Supply {
  private readonly queues = new Map<string, Array<Promise<Case>>>();
  constructor(private readonly make: (key: string) => Promise<Case>) {}

  prepare(key: string, count: number) {
    const queue = this.queue(key);
    while (queue.length < count) {
      const built = this.make(key);
      void built.catch(() => undefined); // awaited (and reported) when its turn comes
      queue.push(built);
    }
  }

  current(key: string): Promise<Case> {
    this.prepare(key, 1);
    return this.queue(key)[0]!;
  }

  consume(key: string) {
    void this.queue(key).shift();
  }

  private queue(key: string) {
    if (!this.queues.has(key)) this.queues.set(key, []);
    return this.queues.get(key)!;
  }
}

/** The document's operations, and whether each needs a bearer token. */
export async function documentedOperations(app: TestApp): Promise<Map<string, boolean>> {
  const { body: doc } = await app.request(undefined, 'GET', '/openapi.json');
  const operations = new Map<string, boolean>();
  for (const [path, item] of Object.entries<Record<string, { security?: unknown[] }>>(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const security = operation.security ?? doc.security ?? [];
      operations.set(`${method.toUpperCase()} ${path}`, security.length > 0);
    }
  }
  return operations;
}

/**
 * Every row × every caller × its own and another unit's case: the outcome of each request against the
 * rules. Prints the table; returns the mismatches (empty when the API does exactly what the rules say).
 */
export async function runMatrix(app: TestApp, area: string, rows: Row[]): Promise<string[]> {
  const operations = await documentedOperations(app);
  await addFixtureUsers(app);
  const build = limiter(6);
  const make = caseBuilder(app);
  const supply = new Supply((key) => build(() => make(key.slice(key.indexOf(':') + 1))));

  const plans = rows.map((row, index) => {
    const bearer = operations.get(row.op);
    if (bearer === undefined) throw new Error(`${row.what}: ${row.op} is not in the OpenAPI document`);
    const sides: Side[] = row.noOther ? ['own'] : ['own', 'other'];
    const cells: Cell[] = CALLERS.flatMap((caller) =>
      sides.map((side) => {
        const key = keyFor(row, caller, side);
        if (side === 'other' && key && !row.fixed && caller !== ANONYMOUS && seesCase(caller, key)) {
          throw new Error(`${row.what}: ${key} is no other unit's case for ${caller}`);
        }
        return { caller, side, key, want: expected(row, caller, side, bearer, key) };
      }),
    );
    // One case per key, and one more for each request that is to succeed and change it.
    const changes = !row.readOnly && !row.op.startsWith('GET ');
    for (const cell of cells) if (cell.key) supply.prepare(`${index}:${cell.key}`, 1);
    const counts = new Map<string, number>();
    for (const cell of cells.filter((c) => c.key && changes && success(c.want))) {
      counts.set(cell.key!, (counts.get(cell.key!) ?? 0) + 1);
    }
    for (const [key, count] of counts) supply.prepare(`${index}:${key}`, count + 1);
    return { row, index, cells, changes };
  });

  const rowsAtOnce = limiter(3);
  const results = await Promise.all(
    plans.map((plan) =>
      rowsAtOnce(async () => {
        const got = new Map<string, Outcome>();
        const mismatches: string[] = [];
        for (const cell of plan.cells) {
          const { row } = plan;
          const key = cell.key && `${plan.index}:${cell.key}`;
          const c = key ? await supply.current(key) : undefined;
          const ownKey = keyFor(row, cell.caller, 'own');
          const own = ownKey ? await supply.current(`${plan.index}:${ownKey}`) : undefined;
          const [method, template] = row.op.split(' ') as [string, string];
          const path = template.replaceAll(/\{(\w+)\}/g, (_, name: string) => c?.params[name] ?? `{${name}}`);
          const query = row.query?.(c, cell.side);
          const body = typeof row.body === 'function' ? row.body(c!, own!) : row.body;
          const login = cell.caller === ANONYMOUS ? undefined : cell.caller;
          const target = query ? `${path}?${query}` : path;
          const response = row.upload
            ? await uploadRequest(app, login, target, row.upload)
            : await app.request(login, method, target, body);
          const outcome: Outcome =
            row.listed && response.status === 200
              ? row.listed(response.body, c!)
                ? 'in'
                : 'out'
              : response.status;
          got.set(`${cell.caller}/${cell.side}`, outcome);
          if (key && plan.changes && success(response.status)) supply.consume(key);
          if (outcome !== cell.want) {
            mismatches.push(
              `${row.what} [${row.op}] as ${cell.caller} on ${cell.side} case ${cell.key ?? ''}: got ${outcome}` +
                ` ${JSON.stringify(response.body?.error?.code ?? '')}, want ${cell.want}`,
            );
          }
        }
        return { plan, got, mismatches };
      }),
    ),
  );

  console.log(matrixTable(area, rows, results));
  return results.flatMap((r) => r.mismatches);
}

/** A multipart/form-data POST of one file (the attachment upload), answered like `app.request`. */
async function uploadRequest(
  app: TestApp,
  login: string | undefined,
  path: string,
  file: NonNullable<Row['upload']>,
) {
  const form = new FormData();
  form.append('file', new Blob([file.bytes]), file.fileName);
  const headers: Record<string, string> = login ? { authorization: `Bearer ${await testToken(login)}` } : {};
  const response = await fetch(`${app.baseUrl}${path}`, { method: 'POST', headers, body: form });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
