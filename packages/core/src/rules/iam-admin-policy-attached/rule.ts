import { analyzeGrants } from '../../iam/index.js';
import {
  adminManagedPolicyName,
  managedPolicyDocument,
  managedPolicyPrivilege,
  parseStoredPolicy,
} from '../../state/iam-state.js';
import { str } from '../../util/fields.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { evidence } from '../shared/evidence.js';
import { actsOnItself, iamTarget, policyNameOf } from '../shared/iam-target.js';

/**
 * An admin-level managed policy was attached to a user, role or group. AdministratorAccess,
 * and any customer policy whose known default version grants `*` on `*` (the same power), are
 * critical; IAMFullAccess and PowerUserAccess are high (IAMFullAccess is one step from admin,
 * PowerUserAccess is everything but IAM). Other policies raise nothing here: their content was
 * judged when they were created (iam-managed-policy-widening).
 */
export default defineRule({
  id: 'iam-admin-policy-attached',
  title: 'Admin-level IAM policy attached',
  description:
    'AdministratorAccess, IAMFullAccess, PowerUserAccess or a customer managed policy known to grant full ' +
    'administrator access was attached to an IAM user, role or group. Attaching an admin policy is the most ' +
    'direct way to escalate privileges or to plant a backdoor identity.',
  category: 'iam_policy_widening',
  severity: 'high',
  events: [
    { source: 'iam.amazonaws.com', names: ['AttachUserPolicy', 'AttachRolePolicy', 'AttachGroupPolicy'] },
  ],
  references: {
    cis: ['4.4'],
    securityHub: ['CloudWatch.4', 'IAM.1'],
    mitre: ['T1098', 'T1098.003'],
    links: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html',
      'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-4',
    ],
  },
  runbook: `## Admin-level IAM policy attached

**Check**
1. Who received it (\`resources\`, \`context.principal\`) and who attached it (\`actor\`). A principal
   attaching an admin policy to itself, or to a user nobody knows, is an escalation or a backdoor.
2. Was it expected? Look for the change ticket or the deploy pipeline (\`actor.provenance\`); break-glass roles
   should be created by infrastructure code, not by hand.
3. List everything the principal holds:
   \`aws iam list-attached-role-policies --role-name <name>\` (or \`list-attached-user-policies\` / \`list-attached-group-policies\`),
   and for a group its members: \`aws iam get-group --group-name <name>\`.
4. What did the principal do since: \`aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=<name>\`.

**Fix**
1. Detach it: \`aws iam detach-user-policy --user-name <name> --policy-arn <policyArn>\`
   (or \`detach-role-policy\` / \`detach-group-policy\`).
2. If it was not authorized, quarantine the actor that attached it and rotate its credentials.
3. Grant least privilege instead (job-function policies or a scoped customer policy), and restrict
   \`iam:Attach*Policy\` with a condition on \`iam:PolicyARN\` or a permissions boundary.`,
  remediation: ['iam-detach-admin-policy'],
  dedupeWindowMinutes: 60,
  match(event, { state }) {
    if (!event.success) return undefined;
    const policyArn = str(event.requestParameters, 'policyArn');
    if (!policyArn) return undefined;
    const named = adminManagedPolicyName(policyArn);
    if (!named && managedPolicyPrivilege(state, policyArn) !== 'admin') return undefined;
    const target = iamTarget(event);
    const self = actsOnItself(event, target);
    const on = `${target?.label ?? 'an IAM principal'}${self ? ' (itself)' : ''}`;
    const policyName = named ?? policyNameOf(policyArn);
    // A customer policy is admin here only because its known document grants `*` on `*`: show it.
    const adminGrants = named
      ? undefined
      : analyzeGrants(
          parseStoredPolicy(managedPolicyDocument(state, policyArn)) ?? { statements: [] },
        ).grants.filter((grant) => grant.kind === 'admin');
    const critical = named === 'AdministratorAccess' || named === undefined;
    return {
      severity: critical ? 'critical' : 'high',
      ...(target && { resources: [target.arn] }),
      summary: `${actorLabel(event.actor)} attached ${named ? 'AWS managed policy' : 'admin-level customer policy'} ${policyName} to ${on} in ${event.account}.`,
      context: evidence({
        principal: target?.arn,
        policyArn,
        adminBy: named ? 'aws-managed-policy-name' : 'known-policy-document',
        selfChange: self,
        grants: adminGrants,
        provenance: event.actor.provenance,
      }),
      dedupe: [target?.arn ?? 'unknown-principal', policyArn],
    };
  },
});
