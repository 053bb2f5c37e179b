import type { Finding, StoredFinding } from '@trailwarden/core';
import type { AsffFinding } from './asff-finding.js';
import { type AsffOptions, toAsff } from './to-asff.js';

/**
 * `BatchImportFindings` takes at most 100 findings per call.
 *
 * @see https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_BatchImportFindings.html
 */
export const ASFF_BATCH_MAX = 100;

/**
 * Findings as ASFF, in chunks of at most 100: one chunk per `BatchImportFindings` call.
 * Order is kept, so a caller can map the call's `FailedFindings` back to its findings.
 *
 * @example
 * for (const Findings of toAsffBatch(findings, { generatorPrefix: 'trailwarden/' })) {
 *   await securityHub.send(new BatchImportFindingsCommand({ Findings }));
 * }
 */
export function toAsffBatch(
  findings: readonly (Finding | StoredFinding)[],
  options: AsffOptions = {},
  batchSize: number = ASFF_BATCH_MAX,
): AsffFinding[][] {
  const size = Number.isFinite(batchSize)
    ? Math.max(1, Math.min(ASFF_BATCH_MAX, Math.floor(batchSize)))
    : ASFF_BATCH_MAX;
  // One `now` for the whole batch, so fallbacks agree across its findings.
  const shared: AsffOptions = { ...options, now: options.now ?? new Date().toISOString() };
  const batches: AsffFinding[][] = [];
  for (let start = 0; start < findings.length; start += size) {
    batches.push(findings.slice(start, start + size).map((finding) => toAsff(finding, shared)));
  }
  return batches;
}
