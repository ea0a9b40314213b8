import { TestWorkflowEnvironment } from '@temporalio/testing';
import { addSearchAttributes } from '../../src/temporal/search-attributes';

/** How often a start is tried: the SDK gives the server 5 s, which a loaded two-core machine can overrun. */
const ATTEMPTS = 3;

/**
 * A fresh time-skipping server (its clock only moves forward) from the cached build, with the project's search
 * attributes (the test server starts with none; the workflow upserts ours). A start that did not come up in the
 * SDK's window is tried again; any other failure is the test's.
 */
export async function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  const path = process.env.TEMPORAL_TEST_SERVER_PATH;
  const options = path ? { server: { executable: { type: 'existing-path' as const, path } } } : undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      const env = await TestWorkflowEnvironment.createTimeSkipping(options);
      await addSearchAttributes(env.connection, 'default');
      return env;
    } catch (err) {
      const slowStart = err instanceof Error && /did not start within/.test(err.message);
      if (!slowStart || attempt >= ATTEMPTS) throw err;
    }
  }
}
