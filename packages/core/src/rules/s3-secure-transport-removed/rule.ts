import { tryParsePolicy } from '../../iam/index.js';
import { bucketPolicyKey } from '../../state/learners/s3.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { whereLabel } from '../shared/resource-arn.js';
import { bucketArn, bucketOf, bucketPolicyInput } from '../shared/s3-request.js';
import { lostTransportGuards, type TransportGuard, transportGuards } from '../shared/secure-transport.js';

const describeGuards = (guards: readonly TransportGuard[]): string =>
  [...new Set(guards.map((g) => `${g.action} on ${g.resource}`))].slice(0, 3).join(', ');

/**
 * A bucket policy that no longer denies requests made without TLS (`aws:SecureTransport`
 * false), compared with the bucket's previous policy.
 *
 * Judgement: the previous policy comes from state (learned from earlier `PutBucketPolicy`
 * calls). `PutBucketPolicy` → a finding when some (action, resource) the previous TLS deny
 * covered is no longer covered by the new policy's TLS denies; `DeleteBucketPolicy` → a
 * finding when the deleted policy had a TLS deny. When trailwarden has not seen the previous
 * policy, or it had no TLS deny, there is nothing removed to report: no finding (the missing
 * deny itself is a resource-state question, answered by the Config rule for S3.5).
 */
export default defineRule({
  id: 's3-secure-transport-removed',
  title: 'S3 bucket policy no longer enforces TLS',
  description:
    'A PutBucketPolicy or DeleteBucketPolicy that removes the Deny on aws:SecureTransport false the previous bucket policy had, so the bucket accepts plain HTTP requests again.',
  category: 's3_encryption_removed',
  severity: 'medium',
  events: [{ source: 's3.amazonaws.com', names: ['PutBucketPolicy', 'DeleteBucketPolicy'] }],
  references: {
    securityHub: ['S3.5'],
    mitre: ['T1557'],
    links: [
      'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-5',
      'https://repost.aws/knowledge-center/s3-bucket-policy-for-config-rule',
    ],
  },
  runbook: `## What to check
1. Compare the previous TLS deny (\`lost\` in the finding context) with the policy now in force:
   \`aws s3api get-bucket-policy --bucket BUCKET --query Policy --output text | jq .\`
2. Was the deny dropped on purpose (a client that cannot use HTTPS) or by accident, e.g. a
   deploy that rewrote the whole policy from a template without it?

## How to fix
Add the deny back to the bucket policy (both the bucket and its objects):
\`\`\`json
{ "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
  "Resource": ["arn:aws:s3:::BUCKET", "arn:aws:s3:::BUCKET/*"],
  "Condition": { "Bool": { "aws:SecureTransport": "false" } } }
\`\`\`
\`aws s3api put-bucket-policy --bucket BUCKET --policy file://policy.json\`
Optionally also deny old TLS versions with \`NumericLessThan\` \`s3:TlsVersion\` \`1.2\`.`,
  remediation: [],
  dedupeWindowMinutes: 60,
  match(event, { state }) {
    if (!event.success) return undefined;
    const bucket = bucketOf(event);
    if (!bucket) return undefined;
    const previousText = state.get(bucketPolicyKey(bucket));
    if (previousText === undefined) return undefined;
    const previous = tryParsePolicy(previousText);
    if (!previous.ok) return undefined;
    const before = transportGuards(previous.value);
    if (before.length === 0) return undefined;

    let lost: TransportGuard[];
    if (event.eventName === 'DeleteBucketPolicy') {
      lost = before;
    } else {
      const input = bucketPolicyInput(event);
      const next = input === undefined ? undefined : tryParsePolicy(input);
      if (!next?.ok) return undefined;
      lost = lostTransportGuards(before, transportGuards(next.value));
    }
    if (lost.length === 0) return undefined;

    const how = event.eventName === 'DeleteBucketPolicy' ? 'deleted the policy of' : 'changed the policy of';
    return {
      summary: `${actorLabel(event.actor)} ${how} bucket ${bucket} in ${whereLabel(event)}: requests without TLS are no longer denied (${describeGuards(lost)}).`,
      resources: [bucketArn(bucket, event.region)],
      context: { bucket, lost, deleted: event.eventName === 'DeleteBucketPolicy' },
      dedupe: [bucket],
    };
  },
});
