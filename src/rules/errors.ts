/**
 * Errors raised by the rulebook. Each carries a stable machine-readable `code` so the API can map it to a
 * response and the CLI to an exit status without matching on message text.
 */
export class RulesError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnknownRuleSetError extends RulesError {
  constructor(
    readonly ruleSetId: string,
    known: readonly string[],
  ) {
    super('unknown_rule_set', `unknown rule set '${ruleSetId}' (known: ${known.join(', ')})`);
  }
}

/** A deadline key that does not exist at all, or that the chosen rule set does not define. */
export class UnknownDeadlineError extends RulesError {
  constructor(
    readonly deadlineKey: string,
    message: string,
  ) {
    super('unknown_deadline', message);
  }
}

export class InvalidDateError extends RulesError {
  constructor(
    readonly input: unknown,
    reason: string,
  ) {
    super('invalid_date', `invalid date ${JSON.stringify(input)}: ${reason}`);
  }
}

/** A malformed option value, e.g. negative or fractional extension / paused days. */
export class InvalidArgumentError extends RulesError {
  constructor(message: string) {
    super('invalid_argument', message);
  }
}

export class ExtensionCapExceededError extends RulesError {
  constructor(
    readonly deadlineKey: string,
    readonly capDays: number,
    readonly requestedDays: number,
    ruleSetId: string,
  ) {
    super(
      'extension_cap_exceeded',
      `extension of ${requestedDays} d for '${deadlineKey}' exceeds the cap of ${capDays} d in total (rule set ${ruleSetId})`,
    );
  }
}

export class DeadlineNotExtendableError extends RulesError {
  constructor(deadlineKey: string, ruleSetId: string) {
    super('not_extendable', `deadline '${deadlineKey}' cannot be extended under rule set ${ruleSetId}`);
  }
}

/** Only deadlines whose text excludes hearing time (the re-examination, Art 36) may be paused. */
export class DeadlineNotPausableError extends RulesError {
  constructor(deadlineKey: string, ruleSetId: string) {
    super(
      'not_pausable',
      `deadline '${deadlineKey}' does not stop for a hearing under rule set ${ruleSetId}, so paused days are not allowed`,
    );
  }
}

export class RuleSetValidationError extends RulesError {
  constructor(
    readonly ruleSetId: string,
    readonly problems: readonly string[],
  ) {
    super('invalid_rule_set', `rule set '${ruleSetId}' is invalid: ${problems.join('; ')}`);
  }
}

/** Official holiday data (package or repo file) that does not match its schema. */
export class CalendarDataError extends RulesError {
  constructor(message: string) {
    super('invalid_calendar_data', message);
  }
}
