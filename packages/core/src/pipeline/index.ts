export * from './alert-routing.js';
export * from './apply-settings.js';
export * from './compliance-resolution.js';
export * from './concurrency.js';
export { expiryReporter, type FindingContext, handleFinding } from './handle-finding.js';
export * from './lifecycle.js';
export * from './memory-finding-store.js';
export * from './outbox.js';
export * from './pipeline.js';
// `RecordOptions` is also the name of the normalizer's record options in the core barrel.
export type {
  AlertPublisher,
  DeadLetter,
  DeadLetterPort,
  FindingPage,
  FindingQuery,
  FindingStatus,
  FindingStore,
  Logger,
  PublishResult,
  RecordOptions as FindingRecordOptions,
  RecordOutcome,
  RemediationPort,
  RemediationRequest,
  ResolveMatch,
  StatusChange,
  StoredFinding,
  SuppressionRef,
  TransitionRequest,
} from './ports.js';
export * from './results.js';
export * from './state-bridge.js';
export * from './stored-finding-schema.js';
export * from './suppressions.js';
