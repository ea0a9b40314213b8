/**
 * The case core: a pure decider (decide / evolve) over a petition case, with the transition table and the
 * deadline plan as data. No Temporal imports: the workflow shell runs it, the read model folds its events,
 * and unit tests drive it directly.
 */
export * from './alarms';
export * from './commands';
export * from './deadlines';
export * from './decide';
export * from './offered';
export * from './decision';
export * from './engine';
export * from './events';
export * from './evolve';
export * from './state';
export * from './transitions';
export * from './vocabulary';
export * from './aftercare';
export * from './ladder';
export * from './supervision';
export * from './recipients';
export * from './command-time';
export * from './runner';
export * from './replan';
export * from './priority';
export * from './manual-supervision';
export * from './case-owner';
export * from './resolution';
export * from './merge';
