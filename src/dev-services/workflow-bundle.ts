import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

/** Bundles the workflow code once into `dir`, for several workers to load (WORKFLOW_BUNDLE_PATH). */
export async function writeWorkflowBundle(dir: string): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    logger: {
      log: () => undefined,
      trace: () => undefined,
      debug: () => undefined,
      info: () => undefined,
      warn: (message) => process.stderr.write(`[bundle] ${message}\n`),
      error: (message) => process.stderr.write(`[bundle] ${message}\n`),
    },
  });
  const file = path.join(dir, 'workflows.js');
  fs.writeFileSync(file, code);
  return file;
}
