export * from './change-event-builder.js';
export * from './local-dynamodb.js';
export * from './rule-fixtures.js';
export * from './rule-test.js';
