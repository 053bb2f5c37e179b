import type { ChangeEvent } from '../../events/change-event.js';
import { trailBucketKey } from '../../state/learners/cloudtrail.js';
import { defineRule, type RuleMatch } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { whereLabel } from '../shared/resource-arn.js';
import { expiringRules } from '../shared/s3-lifecycle.js';
import { bucketArn, bucketOf } from '../shared/s3-request.js';

/**
 * Log files younger than this are too young to delete: a year is the retention most audit
 * frameworks ask of API logs (PCI DSS 10.5.1, CIS guidance on CloudTrail buckets).
 */
export const MIN_TRAIL_LOG_RETENTION_DAYS = 365;

/** CloudTrail logs the PutBucketLifecycleConfiguration API as `PutBucketLifecycle`; the API name is accepted too. */
const LIFECYCLE_EVENTS = new Set(['PutBucketLifecycle', 'PutBucketLifecycleConfiguration']);

function lifecycleJudgement(
  event: ChangeEvent,
  bucket: string,
): Pick<RuleMatch, 'severity' | 'summary' | 'context'> {
  const expiring = expiringRules(event.requestParameters);
  const shortest = expiring.reduce<number | undefined>(
    (min, r) => (min === undefined || r.days < min ? r.days : min),
    undefined,
  );
  if (shortest !== undefined && shortest < MIN_TRAIL_LOG_RETENTION_DAYS) {
    const when = shortest === 0 ? 'on a fixed date' : `after ${shortest} day${shortest === 1 ? '' : 's'}`;
    return {
      severity: 'high',
      summary: `set a lifecycle configuration on CloudTrail log bucket ${bucket} that deletes log files ${when}`,
      context: { expiringRules: expiring, shortestRetentionDays: shortest },
    };
  }
  return {
    severity: 'low',
    summary:
      shortest === undefined
        ? `changed the lifecycle configuration of CloudTrail log bucket ${bucket} (no rule deletes log files)`
        : `changed the lifecycle configuration of CloudTrail log bucket ${bucket} (log files kept at least ${shortest} days)`,
    context: { expiringRules: expiring, ...(shortest !== undefined && { shortestRetentionDays: shortest }) },
  };
}

/**
 * Tampering with the S3 bucket that holds CloudTrail logs: lifecycle rules that delete them,
 * the bucket policy deleted (CloudTrail can no longer write: delivery stops), or the bucket
 * deleted.
 *
 * Judgement: only buckets known to receive trail logs count — listed in
 * `settings.trailBuckets`, or learned from `CreateTrail`/`UpdateTrail` (`s3BucketName`, in any
 * account: organization trails write to a log-archive account). Other buckets → no finding.
 * Lifecycle rules that expire objects sooner than {@link MIN_TRAIL_LOG_RETENTION_DAYS} → high;
 * other lifecycle changes (transitions only, long retention) → low, a record of a change to
 * the evidence store. `DeleteBucketPolicy`, `DeleteBucket` → high.
 */
export default defineRule({
  id: 'cloudtrail-bucket-tampering',
  title: 'CloudTrail log bucket tampered with',
  description:
    'On an S3 bucket that receives CloudTrail logs: a lifecycle configuration that deletes log files, the bucket policy deleted, or the bucket deleted.',
  category: 'cloudtrail_tampering',
  severity: 'high',
  events: [
    {
      source: 's3.amazonaws.com',
      names: ['PutBucketLifecycle', 'PutBucketLifecycleConfiguration', 'DeleteBucketPolicy', 'DeleteBucket'],
    },
  ],
  references: {
    cis: ['3.3', '3.6'],
    mitre: ['T1562.008', 'T1485'],
    links: [
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html',
      'https://stratus-red-team.cloud/attack-techniques/AWS/aws.defense-evasion.cloudtrail-lifecycle-rule/',
    ],
  },
  runbook: `## What to check
1. Which trails write to the bucket (\`trails\` in the context, or
   \`aws cloudtrail describe-trails --query "trailList[?S3BucketName=='BUCKET']"\`)?
2. Lifecycle: which rules delete objects and how soon (\`expiringRules\`)?
   \`aws s3api get-bucket-lifecycle-configuration --bucket BUCKET\`
3. Bucket policy deleted: is CloudTrail still delivering?
   \`aws cloudtrail get-trail-status --name TRAIL --query '[LatestDeliveryError,LatestDeliveryTime]'\`
4. Who made the change, and what else did they do (StopLogging, UpdateTrail, DeleteObject)?

## How to fix
- Remove the short expiration: \`aws s3api delete-bucket-lifecycle --bucket BUCKET\`, or put back a
  configuration that keeps logs at least a year.
- Restore the CloudTrail bucket policy (s3:GetBucketAcl and s3:PutObject for
  \`cloudtrail.amazonaws.com\`, conditioned on \`aws:SourceArn\`):
  \`aws s3api put-bucket-policy --bucket BUCKET --policy file://cloudtrail-bucket-policy.json\`
- A deleted bucket: recreate it with the policy and point the trail at it
  (\`aws cloudtrail update-trail --name TRAIL --s3-bucket-name BUCKET\`).
- Protect the bucket: S3 Object Lock (compliance mode) or versioning with MFA delete, and an SCP
  denying lifecycle and policy changes on log buckets outside a break-glass role.`,
  remediation: [],
  dedupeWindowMinutes: 60,
  match(event, { settings, state }) {
    if (!event.success) return undefined;
    const bucket = bucketOf(event);
    if (!bucket) return undefined;
    const learned = state.get(trailBucketKey(bucket));
    const configured = settings.trailBuckets.includes(bucket);
    if (!learned && !configured) return undefined;

    const judged: Pick<RuleMatch, 'severity' | 'summary' | 'context'> = LIFECYCLE_EVENTS.has(event.eventName)
      ? lifecycleJudgement(event, bucket)
      : event.eventName === 'DeleteBucket'
        ? { summary: `deleted CloudTrail log bucket ${bucket}` }
        : {
            summary: `deleted the policy of CloudTrail log bucket ${bucket} (CloudTrail can no longer deliver to it)`,
          };
    return {
      ...(judged.severity && { severity: judged.severity }),
      summary: `${actorLabel(event.actor)} ${judged.summary} in ${whereLabel(event)}.`,
      resources: [bucketArn(bucket, event.region)],
      context: {
        bucket,
        trails: learned?.trails ?? [],
        knownFrom: configured ? 'settings' : 'learned',
        ...judged.context,
      },
      dedupe: [bucket],
    };
  },
});
