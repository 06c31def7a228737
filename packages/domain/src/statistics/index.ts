export * from './reporting-calendar';
export * from './score-comparison';
export * from './statistics-form';
