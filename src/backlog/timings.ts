/**
 * When the target date of a backlog entry (积案台账) sounds: warnings some days before it, the 督办 notice
 * once it has passed unresolved, and escalation to the joint-conference office (联席办) some days after the
 * notice. Fixed defaults (docs/backlog.md): no rule set prescribes a campaign's ladder, so none is read.
 */
export interface BacklogTimings {
  /** Calendar days before the target date; each warns at 00:00 Shanghai of that day. */
  warningDaysBefore: number[];
  /** Calendar days after the 督办 notice (at 24:00 of the target date) until it goes to the office. */
  escalationDaysAfter: number;
}

export const DEFAULT_BACKLOG_TIMINGS: BacklogTimings = {
  warningDaysBefore: [7, 1],
  escalationDaysAfter: 10,
};
