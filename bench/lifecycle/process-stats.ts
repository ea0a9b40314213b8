import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ). */
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/**
 * A stat file of /proc (a process's or a thread's): its command name, and the fields after it (the name may
 * hold spaces and parentheses).
 */
function readStat(file: string): { name: string; fields: string[] } | undefined {
  try {
    const stat = fs.readFileSync(file, 'utf8');
    const end = stat.lastIndexOf(')');
    return { name: stat.slice(stat.indexOf('(') + 1, end), fields: stat.slice(end + 2).split(' ') };
  } catch {
    return undefined; // gone
  }
}

const statFields = (pid: number) => readStat(`/proc/${pid}/stat`)?.fields;

/** utime + stime, and with `children` the reaped children's too (fields 14–17 of proc(5), 11–14 here), ms. */
function cpuOf(fields: string[], children = false): number {
  const ticks = [11, 12, ...(children ? [13, 14] : [])].reduce((sum, i) => sum + Number(fields[i]), 0);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/**
 * CPU time (user + system) the process has used, in ms; with `children`, also that of its children that
 * exited and were reaped (PostgreSQL's backends) — fields 14–17 of proc(5), 11–14 here.
 */
export function cpuMs(pid: number, children = false): number {
  const fields = statFields(pid);
  return fields ? cpuOf(fields, children) : 0;
}

/** Resident memory (VmRSS) in bytes, 0 once the process is gone. */
export function rssBytes(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kib ? Number(kib) * 1024 : 0;
  } catch {
    return 0;
  }
}

function allPids(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** The live children of a process. */
export function childrenOf(pid: number): number[] {
  return allPids().filter((child) => statFields(child)?.[1] === String(pid));
}

/** The first process whose command line has every one of `words` as an argument. */
export function findProcess(words: string[]): number | undefined {
  for (const pid of allPids()) {
    try {
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (words.every((word) => args.includes(word))) return pid;
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

/** PostgreSQL's CPU: the postmaster, its live backends, and those that exited (reaped by the postmaster). */
export function postgresCpuMs(postmasterPid: number): number {
  return (
    cpuMs(postmasterPid, true) + childrenOf(postmasterPid).reduce((sum, pid) => sum + cpuMs(pid, true), 0)
  );
}

/** CPU time the whole machine has been busy (every core, every process: user, nice, system, irq), ms. */
export function machineBusyMs(): number {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const [user, nice, system, , , irq, softirq, steal] = line.split(/\s+/).slice(1).map(Number);
  return ((user! + nice! + system! + irq! + softirq! + steal!) * 1000) / TICKS_PER_SECOND;
}

/** CPU time (user + system) of each thread of a process so far, ms, by thread id, with the thread's name. */
export function threadCpuMs(pid: number): Map<number, { name: string; ms: number }> {
  const threads = new Map<number, { name: string; ms: number }>();
  let tids: string[];
  try {
    tids = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return threads; // gone
  }
  for (const tid of tids) {
    const stat = readStat(`/proc/${pid}/task/${tid}/stat`); // none: the thread ended meanwhile
    if (stat) threads.set(Number(tid), { name: stat.name, ms: cpuOf(stat.fields) });
  }
  return threads;
}
