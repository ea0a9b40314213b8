import type { Log } from '../../src/runtime/logger';
import { runLoad } from './load';
import { petitionClient, todayInShanghai } from './petition-lifecycle';
import { rssMiB } from './resources';
import type { BenchStack } from './stack';

export interface ScaleSample {
  /** Open cases registered so far. */
  cases: number;
  seconds: number;
  workerRssMiB: number;
  serverRssMiB: number;
}

export interface ScaleFigures {
  cases: number;
  cache: number;
  registrationsPerSecond: number;
  samples: ScaleSample[];
  /** Worker RSS when the cache had just filled, at the end, and the largest seen after the cache filled. */
  workerRssAtCacheFullMiB: number;
  workerRssAtEndMiB: number;
  workerRssMaxAfterCacheFullMiB: number;
  lines: string[];
}

const SAMPLE_EVERY_MS = 2_000;
const CONCURRENCY = 16;

/**
 * The scale mode: `cases` petitions registered (each an open case with its timer, as they pile up in a
 * bureau), 16 at a time, the worker's and the server's memory sampled as they go. The worker keeps at most
 * `cache` of them in memory: past that its RSS should stay about flat.
 */
export async function measureScale(stack: BenchStack, cases: number, cache: number, log: Log) {
  const api = await petitionClient(stack.apiUrl, (login) => stack.mint(login));
  const samples: ScaleSample[] = [];
  let registered = 0;
  const started = performance.now();
  const sample = () => {
    const rss = rssMiB(stack.pids);
    if (samples.length % 5 === 4) {
      log(
        `scale: ${registered} open cases, worker RSS ${rss.worker.toFixed(0)} MiB, server ${rss.server.toFixed(0)} MiB`,
      );
    }
    samples.push({
      cases: registered,
      seconds: (performance.now() - started) / 1000,
      workerRssMiB: rss.worker,
      serverRssMiB: rss.server,
    });
  };
  sample();
  const sampler = setInterval(sample, SAMPLE_EVERY_MS);
  log(`Scale: ${cases} open cases, worker cache ${cache}…`);
  try {
    await runLoad(
      {
        async run(index) {
          const id = await api.register(todayInShanghai(), `scale ${index}`);
          registered++;
          return id;
        },
      },
      { lifecycles: cases, concurrency: CONCURRENCY, label: 'scale, open cases' },
      log,
    );
  } finally {
    clearInterval(sampler);
  }
  sample();
  const seconds = (performance.now() - started) / 1000;
  const afterFull = samples.filter((s) => s.cases >= cache);
  const atFull = afterFull[0] ?? samples[samples.length - 1]!;
  const end = samples[samples.length - 1]!;
  const figures = {
    cases,
    cache,
    registrationsPerSecond: cases / seconds,
    samples,
    workerRssAtCacheFullMiB: atFull.workerRssMiB,
    workerRssAtEndMiB: end.workerRssMiB,
    workerRssMaxAfterCacheFullMiB: Math.max(...afterFull.map((s) => s.workerRssMiB), atFull.workerRssMiB),
  };
  return { ...figures, lines: scaleLines(figures) };
}

function scaleLines(f: Omit<ScaleFigures, 'lines'>): string[] {
  const step = Math.max(1, Math.floor(f.cases / 10));
  const marks = f.samples.filter(
    (s, i) =>
      i === f.samples.length - 1 ||
      Math.floor(s.cases / step) !== Math.floor((f.samples[i - 1]?.cases ?? -1) / step),
  );
  const growth = f.workerRssAtEndMiB - f.workerRssAtCacheFullMiB;
  return [
    `Scale: ${f.cases} open cases registered at ${f.registrationsPerSecond.toFixed(1)}/s, worker cache ${f.cache}`,
    'open cases  worker RSS MiB  server RSS MiB',
    ...marks.map(
      (s) =>
        `${String(s.cases).padStart(10)}  ${s.workerRssMiB.toFixed(0).padStart(14)}  ${s.serverRssMiB.toFixed(0).padStart(14)}`,
    ),
    `Worker RSS: ${f.workerRssAtCacheFullMiB.toFixed(0)} MiB when the cache filled, ` +
      `${f.workerRssAtEndMiB.toFixed(0)} MiB at the end (${growth >= 0 ? '+' : ''}${growth.toFixed(0)} MiB), ` +
      `at most ${f.workerRssMaxAfterCacheFullMiB.toFixed(0)} MiB after the cache filled`,
  ];
}
