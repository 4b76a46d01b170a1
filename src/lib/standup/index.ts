export * from './record';
export * from './agenda';
export * from './timer';
export * from './presence';
