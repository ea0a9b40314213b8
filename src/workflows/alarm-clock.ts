import { CancellationScope, condition, isCancellation, sleep } from '@temporalio/workflow';
import { nowMs } from './clock';

interface Timer {
  at: number;
  fired: boolean;
  scope: CancellationScope;
}

/**
 * One durable timer for the case's next alarm. A transition that leaves the next alarm where it was keeps
 * the timer running instead of cancelling and starting it again (two history events saved each time).
 */
export function createAlarmClock() {
  let current: Timer | undefined;

  function disarm(): void {
    current?.scope.cancel();
    current = undefined;
  }

  function arm(at: number, summary: string): Timer {
    if (current?.at === at) return current;
    disarm();
    const timer: Timer = { at, fired: false, scope: new CancellationScope() };
    timer.scope
      .run(() => sleep(Math.max(1, at - nowMs()), { summary }))
      .then(
        () => {
          timer.fired = true;
        },
        (err: unknown) => {
          if (!isCancellation(err)) throw err;
        },
      );
    current = timer;
    return timer;
  }

  return {
    /**
     * Waits until the alarm at `at` fires (true) or `wake` holds (false); no alarm: waits for `wake`. The
     * summary names the alarm on the timer in the Web UI.
     */
    async wait(at: number | undefined, wake: () => boolean, summary = ''): Promise<boolean> {
      if (at === undefined) {
        disarm();
        await condition(wake);
        return false;
      }
      const timer = arm(at, summary);
      await condition(() => wake() || timer.fired);
      // Work that woke the loop goes first; the fired timer is kept and answers at once next time.
      if (wake()) return false;
      current = undefined;
      return true;
    },
  };
}
