/** The bare worker's one activity, for the `--bare-local-activities` experiment: does nothing. */
export const bareActivities = {
  async noop(): Promise<void> {
    return undefined;
  },
};

export type BareActivities = typeof bareActivities;
