import type { ChangeEvent } from '../../events/change-event.js';
import { list, obj, str } from '../../util/fields.js';
import type { RuleContext, RuleMatch } from '../define-rule.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { whereLabel } from '../shared/resource-arn.js';
import { knownPublicAccessBlock } from '../shared/s3-public-access.js';
import { bucketArn, bucketOf } from '../shared/s3-request.js';

/** Object ownership settings under which ACLs take effect again. */
const ACL_ENABLING = new Set(['ObjectWriter', 'BucketOwnerPreferred']);

function ownershipMatch(event: ChangeEvent, bucket: string): RuleMatch | undefined {
  // `Rule` is one object in CloudTrail's rendering of the XML body; a list is accepted too.
  const settings = list(event.requestParameters, 'OwnershipControls.Rule')
    .map((rule) => str({ rule }, 'rule.ObjectOwnership'))
    .filter((value): value is string => value !== undefined);
  const enabling = settings.find((value) => ACL_ENABLING.has(value));
  if (!enabling) return undefined;
  return {
    title: 'S3 ACLs re-enabled on a bucket',
    summary: `${actorLabel(event.actor)} set object ownership of bucket ${bucket} in ${whereLabel(event)} to ${enabling}: ACLs take effect again.`,
    resources: [bucketArn(bucket, event.region)],
    context: { bucket, objectOwnership: enabling },
    dedupe: [bucket, 'ownership'],
  };
}

function websiteMatch(event: ChangeEvent, bucket: string, { state }: RuleContext): RuleMatch | undefined {
  const website = obj(event.requestParameters, 'WebsiteConfiguration');
  const redirectOnly =
    obj(website, 'RedirectAllRequestsTo') !== undefined && obj(website, 'IndexDocument') === undefined;
  const block = knownPublicAccessBlock(state, event.account, bucket);
  const blocked = block.on.includes('RestrictPublicBuckets') && block.on.includes('IgnorePublicAcls');
  const reason = redirectOnly
    ? 'it only redirects requests and serves no objects'
    : blocked
      ? 'Block Public Access currently keeps the bucket from serving anonymous requests'
      : undefined;
  return {
    ...(reason && { severity: 'low' as const }),
    title: 'S3 static website hosting enabled',
    summary: `${actorLabel(event.actor)} enabled static website hosting on bucket ${bucket} in ${whereLabel(event)}${reason ? `; ${reason}` : ''}.`,
    resources: [bucketArn(bucket, event.region)],
    context: {
      bucket,
      ...(website && { websiteConfiguration: website }),
      redirectOnly,
      ...(blocked && { blockPublicAccess: block }),
    },
    dedupe: [bucket, 'website'],
  };
}

/**
 * Changes that open a bucket to access paths meant to be closed: ACLs re-enabled
 * (`PutBucketOwnershipControls` with `ObjectWriter` or `BucketOwnerPreferred`; the secure
 * default `BucketOwnerEnforced` disables ACLs → no finding) and static website hosting
 * (`PutBucketWebsite`: an anonymous HTTP endpoint for the bucket's content).
 *
 * Judgement: medium; a website that only redirects (`RedirectAllRequestsTo`, no index
 * document), or one on a bucket whose known Block Public Access settings keep it from serving
 * anonymous requests, is low.
 */
export default defineRule({
  id: 's3-acl-or-website-enabled',
  title: 'S3 ACLs re-enabled or website hosting enabled',
  description:
    'Object ownership changed so that ACLs apply again (ObjectWriter, BucketOwnerPreferred), or static website hosting enabled on a bucket.',
  category: 's3_public_exposure',
  severity: 'medium',
  events: [{ source: 's3.amazonaws.com', names: ['PutBucketOwnershipControls', 'PutBucketWebsite'] }],
  references: {
    securityHub: ['S3.12'],
    mitre: ['T1530'],
    links: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteHosting.html',
    ],
  },
  runbook: `## What to check
1. ACLs re-enabled: why does this bucket need ACLs (a legacy log-delivery writer, a cross-account
   uploader)? Check the ACLs now in force: \`aws s3api get-bucket-acl --bucket BUCKET\` and watch
   for PutBucketAcl / PutObjectAcl granting public groups.
2. Website hosting: is the bucket meant to be a website? What does it hold?
   \`aws s3api get-bucket-website --bucket BUCKET\`,
   \`aws s3api get-bucket-policy-status --bucket BUCKET\`,
   \`aws s3api get-public-access-block --bucket BUCKET\`.

## How to fix
- Disable ACLs again:
  \`aws s3api put-bucket-ownership-controls --bucket BUCKET --ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'\`
- Remove website hosting:
  \`aws s3api delete-bucket-website --bucket BUCKET\`
- Serve websites through CloudFront with origin access control, keeping the bucket private and
  Block Public Access on.`,
  remediation: [],
  dedupeWindowMinutes: 60,
  match(event, context) {
    if (!event.success) return undefined;
    const bucket = bucketOf(event);
    if (!bucket) return undefined;
    return event.eventName === 'PutBucketWebsite'
      ? websiteMatch(event, bucket, context)
      : ownershipMatch(event, bucket);
  },
});
