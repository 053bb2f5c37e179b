import { randomUUID } from 'node:crypto';
import type { Finding } from '@trailwarden/core';
import type { FindingStore, RecordOutcome } from './ports.js';

/** What {@link benchRecord} measured. */
export interface RecordBenchResult {
  readonly findings: number;
  readonly concurrency: number;
  readonly elapsedMs: number;
  /** Recorded findings (every outcome counts) per second of wall time. */
  readonly findingsPerSecond: number;
  readonly outcomes: Readonly<Record<RecordOutcome['kind'], number>>;
}

export interface RecordBenchOptions {
  /**
   * Every n-th finding reuses the previous dedupe key, so it lands inside an open window and
   * takes the `repeat` path (default 0: every finding is `new`).
   */
  readonly repeatEvery?: number;
  readonly windowMinutes?: number;
}

/**
 * Records `n` synthetic findings with at most `concurrency` in flight and reports the rate.
 * Ids and dedupe keys are unique per run, so a bench can run against a table that already
 * holds data.
 *
 * @example
 * const result = await benchRecord(new DynamoDbFindingStore(client, table), 2000, 8);
 * console.log(`${result.findingsPerSecond.toFixed(0)} findings/s`);
 */
export async function benchRecord(
  store: FindingStore,
  n: number,
  concurrency: number,
  options: RecordBenchOptions = {},
): Promise<RecordBenchResult> {
  const run = randomUUID().slice(0, 8);
  const repeatEvery = options.repeatEvery ?? 0;
  const outcomes: Record<RecordOutcome['kind'], number> = { new: 0, duplicate: 0, repeat: 0 };
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < n; i = next++) {
      const keyIndex = repeatEvery > 0 && i % repeatEvery === repeatEvery - 1 ? i - 1 : i;
      const finding = syntheticFinding(run, i, keyIndex);
      const outcome = await store.record(finding, {
        windowMinutes: options.windowMinutes ?? 60,
        now: finding.time,
      });
      outcomes[outcome.kind]++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, n)) }, worker));
  const elapsedMs = performance.now() - started;
  return {
    findings: n,
    concurrency,
    elapsedMs,
    findingsPerSecond: elapsedMs > 0 ? (n * 1000) / elapsedMs : 0,
    outcomes,
  };
}

/** A finding shaped like the catalog's output (an S3 public-policy finding), unique per (run, i). */
function syntheticFinding(run: string, i: number, keyIndex: number): Finding {
  const bucket = `bench-${run}-${keyIndex}`;
  const eventId = `${run}-${String(i).padStart(8, '0')}`;
  return {
    id: `bench-${eventId}`,
    ruleId: 's3-bucket-policy-public',
    category: 's3_public_exposure',
    severity: 'high',
    title: 'S3 bucket policy grants public access',
    summary: `arn:aws:iam::111122223333:user/alice made bucket ${bucket} public (PutBucketPolicy, 111122223333/us-east-1)`,
    eventId,
    eventName: 'PutBucketPolicy',
    eventSource: 's3.amazonaws.com',
    account: '111122223333',
    region: 'us-east-1',
    time: new Date(Date.UTC(2026, 10, 2, 10, 0, 0) + i).toISOString(),
    actor: {
      type: 'IAMUser',
      arn: 'arn:aws:iam::111122223333:user/alice',
      principalId: 'AIDAEXAMPLEALICE',
      sourceIp: '198.51.100.7',
      userAgent: 'aws-cli/2.15.0',
      mfa: false,
      provenance: 'human-api',
    },
    resources: [`arn:aws:s3:::${bucket}`],
    context: { statements: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject' }] },
    references: { cis: ['2.1.5'], securityHub: ['S3.2'], mitre: ['T1530'] },
    runbook: 'Check the bucket policy; remove the public statement.',
    dedupeKey: `s3-bucket-policy-public#111122223333#${bucket}`,
    remediation: ['s3-remove-public-policy-statements'],
  };
}
