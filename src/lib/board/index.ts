export * from './schema';
export * from './errors';
export * from './rank';
export * from './read';
export * from './doc';
export * from './board';
export * from './validate';
export * from './operations';
