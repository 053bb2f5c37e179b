import type { ParseError, PipelineError, RuleExecutionError } from '../errors.js';
import type { Finding, FindingSource } from '../findings/finding.js';
import type { DeliveryReport } from './alert-routing.js';
import type { RecordOutcome, StoredFinding, SuppressionRef } from './ports.js';

/** What the pipeline did with one finding. */
export interface FindingResult {
  /** The finding as recorded: after deploy-pipeline lowering. */
  readonly finding: Finding;
  /** Undefined when recording failed (see `errors`). */
  readonly outcome?: RecordOutcome['kind'];
  /** The stored finding: for a repeat or duplicate, the finding it was folded into. */
  readonly stored?: StoredFinding;
  /** The suppression that applied; the finding is recorded as suppressed and not alerted. */
  readonly suppressed?: SuppressionRef;
  /** True when an alert for it was accepted by every route its severity reaches. */
  readonly alerted: boolean;
  /** Alert delivery, for new unsuppressed findings. */
  readonly alert?: DeliveryReport;
  /** Set when the finding was handed to remediation. */
  readonly remediation?: 'handed-over' | 'failed';
  readonly errors: readonly PipelineError[];
}

/**
 * The result of processing one input item:
 * - `invalid`: the item is malformed (parse error); sent to the dead-letter port;
 * - `failed`: state could not be read, nothing was recorded; redelivering the item is safe;
 * - `processed`: detection ran; each finding has its own result. `incomplete` says a step
 *   that redelivery would finish (recording, state write, resolution) failed.
 */
export type ProcessResult =
  | {
      readonly kind: 'invalid';
      readonly error: ParseError;
      readonly deadLettered: boolean;
      readonly source?: FindingSource;
      readonly errors: readonly PipelineError[];
    }
  | {
      readonly kind: 'failed';
      readonly eventId: string;
      readonly eventName: string;
      readonly error: PipelineError;
    }
  | {
      readonly kind: 'processed';
      readonly eventId: string;
      readonly eventName: string;
      readonly findings: readonly FindingResult[];
      /** Findings resolved by this event (Config `COMPLIANT`). */
      readonly resolved: readonly StoredFinding[];
      /** Rule errors and step failures; findings' own errors are on each finding result too. */
      readonly errors: readonly (PipelineError | RuleExecutionError)[];
      readonly incomplete: boolean;
    };

/** Counts over a batch's results, for logs and CLI summaries. */
export interface BatchSummary {
  readonly items: number;
  readonly invalid: number;
  readonly failed: number;
  readonly findings: number;
  readonly new: number;
  readonly repeat: number;
  readonly duplicate: number;
  readonly suppressed: number;
  readonly alerted: number;
  readonly resolved: number;
  readonly errors: number;
}

/**
 * Sums a batch's results.
 *
 * @example
 * summarizeResults(await pipeline.processBatch(records)); // { items: 3, invalid: 1, new: 1, … }
 */
export function summarizeResults(results: readonly ProcessResult[]): BatchSummary {
  const summary = {
    items: results.length,
    invalid: 0,
    failed: 0,
    findings: 0,
    new: 0,
    repeat: 0,
    duplicate: 0,
    suppressed: 0,
    alerted: 0,
    resolved: 0,
    errors: 0,
  };
  for (const result of results) {
    if (result.kind === 'invalid') summary.invalid++;
    else if (result.kind === 'failed') summary.failed++;
    else {
      summary.findings += result.findings.length;
      summary.resolved += result.resolved.length;
      summary.errors += result.errors.length;
      for (const finding of result.findings) {
        if (finding.outcome) summary[finding.outcome]++;
        if (finding.suppressed) summary.suppressed++;
        if (finding.alerted) summary.alerted++;
      }
    }
  }
  return summary;
}
