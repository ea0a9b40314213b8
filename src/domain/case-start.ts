import { type Client, WithStartWorkflowOperation } from '@temporalio/client';
import {
  PETITION_WORKFLOW_TYPE,
  type PetitionWorkflowInput,
  petitionWorkflowId,
  REGISTRATION_UPDATE_ID,
  registrationUpdate,
} from '../workflows/messages';
import * as attrs from '../workflows/search-attributes';
import { withTemporalDeadline } from './temporal-calls';

/**
 * Starts a registered petition's workflow and waits for its registration to be recorded. Safe to repeat:
 * an existing workflow is used (USE_EXISTING) and the registration Update has a fixed id, so a retry, or the
 * reconciler finishing a registration a crash interrupted, ends in the same one case. A case that already
 * ran to its end is never started again under its id (REJECT_DUPLICATE).
 */
export async function startCaseWorkflow(
  deps: { client: Client; taskQueue: string },
  input: PetitionWorkflowInput,
): Promise<void> {
  const start = new WithStartWorkflowOperation(PETITION_WORKFLOW_TYPE, {
    workflowId: petitionWorkflowId(input.petitionId),
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    taskQueue: deps.taskQueue,
    args: [input],
    staticSummary: `信访 ${input.petitionId} · ${input.channel} · ${input.category} · ${input.domain}`,
    typedSearchAttributes: [
      { key: attrs.PetitionStatus, value: 'registered' },
      { key: attrs.RuleSet, value: input.ruleSetId },
      { key: attrs.PetitionChannel, value: input.channel },
      { key: attrs.PetitionCategory, value: input.category },
      { key: attrs.Overdue, value: false },
      { key: attrs.SupervisionLevel, value: 'none' },
    ],
  });
  await withTemporalDeadline(deps.client, () =>
    deps.client.workflow.executeUpdateWithStart(registrationUpdate, {
      startWorkflowOperation: start,
      updateId: REGISTRATION_UPDATE_ID,
    }),
  );
}
