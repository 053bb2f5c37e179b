export * from './rule-fixtures.js';
export * from './rule-test.js';
