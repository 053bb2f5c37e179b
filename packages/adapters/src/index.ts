export * from './alerting/index.js';
export * from './errors.js';
export * from './formats/index.js';
export * from './store/index.js';
