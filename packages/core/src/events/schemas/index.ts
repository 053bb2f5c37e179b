export * from './cloudtrail-record.js';
export * from './config-events.js';
export * from './config-item.js';
export * from './config-rule-invocation.js';
export * from './eventbridge.js';
export * from './lookup-events.js';
export * from './user-identity.js';
