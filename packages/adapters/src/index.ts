export * from './alerting/index.js';
export * from './formats/index.js';
