import { petitionWorkflow as walkingSkeletonWorkflow } from './legacy/petition.workflow';
import type { PetitionWorkflowInput as WalkingSkeletonInput } from './legacy/messages';
import type { PetitionWorkflowInput } from './messages';
import { petitionCaseWorkflow } from './petition.workflow';

/**
 * The workflow type `petitionWorkflow`, kept for the histories it recorded: it ran the walking skeleton, and
 * then the case engine before the engine got its own type (`petitionCaseWorkflow`). Both kinds of history
 * are released and must replay. Which code a history ran shows in its input, which history never changes:
 * the case engine's registration carries the case's flags. Nothing new starts under this type.
 */
export async function petitionWorkflow(
  input: WalkingSkeletonInput | PetitionWorkflowInput,
): Promise<unknown> {
  return 'flags' in input ? petitionCaseWorkflow(input) : walkingSkeletonWorkflow(input);
}
