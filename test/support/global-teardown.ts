import type { ChildProcess } from 'node:child_process';
import { Client, Connection } from '@temporalio/client';
import { workflowTaskFailures } from './workflow-task-failures';

/**
 * Fails the run if any workflow of the run's Temporal server had a failed workflow task (code that threw
 * after the read model's write, or a break of determinism), then stops the servers and waits until they are
 * gone, so no process outlives the suite.
 */
export default async function globalTeardown(): Promise<void> {
  (globalThis as { __oidcProvider?: ChildProcess }).__oidcProvider?.kill('SIGTERM');
  const services = (globalThis as { __devServices?: ChildProcess }).__devServices;
  if (!services || services.exitCode !== null) return;
  let failed: Error | undefined;
  try {
    await checkWorkflowTasks();
  } catch (err) {
    failed = err as Error;
  }
  const exited = new Promise<void>((resolve) => services.once('exit', () => resolve()));
  services.kill('SIGTERM');
  const timeout = setTimeout(() => services.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timeout);
  if (failed) throw failed;
}

async function checkWorkflowTasks(): Promise<void> {
  const address = process.env.TEST_TEMPORAL_ADDRESS;
  if (!address) return;
  const connection = await Connection.connect({ address });
  try {
    const { checked, failures } = await workflowTaskFailures(new Client({ connection }));
    process.stderr.write(`[test teardown] ${checked} workflows, ${failures.length} failed workflow tasks\n`);
    if (failures.length > 0) {
      const lines = failures.slice(0, 20).map((f) => `  ${f.workflowId}: ${f.cause}: ${f.message}`);
      throw new Error(`Workflow tasks failed during the run:\n${lines.join('\n')}`);
    }
  } finally {
    await connection.close();
  }
}
