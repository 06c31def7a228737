export * from './target-definitions';
export * from './target-progress';
