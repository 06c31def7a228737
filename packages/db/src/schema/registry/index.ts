export * from './people';
export * from './units';
