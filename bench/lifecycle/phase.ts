import type { Client } from '@temporalio/client';
import type { Log } from '../../src/runtime/logger';
import { type HistoryFigures, historyFigures } from './history';
import { type Lifecycle, runLoad } from './load';
import { type Percentiles, percentiles } from './percentiles';
import { machineBusyMs, threadCpuMs } from './process-stats';
import { type CpuSnapshot, cpuSnapshot, type Role, rssMiB } from './resources';
import type { StackPids } from './stack';
import { noThreadCpu, threadCpuBetween, type WorkerThreadCpu } from './worker-threads';

/**
 * The three systems, measured in this order in every round: bare Temporal (a no-op workflow taking as many
 * Updates), the floor (the same workflow doing only what every transition of a case must: one local
 * activity and one search-attribute upsert per Update), and petitionflow's lifecycle through the API.
 */
export const SYSTEMS = ['bare', 'floor', 'petitionflow'] as const;
export type System = (typeof SYSTEMS)[number];

/** The figures of one system at one concurrency. */
export interface PhaseFigures {
  system: System;
  concurrency: number;
  lifecycles: number;
  /** Rounds the lifecycles ran in, taking turns with the other systems'. */
  rounds: number;
  seconds: number;
  lifecyclesPerSecond: number;
  /** Every transition (each step of every lifecycle), ms. */
  transition: Percentiles;
  byStep: Record<string, Percentiles>;
  history: HistoryFigures;
  /**
   * CPU ms per lifecycle of the system's processes (bare and floor: the bare worker and the server;
   * petitionflow: API, worker, server).
   */
  cpuMsPerLifecycle: number;
  cpuMsByProcess: Partial<Record<Role, number>>;
  /** The system's worker's CPU per lifecycle by kind of thread (in cpuMsByProcess's worker figure). */
  workerCpuMsByThread: WorkerThreadCpu;
  /** PostgreSQL's CPU per lifecycle (petitionflow only; not in the total above). */
  postgresCpuMsPerLifecycle?: number;
  /** The bench's own CPU per lifecycle (the client: HTTP or the Temporal client). */
  clientCpuMsPerLifecycle: number;
  /** The whole machine's busy CPU per lifecycle: every process, the other work on it included. */
  machineCpuMsPerLifecycle: number;
  /** After its last round, MiB. */
  workerRssMiB: number;
  serverRssMiB: number;
}

export const PROCESSES: Record<System, Role[]> = {
  bare: ['bareWorker', 'server'],
  floor: ['bareWorker', 'server'],
  petitionflow: ['api', 'worker', 'server'],
};

interface Tally {
  seconds: number;
  latencies: Map<string, number[]>;
  workflowIds: string[];
  cpu: CpuSnapshot;
  workerThreads: WorkerThreadCpu;
  clientMs: number;
  machineMs: number;
}

/**
 * The three systems at one concurrency: `lifecycles` each, in `rounds` rounds that take turns (bare, floor,
 * petitionflow, bare, …), so that other work on the machine, which comes and goes, weighs on all alike.
 */
export async function measureConcurrency(
  lifecycles: Record<System, Lifecycle>,
  options: { lifecycles: number; concurrency: number; rounds: number; firstIndex: number },
  context: { client: Client; pids: StackPids; log: Log },
): Promise<Record<System, PhaseFigures>> {
  const { concurrency, rounds } = options;
  const tallies = Object.fromEntries(SYSTEMS.map((system) => [system, emptyTally()])) as Record<
    System,
    Tally
  >;
  const perRound = Math.ceil(options.lifecycles / rounds);
  for (let round = 0; round < rounds; round++) {
    const count = Math.min(perRound, options.lifecycles - round * perRound);
    for (const system of SYSTEMS) {
      const label = `${system} at concurrency ${concurrency}, round ${round + 1}/${rounds}`;
      await runRound(lifecycles[system], tallies[system], {
        workerPid: system === 'petitionflow' ? context.pids.worker : context.pids.bareWorker,
        lifecycles: count,
        concurrency,
        label,
        firstIndex: options.firstIndex + round * perRound,
        pids: context.pids,
        log: context.log,
      });
    }
  }
  const rss = rssMiB(context.pids);
  const figures = async (system: System): Promise<PhaseFigures> => {
    const tally = tallies[system];
    const n = options.lifecycles;
    const byProcess = Object.fromEntries(PROCESSES[system].map((r) => [r, tally.cpu[r] / n]));
    const f: PhaseFigures = {
      system,
      concurrency,
      lifecycles: n,
      rounds,
      seconds: tally.seconds,
      lifecyclesPerSecond: n / tally.seconds,
      transition: percentiles([...tally.latencies.values()].flat()),
      byStep: Object.fromEntries([...tally.latencies].map(([step, ms]) => [step, percentiles(ms)])),
      history: await historyFigures(context.client, tally.workflowIds),
      cpuMsPerLifecycle: Object.values(byProcess).reduce((a, b) => a + b, 0),
      cpuMsByProcess: byProcess,
      workerCpuMsByThread: perLifecycle(tally.workerThreads, n),
      ...(system === 'petitionflow' ? { postgresCpuMsPerLifecycle: tally.cpu.postmaster / n } : {}),
      clientCpuMsPerLifecycle: tally.clientMs / n,
      machineCpuMsPerLifecycle: tally.machineMs / n,
      // The bare worker runs bare's and the floor's workflows both: one figure for the two.
      workerRssMiB: system === 'petitionflow' ? rss.worker : rss.bareWorker,
      serverRssMiB: rss.server,
    };
    context.log(
      `${system} at concurrency ${concurrency}: ${f.lifecyclesPerSecond.toFixed(2)} lifecycles/s, transition ` +
        `p50 ${f.transition.p50.toFixed(1)} ms, p99 ${f.transition.p99.toFixed(1)} ms`,
    );
    return f;
  };
  return {
    bare: await figures('bare'),
    floor: await figures('floor'),
    petitionflow: await figures('petitionflow'),
  };
}

function emptyTally(): Tally {
  const cpu = { api: 0, worker: 0, bareWorker: 0, server: 0, postmaster: 0 };
  return {
    seconds: 0,
    latencies: new Map(),
    workflowIds: [],
    cpu,
    workerThreads: noThreadCpu(),
    clientMs: 0,
    machineMs: 0,
  };
}

function perLifecycle(cpu: WorkerThreadCpu, lifecycles: number): WorkerThreadCpu {
  return {
    workflowThread: cpu.workflowThread / lifecycles,
    mainThread: cpu.mainThread / lifecycles,
    sdkCore: cpu.sdkCore / lifecycles,
    other: cpu.other / lifecycles,
  };
}

/** One round of one system, added to its tally. */
async function runRound(
  lifecycle: Lifecycle,
  tally: Tally,
  options: {
    workerPid: number;
    lifecycles: number;
    concurrency: number;
    label: string;
    firstIndex: number;
    pids: StackPids;
    log: Log;
  },
): Promise<void> {
  const before = cpuSnapshot(options.pids);
  const threadsBefore = threadCpuMs(options.workerPid);
  const [client0, machine0] = [process.cpuUsage(), machineBusyMs()];
  const load = await runLoad(lifecycle, options, options.log);
  const client = process.cpuUsage(client0);
  tally.machineMs += machineBusyMs() - machine0;
  const after = cpuSnapshot(options.pids);
  const threads = threadCpuBetween(options.workerPid, threadsBefore, threadCpuMs(options.workerPid));
  for (const kind of Object.keys(threads) as Array<keyof WorkerThreadCpu>) {
    tally.workerThreads[kind] += threads[kind];
  }
  for (const role of Object.keys(before) as Role[]) tally.cpu[role] += after[role] - before[role];
  tally.clientMs += (client.user + client.system) / 1000;
  tally.seconds += load.seconds;
  tally.workflowIds.push(...load.workflowIds);
  for (const [step, ms] of load.latencies)
    tally.latencies.set(step, [...(tally.latencies.get(step) ?? []), ...ms]);
}
