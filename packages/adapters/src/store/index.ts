export * from './dynamodb-finding-store.js';
export * from './dynamodb-state-port.js';
export * from './table.js';
export type { StoreOptions } from './context.js';
export { canTransition } from './lifecycle.js';
export type { RemediationAudit } from './remediation-audit.js';
export { RemediationAuditSchema } from './remediation-audit.js';
export * from './bench.js';
