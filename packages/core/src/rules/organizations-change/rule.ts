import type { ChangeEvent } from '../../events/change-event.js';
import type { Severity } from '../../findings/severity.js';
import { str } from '../../util/fields.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { HIDDEN_USER_NAME } from '../shared/console-sign-in.js';
import { evidence } from '../shared/evidence.js';

/** The CIS 4.15 list of AWS Organizations changes, plus org-wide security integrations. */
const EVENT_NAMES = [
  'AcceptHandshake',
  'AttachPolicy',
  'CreateAccount',
  'CreateOrganization',
  'CreateOrganizationalUnit',
  'CreatePolicy',
  'DeclineHandshake',
  'DeleteOrganization',
  'DeleteOrganizationalUnit',
  'DeletePolicy',
  'DeregisterDelegatedAdministrator',
  'DetachPolicy',
  'DisableAWSServiceAccess',
  'DisablePolicyType',
  'EnableAllFeatures',
  'EnablePolicyType',
  'InviteAccountToOrganization',
  'LeaveOrganization',
  'MoveAccount',
  'RemoveAccountFromOrganization',
  'UpdateOrganizationalUnit',
  'UpdatePolicy',
] as const;

/** Changes that take an account out from under the organization's guardrails. */
const ALWAYS_HIGH: ReadonlySet<string> = new Set([
  'LeaveOrganization',
  'RemoveAccountFromOrganization',
  'DeleteOrganization',
  'DeletePolicy',
]);

/** Policy types that restrict permissions; disabling them lifts every guardrail of that kind. */
const GUARDRAIL_POLICY_TYPES: ReadonlySet<string> = new Set([
  'SERVICE_CONTROL_POLICY',
  'RESOURCE_CONTROL_POLICY',
]);

/** Services whose organization-wide integration is security monitoring or control. */
const SECURITY_SERVICE_PRINCIPALS: ReadonlySet<string> = new Set([
  'access-analyzer.amazonaws.com',
  'cloudtrail.amazonaws.com',
  'config.amazonaws.com',
  'config-multiaccountsetup.amazonaws.com',
  'detective.amazonaws.com',
  'fms.amazonaws.com',
  'guardduty.amazonaws.com',
  'iam.amazonaws.com',
  'inspector2.amazonaws.com',
  'macie.amazonaws.com',
  'malware-protection.guardduty.amazonaws.com',
  'securityhub.amazonaws.com',
]);

/** The AWS managed SCP that allows everything; detaching it narrows, never widens. */
const FULL_AWS_ACCESS = 'p-FullAWSAccess';

interface Judgement {
  readonly severity: Severity;
  readonly why: string;
}

function judge(event: ChangeEvent): Judgement {
  const rp = event.requestParameters;
  const name = event.eventName;
  if (ALWAYS_HIGH.has(name))
    return { severity: 'high', why: 'removes accounts or guardrails from the organization' };
  switch (name) {
    case 'DetachPolicy':
      return str(rp, 'policyId') === FULL_AWS_ACCESS
        ? { severity: 'info', why: 'detaching FullAWSAccess narrows permissions' }
        : { severity: 'high', why: 'a detached policy may have been a guardrail' };
    case 'DisablePolicyType': {
      const guardrail = GUARDRAIL_POLICY_TYPES.has(str(rp, 'policyType') ?? '');
      return guardrail
        ? { severity: 'high', why: 'every policy of this type stops applying' }
        : { severity: 'medium', why: 'a management policy type stops applying' };
    }
    case 'DisableAWSServiceAccess':
    case 'DeregisterDelegatedAdministrator':
      return SECURITY_SERVICE_PRINCIPALS.has(str(rp, 'servicePrincipal') ?? '')
        ? { severity: 'high', why: 'an organization-wide security service loses its integration' }
        : { severity: 'info', why: 'a service integration changed' };
    case 'MoveAccount':
      // The root usually carries the fewest SCPs: moving an account there escapes the OU's guardrails.
      return str(rp, 'destinationParentId')?.startsWith('r-')
        ? { severity: 'medium', why: "the account leaves its OU's guardrails for the organization root" }
        : { severity: 'info', why: 'the account changed OU' };
    default:
      return { severity: 'info', why: 'organization change record (CIS 4.15)' };
  }
}

/** Where the id a change is about sits, in request then response order. */
const SUBJECT_PATHS: readonly (readonly ['requestParameters' | 'responseElements', string])[] = [
  ['requestParameters', 'accountId'],
  ['requestParameters', 'policyId'],
  ['requestParameters', 'organizationalUnitId'],
  ['requestParameters', 'handshakeId'],
  ['requestParameters', 'target.id'],
  ['requestParameters', 'servicePrincipal'],
  ['requestParameters', 'policyType'],
  ['requestParameters', 'name'],
  ['responseElements', 'policy.policySummary.id'],
  ['responseElements', 'organizationalUnit.id'],
  ['responseElements', 'createAccountStatus.id'],
];

/** The id the change is about, for summaries and the dedupe key (never CloudTrail's redaction placeholder). */
function subjectOf(event: ChangeEvent): string | undefined {
  for (const [bag, path] of SUBJECT_PATHS) {
    const value = str(event[bag], path);
    if (value !== undefined && value !== '' && value !== HIDDEN_USER_NAME) return value;
  }
  return undefined;
}

/**
 * AWS Organizations changes (CIS 4.15). Leaving or removing accounts, deleting the
 * organization, detaching or deleting policies, disabling SCPs/RCPs and unhooking
 * organization-wide security services are high; moving an account to the root is medium;
 * the rest are informational change records.
 */
export default defineRule({
  id: 'organizations-change',
  title: 'AWS Organizations changed',
  description:
    'A change to AWS Organizations: accounts joining or leaving, OUs, policies (SCPs and others), policy ' +
    'types and security service integrations. Changes that remove accounts or guardrails are high; the rest ' +
    'are the change record CIS 4.15 asks for.',
  category: 'organizations_change',
  severity: 'info',
  events: [{ source: 'organizations.amazonaws.com', names: EVENT_NAMES }],
  references: {
    cis: ['4.15'],
    mitre: ['T1484'],
    links: [
      'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_security_incident-response.html',
      'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html',
    ],
  },
  runbook: `## AWS Organizations changed

**Check**
1. Which change (\`context.action\`, \`context.subject\`) and by whom? Organization changes come from
   the management account or a delegated administrator and are rare; match them to a change request.
2. Guardrails: list what still applies to the affected target:
   \`aws organizations list-policies-for-target --target-id <account-or-ou> --filter SERVICE_CONTROL_POLICY\`,
   \`aws organizations list-roots\` (enabled policy types), \`aws organizations list-aws-service-access-for-organization\`.
3. Accounts leaving or removed: \`aws organizations describe-account --account-id <id>\` fails once
   it is gone; it then escapes your SCPs, org CloudTrail and consolidated billing.

**Fix**
- Re-attach a detached SCP: \`aws organizations attach-policy --policy-id <id> --target-id <target>\`.
- Re-enable a policy type: \`aws organizations enable-policy-type --root-id <r-…> --policy-type SERVICE_CONTROL_POLICY\`.
- Re-enable a security integration: \`aws organizations enable-aws-service-access --service-principal <principal>\`
  and register the delegated administrator again.
- Deny the high-impact calls to everyone but a break-glass role with an SCP
  (\`organizations:LeaveOrganization\` in member accounts).`,
  remediation: [],
  dedupeWindowMinutes: 60,
  match(event) {
    if (!event.success) return undefined;
    const { severity, why } = judge(event);
    const subject = subjectOf(event);
    const action = `organizations:${event.eventName}`;
    return {
      severity,
      title:
        severity === 'info'
          ? 'AWS Organizations changed'
          : `AWS Organizations guardrail change: ${event.eventName}`,
      summary: `${actorLabel(event.actor)} called ${action}${subject ? ` on ${subject}` : ''} from account ${event.account}: ${why}.`,
      context: evidence({
        action,
        subject,
        reason: why,
        policyId: str(event.requestParameters, 'policyId'),
        targetId: str(event.requestParameters, 'targetId') ?? str(event.requestParameters, 'target.id'),
        policyType: str(event.requestParameters, 'policyType') ?? str(event.requestParameters, 'type'),
        servicePrincipal: str(event.requestParameters, 'servicePrincipal'),
        destinationParentId: str(event.requestParameters, 'destinationParentId'),
      }),
      dedupe: [event.eventName, subject ?? event.account],
    };
  },
});
