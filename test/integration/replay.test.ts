import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { HISTORIES_DIR } from '../support/histories';
import { testEnv } from '../support/harness';

/**
 * Every saved history must replay on the current workflow code without nondeterminism: a change to
 * the workflow that breaks this needs `patched()`. Record new fixtures with SAVE_HISTORIES=1 npm test.
 */
const fixtures = fs.readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json'));

it('has saved histories to replay', () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(40);
});

it('runs each history under the workflow type it recorded (the first type name ran two codes)', () => {
  const types = new Set(
    fixtures.map(
      (file) =>
        JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8')).events[0]
          .workflowExecutionStartedEventAttributes.workflowType.name as string,
    ),
  );
  expect([...types].sort()).toEqual(['petitionCaseWorkflow', 'petitionWorkflow']);
});

it.each(fixtures)('replays %s', async (file) => {
  const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8')));
  await Worker.runReplayHistory(
    { workflowBundle: { codePath: testEnv('TEST_WORKFLOW_BUNDLE') } },
    history,
    `replay-${path.basename(file, '.json')}`,
  );
});
