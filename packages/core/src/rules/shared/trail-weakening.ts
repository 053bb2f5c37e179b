import type { TrailState } from '../../state/learners/cloudtrail.js';
import type { SelectorCoverage } from './event-selectors.js';
import { kmsKeyAccount, type TrailSettings } from './trail.js';

/**
 * The judgement of `UpdateTrail`, `PutEventSelectors` and `PutInsightSelectors`: what the call
 * made the trail stop logging or protecting, compared with the trail as last known.
 *
 * A setting counts only when the call names it (an `UpdateTrail` request carries only what the
 * caller changed). When trailwarden knows the previous value, the change must go from
 * protective to weaker; when it does not, a weakening value named explicitly still counts,
 * marked `previousKnown: false` (nobody sends `enableLogFileValidation: false` to keep it off).
 */
export interface TrailWeakening {
  /** The setting, with CloudTrail's name (`logFileValidationEnabled`, `selectors.managementWrites` …). */
  readonly setting: string;
  readonly what: string;
  readonly severity: 'high' | 'medium';
  readonly before?: unknown;
  readonly after?: unknown;
  readonly previousKnown: boolean;
}

export interface WeakeningContext {
  readonly account: string;
  readonly allowedAccounts: readonly string[];
  /** True when the bucket is a known trail destination (settings or learned). */
  readonly isTrailBucket: (bucket: string) => boolean;
}

const FLAGS = [
  ['isMultiRegionTrail', 'no longer logs all regions'],
  ['includeGlobalServiceEvents', 'no longer logs global service events (IAM, STS, CloudFront)'],
  ['logFileValidationEnabled', 'log file integrity validation turned off'],
  ['isOrganizationTrail', 'no longer logs the organization member accounts'],
] as const;

/**
 * Weakenings of an `UpdateTrail`: `requested` is what the request names, `result` the
 * configuration the response reports (full ARNs for keys), `before` the trail as last known.
 *
 * @example
 * updateTrailWeakenings({ logFileValidationEnabled: false }, undefined, { logFileValidationEnabled: true }, ctx);
 * // [{ setting: 'logFileValidationEnabled', what: 'log file integrity validation turned off', severity: 'high', … }]
 */
export function updateTrailWeakenings(
  requested: TrailSettings,
  result: TrailSettings | undefined,
  before: TrailState | undefined,
  ctx: WeakeningContext,
): TrailWeakening[] {
  const out: TrailWeakening[] = [];
  for (const [flag, what] of FLAGS) {
    if (requested[flag] !== false || before?.[flag] === false) continue;
    out.push({
      setting: flag,
      what,
      severity: 'high',
      before: before?.[flag],
      after: false,
      previousKnown: before?.[flag] !== undefined,
    });
  }
  // A trail record with a bucket came from a full CreateTrail/UpdateTrail response: its
  // absent key or log group means "none", not "unknown".
  const settingsKnown = before?.s3BucketName !== undefined;

  const bucket = requested.s3BucketName;
  if (bucket !== undefined && bucket !== before?.s3BucketName) {
    if (before?.s3BucketName !== undefined) {
      out.push({
        setting: 's3BucketName',
        what: `log destination moved from bucket ${before.s3BucketName} to ${bucket}`,
        severity: 'high',
        before: before.s3BucketName,
        after: bucket,
        previousKnown: true,
      });
    } else if (!ctx.isTrailBucket(bucket)) {
      out.push({
        setting: 's3BucketName',
        what: `logs now delivered to bucket ${bucket}, not a known trail bucket`,
        severity: 'medium',
        after: bucket,
        previousKnown: false,
      });
    }
  }

  const key = requested.kmsKeyId === undefined ? undefined : (result?.kmsKeyId ?? requested.kmsKeyId);
  if (key === '' && !(settingsKnown && before?.kmsKeyId === undefined)) {
    out.push({
      setting: 'kmsKeyId',
      what: 'SSE-KMS encryption of the log files removed',
      severity: 'high',
      before: before?.kmsKeyId,
      after: null,
      previousKnown: settingsKnown,
    });
  } else if (key) {
    const owner = kmsKeyAccount(key);
    if (owner && owner !== ctx.account && !ctx.allowedAccounts.includes(owner)) {
      out.push({
        setting: 'kmsKeyId',
        what: `log files now encrypted with a key of outside account ${owner}`,
        severity: 'high',
        before: before?.kmsKeyId,
        after: key,
        previousKnown: settingsKnown,
      });
    } else if (before?.kmsKeyId !== undefined && before.kmsKeyId !== key && !before.kmsKeyId.endsWith(key)) {
      out.push({
        setting: 'kmsKeyId',
        what: `log encryption key changed from ${before.kmsKeyId} to ${key}`,
        severity: 'medium',
        before: before.kmsKeyId,
        after: key,
        previousKnown: true,
      });
    }
  }

  if (
    requested.cloudWatchLogsLogGroupArn === '' &&
    !(settingsKnown && before?.cloudWatchLogsLogGroupArn === undefined)
  ) {
    out.push({
      setting: 'cloudWatchLogsLogGroupArn',
      what: 'delivery to CloudWatch Logs removed (the CIS metric filters and alarms go blind)',
      severity: 'high',
      before: before?.cloudWatchLogsLogGroupArn,
      after: null,
      previousKnown: settingsKnown,
    });
  }
  return out;
}

/**
 * Weakenings of a `PutEventSelectors`: management writes or reads no longer logged, management
 * event sources newly excluded, data events dropped (judged only against known selectors).
 *
 * @example
 * selectorWeakenings(undefined, { managementWrites: false, managementReads: true, excludedSources: [], dataEvents: true });
 * // [{ setting: 'selectors.managementWrites', severity: 'high', … }]
 */
export function selectorWeakenings(
  before: SelectorCoverage | undefined,
  after: SelectorCoverage,
): TrailWeakening[] {
  const out: TrailWeakening[] = [];
  const known = before !== undefined;
  if (!after.managementWrites && before?.managementWrites !== false) {
    out.push({
      setting: 'selectors.managementWrites',
      what: 'management write events are no longer logged',
      severity: 'high',
      before: before?.managementWrites,
      after: false,
      previousKnown: known,
    });
  }
  if (!after.managementReads && before?.managementReads !== false) {
    out.push({
      setting: 'selectors.managementReads',
      what: 'read-only management events are no longer logged',
      severity: 'medium',
      before: before?.managementReads,
      after: false,
      previousKnown: known,
    });
  }
  const newlyExcluded = after.excludedSources.filter(
    (source) => !(before?.excludedSources ?? []).includes(source),
  );
  if (after.managementWrites && newlyExcluded.length > 0) {
    out.push({
      setting: 'selectors.excludedSources',
      what: `management events of ${newlyExcluded.join(', ')} excluded`,
      severity: 'medium',
      before: before?.excludedSources,
      after: after.excludedSources,
      previousKnown: known,
    });
  }
  if (before?.dataEvents === true && !after.dataEvents) {
    out.push({
      setting: 'selectors.dataEvents',
      what: 'data events (e.g. S3 object-level logging) no longer logged',
      severity: 'medium',
      before: true,
      after: false,
      previousKnown: true,
    });
  }
  return out;
}

/**
 * Weakenings of a `PutInsightSelectors`: insight types that were on and are not any more
 * (high); Insights turned off on a trail whose previous insight types are unknown (medium).
 *
 * @example
 * insightWeakenings(['ApiCallRateInsight'], []); // [{ setting: 'insightTypes', severity: 'high', … }]
 */
export function insightWeakenings(
  before: readonly string[] | undefined,
  after: readonly string[],
): TrailWeakening[] {
  if (before === undefined) {
    return after.length > 0
      ? []
      : [
          {
            setting: 'insightTypes',
            what: 'CloudTrail Insights turned off',
            severity: 'medium',
            after: [],
            previousKnown: false,
          },
        ];
  }
  const removed = before.filter((type) => !after.includes(type));
  return removed.length === 0
    ? []
    : [
        {
          setting: 'insightTypes',
          what: `CloudTrail Insights ${removed.join(', ')} turned off`,
          severity: 'high',
          before,
          after,
          previousKnown: true,
        },
      ];
}
