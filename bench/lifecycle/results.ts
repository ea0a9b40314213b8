import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const RESULTS = path.resolve(__dirname, '..', 'results');

/**
 * Writes a run's figures to bench/results/<YYYY-MM-DD>.json (the scale mode's to <YYYY-MM-DD>-scale.json,
 * --quick's to <YYYY-MM-DD>-quick.json; a
 * second run on the same day replaces the first), with the machine they were measured on; returns the file.
 */
export function writeResults(results: Record<string, unknown>, suffix = ''): string {
  fs.mkdirSync(RESULTS, { recursive: true });
  const now = new Date();
  const file = path.join(RESULTS, `${now.toISOString().slice(0, 10)}${suffix}.json`);
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: os.loadavg(),
  };
  fs.writeFileSync(
    file,
    `${JSON.stringify({ measuredAt: now.toISOString(), machine, ...results }, null, 2)}\n`,
  );
  return file;
}
