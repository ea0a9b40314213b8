import { LIFECYCLE_STEPS } from './petition-lifecycle';
import type { PhaseFigures, System } from './phase';
import type { SpanFigures } from './spans';
import type { StormFigures } from './storm';

export interface Ratios {
  /** petitionflow / bare lifecycles per second at concurrency 16. */
  throughputAt16: number;
  /** petitionflow / bare transition p50 at concurrency 1 (latency without queueing). */
  p50At1: number;
  throughputAt1: number;
  p50At16: number;
}

const phaseOf = (phases: PhaseFigures[], system: System, concurrency: number) =>
  phases.find((p) => p.system === system && p.concurrency === concurrency)!;

export function ratiosOf(phases: PhaseFigures[]): Ratios {
  const ratio = (concurrency: number, figure: (p: PhaseFigures) => number) =>
    figure(phaseOf(phases, 'petitionflow', concurrency)) / figure(phaseOf(phases, 'bare', concurrency));
  return {
    throughputAt16: ratio(16, (p) => p.lifecyclesPerSecond),
    p50At1: ratio(1, (p) => p.transition.p50),
    throughputAt1: ratio(1, (p) => p.lifecyclesPerSecond),
    p50At16: ratio(16, (p) => p.transition.p50),
  };
}

/** The last line of every compare run, `--quick` included. */
export function finalLine(ratios: Ratios): string {
  return (
    `bench: throughput ratio ${ratios.throughputAt16.toFixed(2)} at concurrency 16, ` +
    `p50 ratio ${ratios.p50At1.toFixed(2)}`
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

/** The comparison table, the per-step latencies, where the time goes, and the storm. */
export function compareTable(
  phases: PhaseFigures[],
  ratios: Ratios,
  spans: SpanFigures[],
  storm: StormFigures,
  setup: Record<string, unknown>,
): string[] {
  const header = ['figure', ...[1, 16].flatMap((c) => [`bare c${c}`, `petitionflow c${c}`, `ratio c${c}`])];
  const lines = ROWS.map(([label, figure, digits]) => [
    label,
    ...[1, 16].flatMap((c) => {
      const bare = figure(phaseOf(phases, 'bare', c));
      const petitionflow = figure(phaseOf(phases, 'petitionflow', c));
      return [bare.toFixed(digits), petitionflow.toFixed(digits), (petitionflow / bare).toFixed(2)];
    }),
  ]);
  const postgres = [1, 16].map((c) => phaseOf(phases, 'petitionflow', c).postgresCpuMsPerLifecycle ?? 0);
  lines.push([
    'PostgreSQL CPU ms/lifecycle',
    '',
    postgres[0]!.toFixed(1),
    '',
    '',
    postgres[1]!.toFixed(1),
    '',
  ]);
  const steps = LIFECYCLE_STEPS.map((step) => [
    step,
    ...[1, 16].flatMap((c) => {
      const bare = phaseOf(phases, 'bare', c).byStep[step]?.p50 ?? 0;
      const petitionflow = phaseOf(phases, 'petitionflow', c).byStep[step]?.p50 ?? 0;
      return [bare.toFixed(1), petitionflow.toFixed(1), (petitionflow / bare).toFixed(2)];
    }),
  ]);
  const sample = phaseOf(phases, 'bare', 1);
  return [
    `Lifecycle benchmark: ${LIFECYCLE_STEPS.join(' → ')} (${LIFECYCLE_STEPS.length} Updates); ` +
      `${sample.lifecycles} lifecycles at concurrency 1, ${phaseOf(phases, 'bare', 16).lifecycles} at 16, each system; ` +
      `dev server transfer poll ${String(setup.transferPollRps)}/s, SQLite ${pragmasOf(setup)}, ` +
      `worker cache ${String(setup.cache)}`,
    '',
    ...table(header, lines),
    '',
    'Transition p50 by step, ms:',
    ...table(
      header.map((h, i) => (i === 0 ? 'step' : h)),
      steps,
    ),
    '',
    ...spanLines(spans),
    '',
    `Overdue storm: ${storm.cases} petitions received 40 days ago, ${storm.concurrency} at a time: registered in ` +
      `${storm.registrationSeconds.toFixed(1)} s; every supervision notice in PostgreSQL ` +
      `${storm.noticesSeconds.toFixed(1)} s after the first registration ` +
      `(${storm.afterLastRegistrationSeconds.toFixed(1)} s after the last)`,
    '',
    `Ratios (petitionflow / bare): throughput ${ratios.throughputAt16.toFixed(2)} at concurrency 16 ` +
      `(${ratios.throughputAt1.toFixed(2)} at 1); transition p50 ${ratios.p50At1.toFixed(2)} at concurrency 1 ` +
      `(${ratios.p50At16.toFixed(2)} at 16)`,
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
