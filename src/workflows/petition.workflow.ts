import { allHandlersFinished, CancellationScope, condition, patched, setHandler } from '@temporalio/workflow';
import { CaseRunner, COMMAND_TYPES, describeAlarm, initialCaseState } from '../case';
import { createAlarmClock } from './alarm-clock';
import { activities, workflowCaseIO } from './case-io';
import { createLock } from './lock';
import {
  commandUpdates,
  type PetitionWorkflowInput,
  registrationUpdate,
  replanUpdate,
  stateQuery,
} from './messages';
import { compareVersions } from '../rules/versions';
import { asFailure, checked, refuse } from './refusals';
import { createVisibility } from './visibility';

/**
 * One petition (信访事项) from registration to closure: a thin loop around the case runner. Each command of
 * the transition table is an Update whose validator asks the runner; it answers once its events are in
 * PostgreSQL. One durable timer waits for the case's next alarm.
 */
export async function petitionCaseWorkflow(input: PetitionWorkflowInput): Promise<void> {
  // A cancellation (say, pressed in the Web UI) must not silently end a petition and its timers: it is
  // recorded and the case goes on; closing a case is an audited act through the API.
  const root = CancellationScope.current();
  return CancellationScope.nonCancellable(() => runCase(input, root));
}

/** Rule sets 1.3.0 bound the dates staff set ahead; a case pinned before takes the defaults from now on. */
function adoptDateLimits(runner: CaseRunner): void {
  if (!runner.limitsDates && patched('date-limits')) runner.adoptDateLimits();
}

/** A ladder item goes to the office once; cases whose histories predate the fix keep what they recorded. */
function adoptEscalationOncePerItem(runner: CaseRunner): void {
  if (!runner.escalatesOncePerItem && patched('ladder-once-per-item')) runner.adoptEscalationOncePerItem();
}

async function runCase({ registeredBy, ...registration }: PetitionWorkflowInput, root: CancellationScope) {
  const lock = createLock();
  const clock = createAlarmClock();
  const refresh = createVisibility();
  // Set once the rule set's policy is loaded; the handlers, in place before that, wait for `registered`.
  // eslint-disable-next-line prefer-const -- assigned once, below the handlers that close over it
  let runner: CaseRunner | undefined;
  let registered = false;
  let changes = 0;

  /** One change of the case at a time (each may wait on an activity); search attributes follow it. */
  const change = <T>(work: (r: CaseRunner) => Promise<T>) =>
    lock.run(async () => {
      const result = await work(runner!).catch(asFailure);
      changes++;
      refresh(runner!.state);
      return result;
    });
  const answer = async (sequence: number) => {
    await condition(() => runner!.persistedSequence >= sequence);
    return runner!.answer(sequence);
  };
  // Handlers run in the root scope: shield them, too, from a cancellation of the workflow.
  const shielded = <T>(work: () => Promise<T>) => CancellationScope.nonCancellable(work);

  setHandler(stateQuery, () => runner?.state ?? initialCaseState());
  setHandler(registrationUpdate, () =>
    shielded(async () => {
      await condition(() => registered);
      return answer(runner!.state.lastSequence);
    }),
  );
  for (const type of COMMAND_TYPES) {
    setHandler(
      commandUpdates[type],
      (command) =>
        shielded(async () => {
          await condition(() => registered);
          const sequence = await change((r) => {
            adoptDateLimits(r);
            return r.execute(command);
          });
          return answer(sequence);
        }),
      {
        validator: (command) => {
          if (command.type !== type)
            refuse({ code: 'invalid_argument', message: `expected a ${type} command` });
          if (!registered)
            refuse({ code: 'retry_later', message: 'The petition is still being registered; retry' });
          checked(() => runner!.validate(command));
        },
      },
    );
  }
  // The rules data changed: count again what it touches (an Update of its own; the commands' are unchanged).
  setHandler(
    replanUpdate,
    (input) =>
      shielded(async () => {
        await condition(() => registered);
        const result = await change(async (r) => {
          await activities.refreshRulebook();
          const version = input.ruleSetVersion;
          const target =
            version !== undefined && compareVersions(version, r.policyVersion) > 0
              ? await activities.loadCasePolicy(registration.ruleSetId, version)
              : undefined;
          const before = r.policyVersion;
          const moves = await r.replan(input, target, input.requestedBy);
          return {
            sequence: r.state.lastSequence,
            ...(r.policyVersion !== before ? { adopted: r.policyVersion } : {}),
            moves: moves.map(({ event: _event, ...move }) => move),
          };
        });
        await condition(() => runner!.persistedSequence >= result.sequence);
        return result;
      }),
    {
      validator: (input) => {
        const version = (input as { ruleSetVersion?: unknown } | undefined)?.ruleSetVersion;
        if (version !== undefined && (typeof version !== 'string' || !/^\d+\.\d+\.\d+$/.test(version)))
          refuse({ code: 'invalid_argument', message: 'ruleSetVersion must be MAJOR.MINOR.PATCH' });
        if (!registered)
          refuse({ code: 'retry_later', message: 'The petition is still being registered; retry' });
      },
    },
  );
  root.cancelRequested.catch(async () => {
    await condition(() => registered);
    await change((r) => r.cancel());
  });

  const policy = await activities.loadCasePolicy(registration.ruleSetId);
  // Every date of the case is computed with the version it pinned, whatever is released later.
  runner = new CaseRunner(
    policy,
    workflowCaseIO(registration, () => runner!.policyVersion),
  );
  await change((r) => r.register(registration, registeredBy.login));
  registered = true;

  for (;;) {
    if (runner.hasUnwrittenEvents) {
      await runner.flush();
    } else if (runner.closed) {
      // In-flight Updates finish first (they wait for their events to be written).
      await condition(() => runner!.hasUnwrittenEvents || allHandlersFinished());
      if (!runner.hasUnwrittenEvents) return;
    } else {
      const alarm = runner.nextAlarm();
      const seen = changes;
      const wake = () => runner!.hasUnwrittenEvents || changes !== seen;
      const fired = await clock.wait(alarm?.at, wake, alarm ? describeAlarm(runner.state, alarm) : '');
      if (fired && alarm) {
        await change((r) => {
          adoptEscalationOncePerItem(r);
          return r.expire(alarm);
        });
      }
    }
  }
}
