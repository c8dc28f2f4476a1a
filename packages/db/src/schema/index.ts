export * from './advertising.js';
export * from './signals.js';
export * from './tenancy.js';
