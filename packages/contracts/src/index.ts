export * from './access';
export * from './common';
export * from './contact-book';
export * from './gradebook';
export * from './identity';
export * from './imports';
export * from './registry';
