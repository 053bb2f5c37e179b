import { lowerSeverity } from '../../findings/severity.js';
import { analyzeGrants, principalAccount, tryParsePolicy } from '../../iam/index.js';
import type { Grant } from '../../iam/types.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { whereLabel } from '../shared/resource-arn.js';
import { knownPublicAccessBlock } from '../shared/s3-public-access.js';
import { bucketArn, bucketOf, bucketPolicyInput } from '../shared/s3-request.js';

/** `PublicRead: s3:GetObject; statement 2: s3:PutObject` — which statements, which actions. */
const describeGrants = (grants: readonly Grant[]): string =>
  grants
    .slice(0, 3)
    .map((g) => `${g.sid ?? `statement ${g.statement}`}: ${(g.actions ?? []).slice(0, 4).join(', ')}`)
    .join('; ');

/**
 * A bucket policy that lets anyone (a public principal without a restricting condition such as
 * `aws:SourceVpce`, `aws:PrincipalOrgID`, `aws:SourceArn` …) or an outside account in.
 *
 * Judgement:
 * - public statements → critical; high instead when Block Public Access is known to have
 *   `RestrictPublicBuckets` on for the bucket or account (the policy is neutralized today and
 *   becomes live the day the block is lifted);
 * - otherwise, principals of accounts that are neither the bucket owner's nor in
 *   `settings.allowedAccounts` (and not restricted to `settings.organizationId`) → medium;
 * - otherwise no finding. Failed calls are not judged: with `BlockPublicPolicy` on, S3 refuses
 *   a public policy with AccessDenied and nothing changed.
 */
export default defineRule({
  id: 's3-bucket-policy-public',
  title: 'S3 bucket policy allows public access',
  description:
    'A PutBucketPolicy whose new policy allows a public principal without a restricting condition (anyone on the internet can read or write), or grants an account outside the allowed accounts.',
  category: 's3_public_exposure',
  severity: 'critical',
  events: [{ source: 's3.amazonaws.com', names: ['PutBucketPolicy'] }],
  references: {
    securityHub: ['S3.2', 'S3.3'],
    mitre: ['T1530'],
    links: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html',
    ],
  },
  runbook: `## What to check
1. Read the public or cross-account statements in the finding's context (\`statements\`). Is the
   bucket meant to be public (a static website behind no CDN, a public dataset)? Is the outside
   account a known partner or log-delivery account?
2. Confirm the policy in force and what the bucket holds:
   \`aws s3api get-bucket-policy --bucket BUCKET --query Policy --output text | jq .\`
   \`aws s3api get-bucket-policy-status --bucket BUCKET\`
3. Check who made the change (actor, source IP, session) and whether objects were read since:
   CloudTrail data events or S3 server access logs for \`GetObject\` from unknown principals.

## How to fix
- Remove the public statements (or add a restricting condition such as \`aws:SourceVpce\` or
  \`aws:PrincipalOrgID\`) and put the policy back:
  \`aws s3api put-bucket-policy --bucket BUCKET --policy file://policy-without-public-statements.json\`
- Turn Block Public Access back on so public policies are refused and neutralized:
  \`aws s3api put-public-access-block --bucket BUCKET --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true\`
- Serve public content through CloudFront with origin access control instead of a public bucket.
- For a legitimate partner account, add it to \`allowedAccounts\` in trailwarden's settings.`,
  remediation: ['s3-remove-public-policy-statements', 's3-restore-bucket-public-access-block'],
  dedupeWindowMinutes: 60,
  match(event, { settings, state }) {
    if (!event.success) return undefined;
    const bucket = bucketOf(event);
    const input = bucketPolicyInput(event);
    if (!bucket || input === undefined) return undefined;
    // S3 validated the document before accepting it; one the parser cannot read is not judged.
    const parsed = tryParsePolicy(input);
    if (!parsed.ok) return undefined;
    const doc = parsed.value;
    const report = analyzeGrants(doc, {
      ownerAccount: event.account,
      allowedAccounts: settings.allowedAccounts,
      ...(settings.organizationId && { organizationId: settings.organizationId }),
    });
    const publicGrants = report.grants.filter((g) => g.kind === 'public-principal');
    const outsideGrants = report.grants.filter((g) => g.kind === 'cross-account-principal');
    const judged = publicGrants.length > 0 ? publicGrants : outsideGrants;
    if (judged.length === 0) return undefined;

    const indexes = [...new Set(judged.map((g) => g.statement))];
    const statements = indexes.map((i) => doc.statements[i]?.raw).filter((raw) => raw !== undefined);
    const arn = bucketArn(bucket, event.region);
    const who = actorLabel(event.actor);
    const context = {
      bucket,
      statements,
      grants: judged.map((g) => ({
        kind: g.kind,
        detail: g.detail,
        principals: g.principals,
        actions: g.actions,
      })),
    };
    if (publicGrants.length === 0) {
      const accounts = [
        ...new Set(outsideGrants.flatMap((g) => (g.principals ?? []).map((p) => principalAccount(p) ?? p))),
      ];
      return {
        severity: 'medium',
        title: 'S3 bucket policy grants access to an outside account',
        summary: `${who} changed the policy of bucket ${bucket} in ${whereLabel(event)} to grant outside account ${accounts.join(', ')} access (${describeGrants(outsideGrants)}).`,
        resources: [arn],
        context: { ...context, outsideAccounts: accounts },
        dedupe: [bucket],
      };
    }
    const block = knownPublicAccessBlock(state, event.account, bucket);
    const neutralized = block.on.includes('RestrictPublicBuckets');
    return {
      severity: neutralized ? lowerSeverity('critical') : 'critical',
      summary: `${who} made bucket ${bucket} in ${whereLabel(event)} public with its bucket policy (${describeGrants(publicGrants)})${neutralized ? '; Block Public Access (RestrictPublicBuckets) currently neutralizes it' : ''}.`,
      resources: [arn],
      context: { ...context, ...(neutralized && { neutralizedBy: block }) },
      dedupe: [bucket],
    };
  },
});
