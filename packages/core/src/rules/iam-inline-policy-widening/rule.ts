import { iamPrincipalKey, parseStoredPolicy } from '../../state/iam-state.js';
import { str } from '../../util/fields.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { evidence } from '../shared/evidence.js';
import { actsOnItself, iamTarget } from '../shared/iam-target.js';
import {
  describeJudgement,
  identityJudgeOptions,
  judgementContext,
  judgePolicyChange,
  readPolicy,
} from '../shared/policy-judgement.js';

/**
 * An inline policy was put on a user, role or group. Judged on what it grants: admin → critical;
 * service-wide wildcards, NotAction allows, privilege-escalation actions → high. When the
 * previous version of the same inline policy is known, only what it *added* counts (a lost
 * Deny or condition → medium, other new permissions → low); an unchanged or narrower policy
 * raises nothing. A document that cannot be parsed is reported (high, `context.parseError`)
 * rather than passed: IAM accepted it, so trailwarden's failure to read it must be seen.
 */
export default defineRule({
  id: 'iam-inline-policy-widening',
  title: 'Inline IAM policy grants risky permissions',
  description:
    'An inline policy put on an IAM user, role or group grants administrator access, service-wide wildcards, ' +
    'NotAction allows or privilege-escalation actions, or widens what the previous version of the policy allowed. ' +
    'Inline policies are a favourite persistence and escalation path because they do not show up in managed-policy inventories.',
  category: 'iam_policy_widening',
  severity: 'high',
  events: [{ source: 'iam.amazonaws.com', names: ['PutUserPolicy', 'PutRolePolicy', 'PutGroupPolicy'] }],
  references: {
    cis: ['4.4'],
    securityHub: ['CloudWatch.4', 'IAM.1'],
    mitre: ['T1098', 'T1098.003'],
    links: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-1',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-4',
      'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/',
    ],
  },
  runbook: `## Inline IAM policy grants risky permissions

**Check**
1. Read the finding's \`context.grants\` (and \`addedPermissions\` / \`removedRestrictions\` when the
   previous version was known): which statement grants what.
2. Was the change expected? Look for a change ticket or the deploy pipeline that owns the principal
   (\`actor.provenance\`). An interactive user granting itself or a colleague \`*\` is the classic escalation.
3. Read the policy as it is now:
   \`aws iam get-user-policy --user-name <name> --policy-name <policy>\` (or \`get-role-policy\` / \`get-group-policy\`).
4. See what the principal did since: \`aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=<name>\`.

**Fix**
1. Unexpected: delete the inline policy
   \`aws iam delete-user-policy --user-name <name> --policy-name <policy>\` (or \`delete-role-policy\` /
   \`delete-group-policy\`), and consider quarantining the principal that made the change.
2. Expected but too broad: replace it with a least-privilege version
   (\`aws iam put-role-policy --role-name <name> --policy-name <policy> --policy-document file://narrow.json\`),
   ideally as a customer managed policy so versions are kept.
3. Limit who can write inline policies (\`iam:Put*Policy\`) and use permissions boundaries on delegated admins.`,
  remediation: ['iam-quarantine-principal'],
  dedupeWindowMinutes: 60,
  match(event, { state, settings }) {
    if (!event.success) return undefined;
    const target = iamTarget(event);
    const policyName = str(event.requestParameters, 'policyName') ?? '(unnamed)';
    const self = actsOnItself(event, target);
    const on = `${target?.label ?? 'an IAM principal'}${self ? ' (itself)' : ''}`;
    const who = actorLabel(event.actor);
    const base = {
      ...(target && { resources: [target.arn] }),
      dedupe: [target?.arn ?? 'unknown-principal', policyName],
    };
    const input = readPolicy(event.requestParameters.policyDocument);
    if (!input.ok) {
      return {
        ...base,
        severity: 'high',
        title: 'Inline IAM policy could not be analyzed',
        summary: `${who} put inline policy "${policyName}" on ${on} in ${event.account}, and its document could not be parsed: ${input.error}.`,
        context: evidence({
          principal: target?.arn,
          policyName,
          parseError: input.error,
          provenance: event.actor.provenance,
        }),
      };
    }
    const stored =
      target && state.get(iamPrincipalKey(event.account, target.kind, target.name))?.inline?.[policyName];
    const previous = parseStoredPolicy(stored);
    const judgement = judgePolicyChange(input.doc, previous, identityJudgeOptions(event.account, settings));
    if (!judgement) return undefined;
    const verb = judgement.compared ? 'widened' : 'put';
    return {
      ...base,
      severity: judgement.severity,
      ...(judgement.compared && { title: 'Inline IAM policy widened' }),
      summary: `${who} ${verb} inline policy "${policyName}" on ${on} in ${event.account}: ${describeJudgement(judgement)}.`,
      context: evidence({
        principal: target?.arn,
        policyName,
        selfChange: self,
        provenance: event.actor.provenance,
        ...judgementContext(judgement),
      }),
    };
  },
});
