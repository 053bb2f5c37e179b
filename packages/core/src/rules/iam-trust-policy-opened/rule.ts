import type { GrantKind } from '../../iam/types.js';
import { iamPrincipalKey, parseStoredPolicy } from '../../state/iam-state.js';
import { str } from '../../util/fields.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { evidence } from '../shared/evidence.js';
import { partitionOf } from '../shared/iam-target.js';
import {
  describeJudgement,
  judgementContext,
  judgePolicyChange,
  readPolicy,
  TRUST_RISKS,
  trustContextOf,
} from '../shared/policy-judgement.js';

const CRITICAL: ReadonlySet<GrantKind> = new Set(['public-principal']);

/**
 * A role's trust policy lets in someone it should not: a public principal (`*`) without a
 * restricting condition (critical: any AWS account in the world can assume the role), an
 * account outside the owner account / `allowedAccounts` / organization, or web-identity
 * federation without audience and subject conditions (high).
 *
 * `CreateRole` is judged on its trust policy alone. `UpdateAssumeRolePolicy` is compared with
 * the previous trust policy when known: only newly trusted outsiders count (an external account
 * that was already trusted is not news), and a lost restricting condition (external id, org,
 * MFA …) is medium. Principals inside the account or allowed accounts are never reported.
 */
export default defineRule({
  id: 'iam-trust-policy-opened',
  title: 'IAM role trust policy opened',
  description:
    'A role was created with, or updated to, a trust policy that lets a public principal, an account outside ' +
    'the organization / allowed accounts, or an unrestricted web-identity provider assume it. Whoever can assume ' +
    'the role gets all of its permissions.',
  category: 'iam_policy_widening',
  severity: 'high',
  events: [{ source: 'iam.amazonaws.com', names: ['CreateRole', 'UpdateAssumeRolePolicy'] }],
  references: {
    mitre: ['T1098', 'T1098.003'],
    links: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
    ],
  },
  runbook: `## IAM role trust policy opened

**Check**
1. Read \`context.grants\`: which principal is newly trusted (\`public-principal\`, \`cross-account-principal\`,
   \`unrestricted-web-identity\`) and from which statement.
2. For an external account: is it a known vendor or one of your own accounts missing from
   \`allowedAccounts\`? Vendor roles must require \`sts:ExternalId\`.
3. For web identity (e.g. GitHub Actions OIDC): the statement must pin \`<provider>:aud\` and \`<provider>:sub\`
   (e.g. \`token.actions.githubusercontent.com:sub\` = \`repo:org/repo:ref:refs/heads/main\`); without \`sub\`
   any repository on GitHub can assume the role.
4. Current trust policy: \`aws iam get-role --role-name <name> --query Role.AssumeRolePolicyDocument\`;
   who assumed it since: \`aws cloudtrail lookup-events --lookup-attributes AttributeKey=ResourceName,AttributeValue=<roleArn>\`.

**Fix**
1. Restore a tight trust policy: \`aws iam update-assume-role-policy --role-name <name> --policy-document file://trust.json\`
   naming exact principals, with \`sts:ExternalId\`, \`aws:PrincipalOrgID\` or OIDC \`aud\`/\`sub\` conditions.
2. If the role may already have been assumed by an outsider, revoke its active sessions
   (IAM console → Role → "Revoke active sessions", which attaches an \`AWSRevokeOlderSessions\` deny policy).
3. If the change was not authorized, quarantine the actor that made it.`,
  remediation: ['iam-quarantine-principal'],
  dedupeWindowMinutes: 60,
  match(event, { state, settings }) {
    if (!event.success) return undefined;
    const params = event.requestParameters;
    const roleName = str(params, 'roleName');
    const roleArn =
      str(event.responseElements, 'role.arn') ??
      (roleName ? `arn:${partitionOf(event)}:iam::${event.account}:role/${roleName}` : undefined);
    const on = roleName ? `role ${roleName}` : 'a role';
    const who = actorLabel(event.actor);
    const creating = event.eventName === 'CreateRole';
    const verb = creating ? 'created' : 'updated the trust policy of';
    const base = { ...(roleArn && { resources: [roleArn] }), dedupe: [roleArn ?? on] };
    const input = readPolicy(creating ? params.assumeRolePolicyDocument : params.policyDocument);
    if (!input.ok) {
      return {
        ...base,
        severity: 'high',
        title: 'IAM role trust policy could not be analyzed',
        summary: `${who} ${verb} ${on} in ${event.account}, and the trust policy could not be parsed: ${input.error}.`,
        context: evidence({ role: roleArn, parseError: input.error, provenance: event.actor.provenance }),
      };
    }
    const stored =
      !creating && roleName ? state.get(iamPrincipalKey(event.account, 'role', roleName))?.trust : undefined;
    const judgement = judgePolicyChange(input.doc, parseStoredPolicy(stored), {
      risks: TRUST_RISKS,
      critical: CRITICAL,
      trust: trustContextOf(event.account, settings),
    });
    // New actions or principals inside the trusted circle are not an opening.
    if (!judgement || judgement.reason === 'permissions-added') return undefined;
    return {
      ...base,
      severity: judgement.severity,
      summary: `${who} ${verb} ${on} in ${event.account}: ${describeJudgement(judgement)}.`,
      context: evidence({
        role: roleArn,
        allowedAccounts: settings.allowedAccounts,
        organizationId: settings.organizationId,
        provenance: event.actor.provenance,
        ...judgementContext(judgement),
      }),
    };
  },
});
