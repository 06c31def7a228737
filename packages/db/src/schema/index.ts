export * from './audit';
export * from './identity';
export * from './imports';
export * from './registry';
