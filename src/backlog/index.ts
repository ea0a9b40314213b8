// The backlog register's pure core: the ladder of an entry's target date, no Temporal, no I/O.
export * from './alarms';
export * from './timings';
