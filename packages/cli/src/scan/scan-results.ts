import { type FindingSource, type Severity, severityRank } from '@trailwarden/core';
import type { ProcessResult } from '@trailwarden/core/pipeline';
import type { FindingWriter } from '../output/finding-writer.js';
import type { ScanStats } from './scan-stats.js';

/** One input item as the scan saw it: the pipeline's result, or why the reader could not read it. */
export type ScanEntry =
  | { readonly source: FindingSource; readonly result: ProcessResult }
  | { readonly source: FindingSource; readonly readError: string; readonly unreadable: boolean };

/** How the scan reports findings: the lowest reported severity and the one that fails the scan. */
export interface ReportPolicy {
  readonly minSeverity: Severity;
  /** `none`: no finding fails the scan. */
  readonly failOn: Severity | 'none';
}

/**
 * Takes the pipeline's results for a scan, in input order: counts them, writes the reported
 * findings and tells whether one of them fails the scan.
 * - A malformed item is a parse error, quoted in the summary with its file and index.
 * - A suppressed finding is recorded (as suppressed) but neither reported nor failing.
 * - Every other finding at or above `minSeverity` is reported as the pipeline recorded it
 *   (deploy-pipeline lowering applied), whatever the store's outcome: a scan reports what
 *   the inputs hold, so scanning the same archive twice prints the same findings, while the
 *   store records them once and the channels alert them once.
 *
 * @example
 * const results = new ScanResults(stats, writer, { minSeverity: 'info', failOn: 'low' });
 * results.take(await Promise.all(entries));
 */
export class ScanResults {
  readonly #stats: ScanStats;
  readonly #writer: FindingWriter;
  readonly #minRank: number;
  readonly #failRank: number;
  #failing = false;

  constructor(stats: ScanStats, writer: FindingWriter, policy: ReportPolicy) {
    this.#stats = stats;
    this.#writer = writer;
    this.#minRank = severityRank(policy.minSeverity);
    this.#failRank = policy.failOn === 'none' ? Number.POSITIVE_INFINITY : severityRank(policy.failOn);
  }

  /** True once a reported finding is at or above `failOn`. */
  get failing(): boolean {
    return this.#failing;
  }

  /** Counts and writes a batch of entries, in input order. */
  take(entries: readonly ScanEntry[]): void {
    for (const entry of entries) {
      if ('result' in entry) {
        this.#takeOne(entry.result, entry.source);
        continue;
      }
      const problem = { file: entry.source.file, index: entry.source.index, reason: entry.readError };
      if (entry.unreadable) this.#stats.unreadableFile(problem);
      else this.#stats.parseError(problem);
    }
  }

  #takeOne(result: ProcessResult, source: FindingSource): void {
    const stats = this.#stats;
    const at = { file: source.file, index: source.index };
    if (result.kind === 'invalid') {
      stats.parseError({ ...at, reason: result.error.message });
      return;
    }
    if (result.kind === 'failed') {
      stats.ruleError({ ...at, reason: result.error.message });
      return;
    }
    for (const error of result.errors) {
      // Finding-level failures are counted per finding below; here only what detection reported.
      if (error.name === 'RuleExecutionError')
        stats.ruleError({ ...at, reason: `${error.message}: ${causeOf(error)}` });
    }
    for (const handled of result.findings) {
      const { finding } = handled;
      if (handled.outcome === undefined) {
        const reason = handled.errors[0]?.message ?? `finding ${finding.id} was not recorded`;
        stats.notRecordedFinding({ ...at, reason: `${reason}${detailOf(handled.errors[0])}` });
      } else {
        stats.recorded[handled.outcome]++;
      }
      if (handled.alerted) stats.alerted++;
      if (handled.alert?.status === 'failed') {
        stats.alertFailure({ ...at, reason: handled.alert.errors.map((e) => e.message).join('; ') });
      }
      if (handled.suppressed !== undefined) {
        stats.suppressed++;
        continue;
      }
      const rank = severityRank(finding.severity);
      if (rank < this.#minRank) continue;
      if (rank >= this.#failRank) this.#failing = true;
      stats.finding(finding);
      this.#writer.write(finding);
    }
  }
}

function causeOf(error: Error): string {
  const cause = error.cause;
  return cause instanceof Error ? cause.message : String(cause);
}

/** The underlying store error, when the pipeline's message does not already say it. */
function detailOf(error: Error | undefined): string {
  const cause = error?.cause;
  if (!(cause instanceof Error) || error?.message.includes(cause.message)) return '';
  return ` (${cause.message})`;
}
