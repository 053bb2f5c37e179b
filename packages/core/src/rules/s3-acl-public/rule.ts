import { lowerSeverity, type Severity } from '../../findings/severity.js';
import { str } from '../../util/fields.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { whereLabel } from '../shared/resource-arn.js';
import { publicAclGrants, WRITE_PERMISSIONS } from '../shared/s3-acl.js';
import { knownPublicAccessBlock } from '../shared/s3-public-access.js';
import { bucketArn, bucketOf } from '../shared/s3-request.js';

/**
 * A bucket or object ACL that grants `AllUsers` (anyone) or `AuthenticatedUsers` (anyone with
 * an AWS account — public in practice), whether by body grants, canned ACL or grant headers.
 *
 * Judgement: write-level grants (`WRITE`, `WRITE_ACP`, `FULL_CONTROL`) → critical; `READ` →
 * high; only `READ_ACP` (the ACL itself is readable) → medium. One step lower when Block Public
 * Access is known to have `IgnorePublicAcls` on for the bucket or account (S3 ignores the
 * grant today). With `BlockPublicAcls` on, S3 refuses the call: failed calls are not judged.
 */
export default defineRule({
  id: 's3-acl-public',
  title: 'S3 ACL grants public access',
  description:
    'A PutBucketAcl or PutObjectAcl that grants AllUsers or AuthenticatedUsers access, through ACL grants, a canned ACL (public-read, public-read-write, authenticated-read) or grant headers.',
  category: 's3_public_exposure',
  severity: 'critical',
  events: [{ source: 's3.amazonaws.com', names: ['PutBucketAcl', 'PutObjectAcl'] }],
  references: {
    securityHub: ['S3.2', 'S3.3'],
    mitre: ['T1530'],
    links: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#specifying-grantee-predefined-groups',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html',
    ],
  },
  runbook: `## What to check
1. Which grants are public (\`grants\` in the finding context: grantee group, permission, and
   whether they came from the ACL body, a canned ACL or a grant header)?
2. Look at the ACL in force:
   \`aws s3api get-bucket-acl --bucket BUCKET\` or \`aws s3api get-object-acl --bucket BUCKET --key KEY\`
3. Was anything read or written by anonymous principals since the change? Check S3 server
   access logs or CloudTrail data events for requests without an authenticated principal.

## How to fix
- Reset the ACL to private:
  \`aws s3api put-bucket-acl --bucket BUCKET --acl private\` /
  \`aws s3api put-object-acl --bucket BUCKET --key KEY --acl private\`
- Disable ACLs altogether (recommended; bucket policies then govern access):
  \`aws s3api put-bucket-ownership-controls --bucket BUCKET --ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'\`
- Keep Block Public Access on so public ACLs are refused and ignored:
  \`aws s3api put-public-access-block --bucket BUCKET --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true\``,
  remediation: ['s3-remove-public-acl-grants', 's3-restore-bucket-public-access-block'],
  dedupeWindowMinutes: 60,
  match(event, { state }) {
    if (!event.success) return undefined;
    const bucket = bucketOf(event);
    if (!bucket) return undefined;
    const grants = publicAclGrants(event.requestParameters);
    if (grants.length === 0) return undefined;

    const writable = grants.some((g) => WRITE_PERMISSIONS.has(g.permission));
    const readable = grants.some((g) => g.permission === 'READ');
    const exposure: Severity = writable ? 'critical' : readable ? 'high' : 'medium';
    const ignored = knownPublicAccessBlock(state, event.account, bucket).on.includes('IgnorePublicAcls');
    const key = event.eventName === 'PutObjectAcl' ? str(event.requestParameters, 'key') : undefined;
    const target = key ? `object ${key} in bucket ${bucket}` : `bucket ${bucket}`;
    const granted = [...new Set(grants.map((g) => `${g.permission} to ${g.grantee}`))].join(', ');
    const arn = bucketArn(bucket, event.region);
    return {
      severity: ignored ? lowerSeverity(exposure) : exposure,
      summary: `${actorLabel(event.actor)} granted ${granted} on ${target} in ${whereLabel(event)}${ignored ? '; Block Public Access (IgnorePublicAcls) currently ignores it' : ''}.`,
      resources: key ? [arn, `${arn}/${key}`] : [arn],
      context: { bucket, ...(key && { key }), grants, ...(ignored && { ignoredBy: 'IgnorePublicAcls' }) },
      dedupe: [bucket],
    };
  },
});
