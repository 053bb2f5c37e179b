import type { ChangeEvent } from '../../events/change-event.js';
import {
  awsManagedPolicyName,
  iamPrincipalKey,
  managedPolicyDocument,
  parseStoredPolicy,
} from '../../state/iam-state.js';
import type { StateView } from '../../state/state.js';
import { str } from '../../util/fields.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { type DenyPolicyKind, denyPolicyKind, isQuarantinePolicyName } from '../shared/deny-policy.js';
import { evidence } from '../shared/evidence.js';
import { iamTarget, policyNameOf } from '../shared/iam-target.js';

/** Why a removed policy was containment: its name, or a known document that only denies. */
type Containment = 'quarantine-name' | DenyPolicyKind;

function containmentOf(name: string, document: string | undefined): Containment | undefined {
  if (isQuarantinePolicyName(name)) return 'quarantine-name';
  const doc = parseStoredPolicy(document);
  return doc ? denyPolicyKind(doc) : undefined;
}

interface Removal {
  readonly what: string;
  readonly policy: string;
  readonly containment?: Containment;
  readonly documentKnown: boolean;
}

/** A record that does not say what was removed still is a CIS 4.4 change record. */
function unnamed(event: ChangeEvent): Removal {
  return {
    what: `called ${event.eventName} (the record does not name the policy)`,
    policy: 'unknown-policy',
    documentKnown: false,
  };
}

/** What was removed, and whether it was a deny/quarantine policy, from the state before the event. */
function removalOf(event: ChangeEvent, state: StateView): Removal {
  const params = event.requestParameters;
  const target = iamTarget(event);
  if (event.eventName.startsWith('Detach')) {
    const policyArn = str(params, 'policyArn');
    if (!policyArn) return unnamed(event);
    const name = awsManagedPolicyName(policyArn) ?? policyNameOf(policyArn);
    const document = managedPolicyDocument(state, policyArn);
    const containment = containmentOf(name, document);
    return {
      what: `detached ${name} from ${target?.label ?? 'an IAM principal'}`,
      policy: policyArn,
      documentKnown: document !== undefined,
      ...(containment && { containment }),
    };
  }
  if (event.eventName === 'DeletePolicy' || event.eventName === 'DeletePolicyVersion') {
    // IAM refuses to delete an attached policy or a default version, so neither takes a
    // permission away from anyone: these are change records only, whatever the document said.
    const policyArn = str(params, 'policyArn');
    if (!policyArn) return unnamed(event);
    const version = str(params, 'versionId');
    const what = version
      ? `deleted version ${version} of policy ${policyNameOf(policyArn)}`
      : `deleted policy ${policyNameOf(policyArn)}`;
    return { what, policy: policyArn, documentKnown: false };
  }
  const policyName = str(params, 'policyName');
  if (!policyName || !target) return unnamed(event);
  const document = state.get(iamPrincipalKey(event.account, target.kind, target.name))?.inline?.[policyName];
  const containment = containmentOf(policyName, document);
  return {
    what: `deleted inline policy "${policyName}" of ${target.label}`,
    policy: policyName,
    documentKnown: document !== undefined,
    ...(containment && { containment }),
  };
}

/**
 * IAM policies removed or detached. CIS 4.4 asks that every IAM policy change be recorded: the
 * narrowing direction is an `info` change record. Removing a deny or quarantine policy is the
 * opposite — it *widens* what the principal may do, and undoes containment — so it is high:
 * a policy named like a quarantine policy (trailwarden-quarantine, AWSDenyAll,
 * AWSCompromisedKeyQuarantine*, AWSRevokeOlderSessions), or one whose known document is made
 * only of Deny statements.
 */
export default defineRule({
  id: 'iam-policy-removed',
  title: 'IAM policy removed',
  description:
    'An IAM policy was deleted or detached (CIS 4.4 change record). When the removed policy was a deny or ' +
    "quarantine policy, the removal widens the principal's permissions and undoes containment, and is reported as high.",
  category: 'iam_policy_widening',
  severity: 'info',
  events: [
    {
      source: 'iam.amazonaws.com',
      names: [
        'DeleteUserPolicy',
        'DeleteRolePolicy',
        'DeleteGroupPolicy',
        'DetachUserPolicy',
        'DetachRolePolicy',
        'DetachGroupPolicy',
        'DeletePolicy',
        'DeletePolicyVersion',
      ],
    },
  ],
  references: {
    cis: ['4.4'],
    securityHub: ['CloudWatch.4'],
    mitre: ['T1098'],
    links: [
      'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-4',
      'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSCompromisedKeyQuarantineV2.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html',
    ],
  },
  runbook: `## IAM policy removed

**Check**
1. \`info\`: a routine narrowing change kept for the CIS 4.4 audit trail; confirm it matches a change ticket.
2. \`high\` (\`context.containment\` set): a deny or quarantine policy was removed. Who removed it, and was the
   incident that caused the quarantine closed? A compromised principal removing its own quarantine is the
   worst case.
3. What the principal holds now: \`aws iam list-attached-user-policies --user-name <name>\`,
   \`aws iam list-user-policies --user-name <name>\` (or the role/group variants).

**Fix**
1. Re-apply the containment: \`aws iam attach-user-policy --user-name <name> --policy-arn arn:aws:iam::aws:policy/AWSDenyAll\`,
   or put the quarantine inline policy back
   (\`aws iam put-user-policy --user-name <name> --policy-name trailwarden-quarantine --policy-document file://deny-all.json\`).
2. Deactivate the principal's access keys (\`aws iam update-access-key --user-name <name> --access-key-id <id> --status Inactive\`)
   until the incident is closed.
3. Restrict \`iam:Detach*Policy\` / \`iam:Delete*Policy\` for quarantine policies with an SCP or boundary.`,
  remediation: ['iam-quarantine-principal'],
  dedupeWindowMinutes: 60,
  match(event, { state }) {
    if (!event.success) return undefined;
    const removal = removalOf(event, state);
    const target = iamTarget(event);
    const contained = removal.containment !== undefined;
    return {
      severity: contained ? 'high' : 'info',
      ...(contained && { title: 'Deny or quarantine IAM policy removed' }),
      resources: target
        ? [target.arn]
        : removal.policy.startsWith('arn:')
          ? [removal.policy]
          : event.resources,
      summary: `${actorLabel(event.actor)} ${removal.what} in ${event.account}${contained ? ', lifting a deny/quarantine policy' : ''}.`,
      context: evidence({
        principal: target?.arn,
        policy: removal.policy,
        containment: removal.containment,
        documentKnown: removal.documentKnown,
        provenance: event.actor.provenance,
      }),
      dedupe: [target?.arn ?? removal.policy, removal.policy],
    };
  },
});
