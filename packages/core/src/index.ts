export * from './engine/detection-engine.js';
export * from './engine/rule-index.js';
export * from './errors.js';
export type * from './events/change-event.js';
export * from './findings/category.js';
export type * from './findings/finding.js';
export * from './findings/severity.js';
export * from './normalize/index.js';
export * from './rules/catalog.js';
export * from './rules/define-rule.js';
export * from './settings/detection-settings.js';
export * from './state/learners/index.js';
export * from './state/learners/password-policy.js';
export type * from './state/learners/learner.js';
export * from './state/memory-state.js';
export * from './state/state.js';
export * from './util/hash.js';
export * from './util/result.js';
export * from './util/fields.js';
export * from './rules/event-patterns.js';
export type {
  AlertPublisher,
  FindingPage,
  FindingQuery,
  FindingStatus,
  FindingStore,
  PublishResult,
  RecordOutcome,
  RemediationPort,
  StatusChange,
  StoredFinding,
  SuppressionRef,
  TransitionRequest,
} from './pipeline/ports.js';
