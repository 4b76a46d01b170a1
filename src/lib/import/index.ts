export * from './csv';
export * from './decode';
export * from './mapping';
export * from './members';
export * from './rows';
export * from './apply';
export * from './export';
