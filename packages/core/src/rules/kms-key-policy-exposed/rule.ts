import { analyzeGrants, tryParsePolicy } from '../../iam/index.js';
import type { Grant } from '../../iam/types.js';
import { field } from '../../util/fields.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { kmsKeyArn } from '../shared/kms-key.js';
import { whereLabel, withResources } from '../shared/resource-arn.js';

const summarize = (grants: readonly Grant[]): string => grants.map((grant) => grant.detail).join('; ');

/**
 * A key policy (PutKeyPolicy, or CreateKey with an explicit policy) that lets in anyone
 * (public principal without a restricting condition such as `kms:CallerAccount` or
 * `aws:PrincipalOrgID`) or principals of accounts that are neither the key's account nor in
 * `settings.allowedAccounts` (unless pinned to `settings.organizationId`). Policies that only
 * grant the owner account, AWS services or allowed accounts produce no finding.
 */
export default defineRule({
  id: 'kms-key-policy-exposed',
  title: 'KMS key policy grants access outside the account',
  description:
    'A KMS key policy was set that allows a public principal without a restricting condition, or principals in ' +
    'accounts outside the allowed accounts. Whoever the policy lets in can use (and often manage) the key, and so ' +
    'read everything encrypted with it.',
  category: 'kms_key_disable_or_deletion',
  severity: 'high',
  events: [{ source: 'kms.amazonaws.com', names: ['PutKeyPolicy', 'CreateKey'] }],
  references: {
    securityHub: ['KMS.5'],
    links: [
      'https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html',
      'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html',
    ],
  },
  runbook: `## KMS key policy grants access outside the account

**What happened.** A key policy now lets in everyone (\`public-principal\`) or accounts outside this account
and \`allowedAccounts\` (\`cross-account-principal\`). \`context.grants\` lists the statements and what they allow.

**Check**
1. Is the outside account a known partner/organization account? If so, add it to \`allowedAccounts\`
   (or pin the statement with \`aws:PrincipalOrgID\` and set \`organizationId\`).
2. The policy now in force: \`aws kms get-key-policy --key-id <key-arn> --policy-name default --output text\`
3. What the key protects (S3 buckets, EBS, RDS, Secrets Manager) and whether the outside principals already
   used it: CloudTrail \`Decrypt\`/\`GenerateDataKey\` events with a foreign \`userIdentity.accountId\`.

**Fix**
- Remove or narrow the statement (add \`kms:CallerAccount\` / \`aws:PrincipalOrgID\` conditions), then:
  \`aws kms put-key-policy --key-id <key-arn> --policy-name default --policy file://key-policy.json\`
- Revoke grants created meanwhile: \`aws kms list-grants --key-id <key-arn>\` and \`aws kms revoke-grant\`.
- If data may have been read, rotate what the key protects (re-encrypt with a new key).`,
  remediation: [],
  dedupeWindowMinutes: 60,
  match: (event, { settings }) => {
    if (!event.success) return undefined;
    const policy = field(event.requestParameters, 'policy');
    if (policy === undefined || policy === null || policy === '') return undefined;
    const parsed = tryParsePolicy(policy);
    // KMS rejects malformed policies, so a successful call with one we cannot parse is our gap, not exposure.
    if (!parsed.ok) return undefined;
    const { grants } = analyzeGrants(parsed.value, {
      ownerAccount: event.account,
      allowedAccounts: settings.allowedAccounts,
      ...(settings.organizationId !== undefined && { organizationId: settings.organizationId }),
    });
    const exposing = grants.filter(
      (grant) => grant.kind === 'public-principal' || grant.kind === 'cross-account-principal',
    );
    if (exposing.length === 0) return undefined;
    const isPublic = exposing.some((grant) => grant.kind === 'public-principal');
    const key = kmsKeyArn(event);
    const outside = [...new Set(exposing.flatMap((grant) => grant.principals ?? []))];
    return {
      title: isPublic ? 'KMS key policy allows anyone' : 'KMS key policy grants access to outside accounts',
      summary:
        `${actorLabel(event.actor)} ${event.eventName === 'CreateKey' ? 'created KMS key' : 'set the key policy of'} ` +
        `${key ?? '(unknown key)'} allowing ${isPublic ? 'anyone' : `outside principals ${outside.join(', ')}`}: ` +
        `${summarize(exposing)}, in ${whereLabel(event)}.`,
      resources: withResources(event, [key]),
      context: {
        keyArn: key,
        public: isPublic,
        outsidePrincipals: outside,
        grants: exposing,
        provenance: event.actor.provenance,
      },
      dedupe: [key ?? '', isPublic ? 'public' : 'cross-account'],
    };
  },
});
