import type { FindingStore } from '@trailwarden/core';

/**
 * The core's store port types this folder implements, imported in one place. The port's
 * `RecordOptions` is reached through `FindingStore` because the core's barrel also exports
 * the normalizer's `RecordOptions` under the same name.
 */
export type {
  FindingPage,
  FindingQuery,
  FindingStatus,
  FindingStore,
  RecordOutcome,
  StatusChange,
  StoredFinding,
  SuppressionRef,
  TransitionRequest,
} from '@trailwarden/core';

/** Options of `FindingStore.record`: window, suppression, recording time. */
export type StoreRecordOptions = Parameters<FindingStore['record']>[1];
