import type { PipelineError } from '../errors.js';
import { type AlertRoute, type DeliveryReport, deliverAlerts } from './alert-routing.js';
import type { AlertPublisher, FindingStore, Logger } from './ports.js';

export interface RetryOptions {
  /** Most findings to take from the outbox in this run. */
  readonly limit: number;
  readonly clock?: () => Date;
  readonly logger?: Logger;
}

/** What one outbox run did. */
export interface RetryReport {
  /** Unalerted findings read from the store. */
  readonly attempted: number;
  /** Ids now accepted and marked alerted. */
  readonly delivered: readonly string[];
  /** Ids no route takes any more (marked, nothing sent). */
  readonly notRouted: readonly string[];
  /** Ids still unalerted, with why; the next run tries again. */
  readonly failed: readonly { readonly id: string; readonly errors: readonly PipelineError[] }[];
}

function asRoutes(target: AlertPublisher | readonly AlertRoute[]): readonly AlertRoute[] {
  return Array.isArray(target)
    ? (target as readonly AlertRoute[])
    : [{ channel: 'default', publisher: target as AlertPublisher, minSeverity: 'info' }];
}

/**
 * The outbox: sends findings that were recorded but whose alert was never accepted (SNS was
 * down, the process died between recording and publishing), oldest first, and marks each
 * alerted once accepted. Run by `trailwarden alerts retry` and on a schedule. Never throws
 * for a delivery failure; a store that cannot be read throws (nothing was attempted).
 *
 * @example
 * const report = await retryUnalerted(store, snsPublisher, { limit: 100 });
 * report.failed.length; // 0 once SNS is back
 */
export async function retryUnalerted(
  store: FindingStore,
  target: AlertPublisher | readonly AlertRoute[],
  options: RetryOptions,
): Promise<RetryReport> {
  const pending = await store.listUnalerted(options.limit);
  if (pending.length === 0) return { attempted: 0, delivered: [], notRouted: [], failed: [] };
  const now = (options.clock ?? (() => new Date()))().toISOString();
  const reports: DeliveryReport[] = await deliverAlerts(pending, asRoutes(target), store, now);
  const delivered: string[] = [];
  const notRouted: string[] = [];
  const failed: { id: string; errors: readonly PipelineError[] }[] = [];
  for (const report of reports) {
    if (report.alerted && report.status === 'delivered') delivered.push(report.findingId);
    else if (report.alerted) notRouted.push(report.findingId);
    else failed.push({ id: report.findingId, errors: report.errors });
    for (const error of report.errors)
      options.logger?.error(error.message, { findingId: report.findingId, stage: error.stage });
  }
  options.logger?.info(`outbox: ${delivered.length} delivered, ${failed.length} still pending`, {
    attempted: pending.length,
    delivered: delivered.length,
    notRouted: notRouted.length,
    failed: failed.length,
  });
  return { attempted: pending.length, delivered, notRouted, failed };
}
