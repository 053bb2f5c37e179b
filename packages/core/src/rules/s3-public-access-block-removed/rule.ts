import type { ChangeEvent } from '../../events/change-event.js';
import {
  ACCOUNT_PUBLIC_ACCESS_BLOCK_DELETES,
  ACCOUNT_PUBLIC_ACCESS_BLOCK_PUTS,
  accountPublicAccessBlockKey,
  bucketPublicAccessBlockKey,
} from '../../state/learners/s3.js';
import type { StateView } from '../../state/state.js';
import { defineRule, type RuleMatch } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { whereLabel } from '../shared/resource-arn.js';
import {
  bucketArn,
  bucketOf,
  NO_PUBLIC_ACCESS_BLOCK,
  PUBLIC_ACCESS_BLOCK_FLAGS,
  type PublicAccessBlockFlag,
  type PublicAccessBlockFlags,
  readPublicAccessBlock,
} from '../shared/s3-request.js';

const BUCKET_EVENTS = ['PutBucketPublicAccessBlock', 'DeleteBucketPublicAccessBlock'];
const DELETES = new Set<string>(['DeleteBucketPublicAccessBlock', ...ACCOUNT_PUBLIC_ACCESS_BLOCK_DELETES]);

/** Flags on before (or, when before is unknown, possibly on) and off after. */
function turnedOff(
  before: PublicAccessBlockFlags | undefined,
  after: PublicAccessBlockFlags,
): PublicAccessBlockFlag[] {
  return PUBLIC_ACCESS_BLOCK_FLAGS.filter((flag) => !after[flag] && (before === undefined || before[flag]));
}

interface Change {
  readonly scope: 'bucket' | 'account';
  readonly bucket?: string;
  readonly before: PublicAccessBlockFlags | undefined;
  /** Undefined when the configuration was deleted. */
  readonly after: PublicAccessBlockFlags | undefined;
}

function changeOf(event: ChangeEvent, state: StateView): Change | undefined {
  const deleted = DELETES.has(event.eventName);
  const after = deleted ? undefined : readPublicAccessBlock(event.requestParameters);
  if (!deleted && !after) return undefined;
  if (BUCKET_EVENTS.includes(event.eventName)) {
    const bucket = bucketOf(event);
    if (!bucket) return undefined;
    return { scope: 'bucket', bucket, before: state.get(bucketPublicAccessBlockKey(bucket)), after };
  }
  return { scope: 'account', before: state.get(accountPublicAccessBlockKey(event.account)), after };
}

/**
 * S3 Block Public Access weakened: a bucket's or the account's configuration deleted, or any
 * of its four flags turned off.
 *
 * Judgement: compares with the configuration learned from earlier `Put…PublicAccessBlock`
 * calls. A flag counts when it was on before and is off now; when nothing is known of
 * "before", every flag that the call leaves off counts (the call removed whatever was there).
 * Nothing turned off → no finding. A bucket-level change whose lost flags all stay on at
 * account level (known from state) is medium: the account setting still protects the bucket.
 */
export default defineRule({
  id: 's3-public-access-block-removed',
  title: 'S3 Block Public Access weakened',
  description:
    'S3 Block Public Access removed or any of its flags (BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets) turned off, for a bucket or for the whole account.',
  category: 's3_public_exposure',
  severity: 'high',
  events: [
    {
      source: 's3.amazonaws.com',
      names: [...BUCKET_EVENTS, ...ACCOUNT_PUBLIC_ACCESS_BLOCK_PUTS, ...ACCOUNT_PUBLIC_ACCESS_BLOCK_DELETES],
    },
  ],
  references: {
    securityHub: ['S3.1', 'S3.8'],
    mitre: ['T1530'],
    links: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-1',
    ],
  },
  runbook: `## What to check
1. Which flags were turned off (\`turnedOff\`) and what the configuration was before (\`before\`,
   when trailwarden had seen it) and is now (\`after\`; null when the configuration was deleted).
2. Was this part of a planned change (a public website, a data-sharing bucket)? Ask the actor.
3. Look for follow-up exposure in the minutes after: PutBucketPolicy / PutBucketAcl on the
   bucket (or any bucket, for the account level). Current state:
   \`aws s3api get-public-access-block --bucket BUCKET\`
   \`aws s3control get-public-access-block --account-id ACCOUNT\`

## How to fix
- Bucket level:
  \`aws s3api put-public-access-block --bucket BUCKET --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true\`
- Account level:
  \`aws s3control put-public-access-block --account-id ACCOUNT --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true\`
- Prevent it: an SCP denying \`s3:PutAccountPublicAccessBlock\` and \`s3:PutBucketPublicAccessBlock\`
  outside a break-glass role, or an organization-level Block Public Access policy.`,
  remediation: ['s3-restore-bucket-public-access-block', 's3-restore-account-public-access-block'],
  dedupeWindowMinutes: 60,
  match(event, { state }) {
    if (!event.success) return undefined;
    const change = changeOf(event, state);
    if (!change) return undefined;
    const off = turnedOff(change.before, change.after ?? NO_PUBLIC_ACCESS_BLOCK);
    if (off.length === 0) return undefined;

    const who = actorLabel(event.actor);
    const verb = change.after ? `turned off ${off.join(', ')} of` : 'deleted';
    const known = change.before ? '' : ' (previous configuration unknown)';
    const context = {
      scope: change.scope,
      ...(change.bucket && { bucket: change.bucket }),
      before: change.before ?? null,
      after: change.after ?? null,
      turnedOff: off,
      previousKnown: change.before !== undefined,
    };
    if (change.scope === 'account') {
      const match: RuleMatch = {
        title: 'S3 account-level Block Public Access weakened',
        summary: `${who} ${verb} the account-level S3 Block Public Access in ${whereLabel(event)}${known}.`,
        context,
        dedupe: ['account-public-access-block'],
      };
      return match;
    }
    const bucket = change.bucket ?? '';
    const account = state.get(accountPublicAccessBlockKey(event.account));
    const stillEnforced = account !== undefined && off.every((flag) => account[flag]);
    return {
      ...(stillEnforced && { severity: 'medium' as const }),
      summary: `${who} ${verb} the S3 Block Public Access of bucket ${bucket} in ${whereLabel(event)}${known}${stillEnforced ? '; the account-level block still enforces these flags' : ''}.`,
      resources: [bucketArn(bucket, event.region)],
      context: { ...context, ...(stillEnforced && { stillEnforcedByAccount: true }) },
      dedupe: [bucket],
    };
  },
});
