import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { HISTORIES_DIR } from '../support/histories';
import { testEnv } from '../support/harness';

/**
 * Every released history must replay on the current workflow code without nondeterminism, forever: a change
 * to the workflow that breaks this needs `patched()` or a new workflow type (docs/architecture.md). A
 * fixture is never re-recorded; record new ones with SAVE_HISTORIES=1 and the test that names them.
 */
const fixtures = fs.readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json'));

/** The first released set (CHANGELOG 1.0.0): every procedure once. None may ever go missing. */
const RELEASED = [
  'case-transfer-accept-reply',
  'case-command-request-time',
  'case-settle-and-record',
  'case-register-repeat',
  'case-register-final',
  'case-assign',
  'case-divert',
  'case-not-accept',
  'case-objection-rerouted',
  'case-objection-window-lapsed',
  'case-simplified-to-normal',
  'case-owner',
  'case-extension',
  'case-extension-overdue',
  'case-withdraw',
  'case-assigned-overdue',
  'case-review-window-lapsed',
  'case-review-chain-timers',
  'case-review-chain-final',
  'case-review-rehandling',
  'case-review-shandong-acceptance',
  'case-supervision-ladder',
  'case-return-visit',
  'case-evaluation',
  // Issue 19: the review and re-examination requests carry the petitioner's application.
  'case-review-chain-application',
  // Issue 21: the provincial procedures, the 2005 rule set, and re-plans after a change of the rules data.
  'case-beijing-review-extension',
  'case-shandong-request-refused',
  'case-henan-final-review',
  'case-shanghai-verification-closure',
  'case-zhejiang-agreement-closure',
  'case-national-2005-acceptance',
  'case-rule-set-adopted',
  'case-calendar-replan',
  // Issue 22: the case file.
  'case-manual-supervision',
  'case-owner-expiry',
  'case-follow-up',
  'case-merged',
  // Issue 23: the backlog register's own workflow type (an entry's target date and its ladder).
  'backlog-entry-ladder',
  'case-objection-escalated-once',
];

/** The workflow types the worker registers (src/workflows/index.ts); each fixture names one of them. */
const WORKFLOW_TYPES = ['petitionCaseWorkflow', 'backlogEntryWorkflow'];
const typeOf = (file: string) =>
  JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8')).events[0]
    .workflowExecutionStartedEventAttributes.workflowType.name as string;

it('has saved histories to replay', () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(RELEASED.length);
  expect(fixtures).toEqual(expect.arrayContaining(RELEASED.map((name) => `${name}.json`)));
});

it('runs each history under a workflow type the worker registers, every type with a history', () => {
  const types = new Set(fixtures.map(typeOf));
  expect([...types].sort()).toEqual([...WORKFLOW_TYPES].sort());
});

// Each history replays under its own type: the one its start event names (runReplayHistory reads it there).
it.each(fixtures)('replays %s', async (file) => {
  expect(WORKFLOW_TYPES).toContain(typeOf(file));
  const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8')));
  await Worker.runReplayHistory(
    { workflowBundle: { codePath: testEnv('TEST_WORKFLOW_BUNDLE') } },
    history,
    `replay-${path.basename(file, '.json')}`,
  );
});
