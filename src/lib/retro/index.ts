/** Retrospectives stored in the board document: model, operations and vote counting. */
export * from './schema';
export * from './votes';
export * from './read';
export * from './operations';
export * from './items';
export * from './voting';
export * from './timer';
export * from './actions';
export * from './period';
