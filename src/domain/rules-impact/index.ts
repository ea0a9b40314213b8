export * from './candidates';
export * from './impact';
