export * from './alerting/index.js';
