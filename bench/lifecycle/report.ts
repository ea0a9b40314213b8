import { LIFECYCLE_STEPS } from './petition-lifecycle';
import type { BareWork } from './bare-lifecycle';
import { type PhaseFigures, SYSTEMS, type System } from './phase';
import type { SpanFigures } from './spans';
import type { StormFigures } from './storm';

/** One system's figures over another's. */
export interface RatioSet {
  /** Lifecycles per second at concurrency 16. */
  throughputAt16: number;
  /** Transition p50 at concurrency 1 (latency without queueing). */
  p50At1: number;
  throughputAt1: number;
  p50At16: number;
}

/** petitionflow / bare (as before the floor was measured), and the floor's two ratios beside them. */
export interface Ratios extends RatioSet {
  /** petitionflow / floor: what petitionflow costs beyond the Temporal work every transition must do. */
  againstFloor: RatioSet;
  /** floor / bare: what one local activity and one search-attribute upsert per Update cost bare Temporal. */
  floorAgainstBare: RatioSet;
}

const phaseOf = (phases: PhaseFigures[], system: System, concurrency: number) =>
  phases.find((p) => p.system === system && p.concurrency === concurrency)!;

function ratioSet(phases: PhaseFigures[], over: System, under: System): RatioSet {
  const ratio = (concurrency: number, figure: (p: PhaseFigures) => number) =>
    figure(phaseOf(phases, over, concurrency)) / figure(phaseOf(phases, under, concurrency));
  return {
    throughputAt16: ratio(16, (p) => p.lifecyclesPerSecond),
    p50At1: ratio(1, (p) => p.transition.p50),
    throughputAt1: ratio(1, (p) => p.lifecyclesPerSecond),
    p50At16: ratio(16, (p) => p.transition.p50),
  };
}

export function ratiosOf(phases: PhaseFigures[]): Ratios {
  return {
    ...ratioSet(phases, 'petitionflow', 'bare'),
    againstFloor: ratioSet(phases, 'petitionflow', 'floor'),
    floorAgainstBare: ratioSet(phases, 'floor', 'bare'),
  };
}

/** The last line of every compare run, `--quick` included. */
export function finalLine(ratios: Ratios): string {
  const { againstFloor: floor } = ratios;
  return (
    `bench: throughput ratio ${ratios.throughputAt16.toFixed(2)} (floor ${floor.throughputAt16.toFixed(2)}) ` +
    `at concurrency 16, p50 ratio ${ratios.p50At1.toFixed(2)} (floor ${floor.p50At1.toFixed(2)})`
  );
}

const ROWS: Array<[string, (p: PhaseFigures) => number, number]> = [
  ['lifecycles/s', (p) => p.lifecyclesPerSecond, 2],
  ['transition p50 ms', (p) => p.transition.p50, 1],
  ['transition p95 ms', (p) => p.transition.p95, 1],
  ['transition p99 ms', (p) => p.transition.p99, 1],
  ['history events/case', (p) => p.history.eventsPerCase, 1],
  ['history bytes/case', (p) => p.history.bytesPerCase, 0],
  ['workflow tasks/case', (p) => p.history.workflowTasksPerCase, 1],
  ['workflow task run ms (history)', (p) => p.history.workflowTaskMs, 1],
  ['CPU ms/lifecycle', (p) => p.cpuMsPerLifecycle, 1],
  ['  + client (the bench) ms', (p) => p.clientCpuMsPerLifecycle, 1],
  ['  machine, all processes ms', (p) => p.machineCpuMsPerLifecycle, 1],
  ['worker CPU ms: workflow thread', (p) => p.workerCpuMsByThread.workflowThread, 1],
  ['  main thread (activities)', (p) => p.workerCpuMsByThread.mainThread, 1],
  ['  SDK core (Rust)', (p) => p.workerCpuMsByThread.sdkCore, 1],
  ['  V8 GC and other threads', (p) => p.workerCpuMsByThread.other, 1],
  ['worker RSS MiB', (p) => p.workerRssMiB, 0],
  ['server RSS MiB', (p) => p.serverRssMiB, 0],
];

/** What the bare workflow does in each Update, in words. */
export function workOf(work: BareWork): string {
  const parts = [
    ...(work.localActivities
      ? [`${work.localActivities} local activit${work.localActivities === 1 ? 'y' : 'ies'}`]
      : []),
    ...(work.upserts ? ['1 search-attribute upsert'] : []),
    ...(work.updateBytes ? [`its argument padded to ${work.updateBytes} bytes`] : []),
  ];
  return parts.length ? `${parts.join(' + ')} per Update` : 'no-op Updates';
}

const HEADER = ['bare', 'floor', 'petitionflow', 'pf / bare', 'pf / floor', 'floor / bare'];

/** A row's three figures and its three ratios (petitionflow / bare, petitionflow / floor, floor / bare). */
function systemsRow(label: string, values: Record<System, number>, digits: number): string[] {
  const { bare, floor, petitionflow } = values;
  return [
    label,
    ...[bare, floor, petitionflow].map((v) => v.toFixed(digits)),
    ...[petitionflow / bare, petitionflow / floor, floor / bare].map((r) => r.toFixed(2)),
  ];
}

const valuesAt = (phases: PhaseFigures[], concurrency: number, figure: (p: PhaseFigures) => number) =>
  Object.fromEntries(SYSTEMS.map((s) => [s, figure(phaseOf(phases, s, concurrency))])) as Record<
    System,
    number
  >;

/** The figures of the three systems at one concurrency, then the transition p50 by step. */
function concurrencyTable(phases: PhaseFigures[], concurrency: number): string[] {
  const lines = ROWS.map(([label, figure, digits]) =>
    systemsRow(label, valuesAt(phases, concurrency, figure), digits),
  );
  const postgres = phaseOf(phases, 'petitionflow', concurrency).postgresCpuMsPerLifecycle ?? 0;
  lines.push(['PostgreSQL CPU ms/lifecycle', '', '', postgres.toFixed(1), '', '', '']);
  lines.push(['transition p50 by step, ms:', '', '', '', '', '', '']);
  for (const step of LIFECYCLE_STEPS)
    lines.push(
      systemsRow(
        `  ${step}`,
        valuesAt(phases, concurrency, (p) => p.byStep[step]?.p50 ?? 0),
        1,
      ),
    );
  return table([`concurrency ${concurrency}`, ...HEADER], lines);
}

/** The comparison tables, where the time goes, the storm, and the ratios. */
export function compareTable(
  phases: PhaseFigures[],
  ratios: Ratios,
  spans: SpanFigures[],
  storm: StormFigures,
  setup: Record<string, unknown>,
): string[] {
  const at1 = phaseOf(phases, 'bare', 1);
  const at16 = phaseOf(phases, 'bare', 16);
  const pair = (r: RatioSet) =>
    `throughput ${r.throughputAt16.toFixed(2)} at concurrency 16 (${r.throughputAt1.toFixed(2)} at 1), ` +
    `transition p50 ${r.p50At1.toFixed(2)} at concurrency 1 (${r.p50At16.toFixed(2)} at 16)`;
  return [
    `Lifecycle benchmark: ${LIFECYCLE_STEPS.join(' → ')} (${LIFECYCLE_STEPS.length} Updates); ` +
      `${at1.lifecycles} lifecycles at concurrency 1 and ${at16.lifecycles} at 16, each system, in ` +
      `${at1.rounds} rounds (bare, floor, petitionflow in turn); dev server transfer poll ` +
      `${String(setup.transferPollRps)}/s, SQLite ${pragmasOf(setup)}, worker cache ${String(setup.cache)}`,
    `bare: a workflow taking ${workOf(setup.bare as BareWork)}; floor: the same with ` +
      `${workOf(setup.floor as BareWork)} (what every transition of a case must do); ` +
      'petitionflow: the API, its worker and PostgreSQL. pf = petitionflow.',
    '',
    ...concurrencyTable(phases, 1),
    '',
    ...concurrencyTable(phases, 16),
    '',
    ...spanLines(spans),
    '',
    `Overdue storm: ${storm.cases} petitions received 40 days ago, ${storm.concurrency} at a time: registered in ` +
      `${storm.registrationSeconds.toFixed(1)} s; every supervision notice in PostgreSQL ` +
      `${storm.noticesSeconds.toFixed(1)} s after the first registration ` +
      `(${storm.afterLastRegistrationSeconds.toFixed(1)} s after the last)`,
    '',
    'Ratios:',
    `  petitionflow / bare:  ${pair(ratios)}`,
    `  petitionflow / floor: ${pair(ratios.againstFloor)}`,
    `  floor / bare:         ${pair(ratios.floorAgainstBare)}`,
  ];
}

function spanLines(spans: SpanFigures[]): string[] {
  const ms = (v: number | undefined) => (v === undefined ? 'n/a' : v.toFixed(1));
  const mean = (values: Record<string, number>) => {
    const list = Object.values(values);
    return list.length ? list.reduce((a, b) => a + b, 0) / list.length : undefined;
  };
  return [
    "Where petitionflow's time goes (means, ms; each span holds the ones below it):",
    ...spans.flatMap((s) => [
      `  concurrency ${s.concurrency}: API request ${ms(mean(s.requestMs))} ⊃ Temporal Update round trip ` +
        `${ms(mean(s.updateMs))} ⊃ workflow task ${ms(s.workflowTaskMs)} (waited ` +
        `${ms(s.workflowTaskScheduleToStartMs)} for the worker) ⊃ local activities ` +
        Object.entries(s.localActivityMs)
          .map(([type, v]) => `${type} ${ms(v)}`)
          .join(', '),
      `    by route: ${Object.entries(s.requestMs)
        .map(([route, v]) => `${route.replace('/api/petitions', '') || '/'} ${ms(v)}`)
        .join(', ')}`,
      `    Update by name: ${Object.entries(s.updateMs)
        .map(([update, v]) => `${update} ${ms(v)}`)
        .join(', ')}`,
    ]),
  ];
}

function table(header: string[], lines: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [row(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(row)];
}

function pragmasOf(setup: Record<string, unknown>): string {
  const pragmas = Object.entries((setup.sqlitePragmas as Record<string, string> | undefined) ?? {});
  return pragmas.length ? pragmas.map(([k, v]) => `${k}=${v}`).join(' ') : 'defaults';
}
