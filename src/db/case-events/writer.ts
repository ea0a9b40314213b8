import type { StoredHead } from './head';

/**
 * A write's place in the workflow's history (`fence`: the history's length when its task ran) and, for
 * attempts of a task that share that place, when its attempt started (the workflow clock, ISO).
 */
export interface Writer {
  fence: number;
  attemptAt: string | null;
}

/** The writer the row records: the one that wrote it last. */
export function writerOf(head: StoredHead): Writer {
  return { fence: head.record_fence, attemptAt: head.record_attempt_at?.toISOString() ?? null };
}

/** Whether `a` wrote for an earlier workflow task (or an earlier attempt of the same one) than `b`. */
export function isOlder(a: Writer, b: Writer): boolean {
  if (a.fence !== b.fence) return a.fence < b.fence;
  return (a.attemptAt ?? '') < (b.attemptAt ?? '');
}

/** The writer a row keeps after `writer` wrote to it: the newer of the two, so a late old write cannot lower it. */
export function newerWriter(head: StoredHead, writer: Writer): Writer {
  const newest = writerOf(head);
  return isOlder(writer, newest) ? newest : writer;
}
