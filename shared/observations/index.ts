export * from './client';
export * from './evidence';
export * from './parse';
export * from './probe';
export * from './progress';
export * from './report';
export * from './validate';
export * from './vocabulary';
