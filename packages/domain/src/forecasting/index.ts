export * from './cohort';
export * from './staffing';
