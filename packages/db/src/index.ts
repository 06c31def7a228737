export { backupDatabase, restoreDatabase, tableChecksums } from './backup';
export * from './client';
export { containsPattern } from './like';
export * as schema from './schema';
export * from './schema';
export * from './seed';
export { freshDatabase } from './testing';
