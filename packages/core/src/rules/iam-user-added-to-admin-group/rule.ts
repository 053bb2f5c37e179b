import { assessPrincipal } from '../../state/iam-state.js';
import { str } from '../../util/fields.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { evidence } from '../shared/evidence.js';
import { actsOnItself, iamTarget, partitionOf } from '../shared/iam-target.js';

/**
 * A user joined a group that trailwarden knows to be powerful: admin-level policies (attached
 * AdministratorAccess/IAMFullAccess/PowerUserAccess, or a managed or inline document granting
 * `*` on `*`) → high; privilege-escalation grants → medium. A group trailwarden knows nothing
 * risky about raises nothing: group membership changes are frequent and usually routine.
 */
export default defineRule({
  id: 'iam-user-added-to-admin-group',
  title: 'IAM user added to an admin-level group',
  description:
    'An IAM user was added to a group whose policies grant administrator access or a privilege-escalation ' +
    'path. Group membership quietly hands the user every permission of the group.',
  category: 'iam_policy_widening',
  severity: 'high',
  events: [{ source: 'iam.amazonaws.com', names: ['AddUserToGroup'] }],
  references: {
    mitre: ['T1098', 'T1098.003'],
    links: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups_manage_add-remove-users.html',
      'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/',
    ],
  },
  runbook: `## IAM user added to an admin-level group

**Check**
1. Which policies make the group powerful: \`context.via\`; confirm with
   \`aws iam list-attached-group-policies --group-name <group>\` and \`aws iam list-group-policies --group-name <group>\`.
2. Was the membership approved? A user adding itself (\`iam:AddUserToGroup\` is a known escalation path) or a
   new, unknown user joining an admin group is suspicious.
3. What the user did since: \`aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=<user>\`.

**Fix**
1. Remove the membership: \`aws iam remove-user-from-group --group-name <group> --user-name <user>\`.
2. If it was not authorized, quarantine the actor that added it and the user, and rotate their credentials
   (\`aws iam list-access-keys --user-name <user>\`, \`aws iam update-access-key --status Inactive …\`).
3. Restrict \`iam:AddUserToGroup\` on admin groups to administrators.`,
  remediation: ['iam-quarantine-principal'],
  dedupeWindowMinutes: 60,
  match(event, { state }) {
    if (!event.success) return undefined;
    const groupName = str(event.requestParameters, 'groupName');
    const userName = str(event.requestParameters, 'userName');
    if (!groupName || !userName) return undefined;
    const group = assessPrincipal(state, event.account, 'group', groupName);
    if (group.level === 'none') return undefined;
    const arn = (kind: string, name: string) =>
      `arn:${partitionOf(event)}:iam::${event.account}:${kind}/${name}`;
    const admin = group.level === 'admin';
    const self = actsOnItself(event, iamTarget(event));
    return {
      severity: admin ? 'high' : 'medium',
      ...(!admin && { title: 'IAM user added to a group with privilege-escalation permissions' }),
      resources: [arn('user', userName), arn('group', groupName)],
      summary: `${actorLabel(event.actor)} added ${self ? 'itself' : `user ${userName}`} to group ${groupName} in ${event.account}, which ${admin ? 'grants admin-level access' : 'grants privilege-escalation permissions'} (${group.via.slice(0, 2).join('; ')}).`,
      context: evidence({
        userName,
        groupName,
        groupPrivilege: group.level,
        selfChange: self,
        via: group.via,
        provenance: event.actor.provenance,
      }),
      dedupe: [arn('user', userName), groupName],
    };
  },
});
