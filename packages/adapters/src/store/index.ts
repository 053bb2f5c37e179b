export * from './bench.js';
export type { StoreOptions } from './context.js';
export * from './dynamodb-finding-store.js';
export * from './dynamodb-state-port.js';
export type { RemediationAudit } from './remediation-audit.js';
export { RemediationAuditSchema } from './remediation-audit.js';
export * from './table.js';
