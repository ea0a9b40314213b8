import { condition } from '@temporalio/workflow';

/**
 * Mutual exclusion inside one workflow: while a decision's deadlines are computed (an await), no other
 * Update or alarm may decide on the same state. Every waiter re-checks after waking, because the SDK wakes
 * all satisfied conditions in one pass.
 */
export function createLock() {
  let held = false;
  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      while (held) await condition(() => !held);
      held = true;
      try {
        return await work();
      } finally {
        held = false;
      }
    },
  };
}
