export * from './access';
export * from './common';
export * from './identity';
export * from './imports';
export * from './registry';
