import type { Severity } from '../../findings/severity.js';
import { assessPrincipal } from '../../state/iam-state.js';
import { str } from '../../util/fields.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { evidence } from '../shared/evidence.js';
import { targetUserOf } from '../shared/iam-target-user.js';
import { raiseSeverity } from '../shared/severity-steps.js';

/**
 * An access key created for an IAM user. A user creating its own key is routine (low); a key
 * created for *another* user is the classic backdoor (medium): the caller now holds working
 * credentials of someone else. Privilege-aware: a key for an admin-level user is one step
 * higher. A deploy pipeline creating keys for a non-admin service user is one step lower.
 * Root's own keys are root-access-key-created's.
 */
export default defineRule({
  id: 'iam-access-key-created',
  title: 'Access key created',
  description:
    'An access key was created for an IAM user. Keys created by someone other than the user are a common ' +
    'backdoor: the caller walks away with long-lived credentials of another identity. Keys for admin-level ' +
    'users are reported higher.',
  category: 'iam_user_or_key_created',
  severity: 'low',
  events: [{ source: 'iam.amazonaws.com', names: ['CreateAccessKey'] }],
  references: {
    mitre: ['T1098.001'],
    links: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#rotate-credentials',
    ],
  },
  runbook: `## Access key created

**Check**
1. Who created the key and for whom (\`context.targetUser\`, \`context.self\`)? A key created for
   another user needs a reason (service account rotation by its owner, a ticket).
2. Has the key been used, and from where?
   \`aws iam get-access-key-last-used --access-key-id <accessKeyId>\`
   \`aws cloudtrail lookup-events --lookup-attributes AttributeKey=AccessKeyId,AttributeValue=<accessKeyId>\`
3. What can the target user do? \`aws iam list-attached-user-policies --user-name <user>\`, \`aws iam list-groups-for-user --user-name <user>\`

**Fix**
- Not legitimate: deactivate then delete the key
  (\`aws iam update-access-key --user-name <user> --access-key-id <accessKeyId> --status Inactive\`,
  \`aws iam delete-access-key --user-name <user> --access-key-id <accessKeyId>\`) and review the
  creator's other actions.
- Legitimate but long-lived: prefer roles (instance profiles, IRSA, OIDC federation for CI) over
  access keys, and rotate keys at least every 90 days.`,
  remediation: ['iam-quarantine-principal'],
  dedupeWindowMinutes: 60,
  match(event, { state }) {
    if (!event.success) return undefined;
    // Root without userName made a key for itself: root-access-key-created reports that.
    if (event.actor.type === 'Root' && str(event.requestParameters, 'userName') === undefined)
      return undefined;
    const target = targetUserOf(event, 'accessKey.userName');
    const privilege = target.userName
      ? assessPrincipal(state, event.account, 'user', target.userName)
      : undefined;
    const admin = privilege?.level === 'admin';
    const pipeline = event.actor.provenance === 'deploy-pipeline';
    let severity: Severity = target.self ? 'low' : pipeline && !admin ? 'low' : 'medium';
    if (admin) severity = raiseSeverity(severity);
    const accessKeyId = str(event.responseElements, 'accessKey.accessKeyId');
    const userLabel = `IAM user ${target.userName ?? '(unknown)'}${admin ? ' (admin-level)' : ''}`;
    const key = accessKeyId ? `access key ${accessKeyId}` : 'an access key';
    return {
      severity,
      title: target.self ? 'Access key created' : 'Access key created for another user',
      summary: target.self
        ? `${actorLabel(event.actor)} created ${key} for itself in account ${event.account}.`
        : `${actorLabel(event.actor)} created ${key} for ${userLabel} in account ${event.account}.`,
      context: evidence({
        targetUser: target.userName,
        self: target.self,
        // Only the id: the secret is never in CloudTrail and must never reach a finding.
        accessKeyId,
        status: str(event.responseElements, 'accessKey.status'),
        targetAdminLevel: admin,
        targetAdminVia: admin ? privilege?.via : undefined,
        provenance: event.actor.provenance,
      }),
      dedupe: [
        `user/${target.userName ?? 'unknown'}`,
        event.actor.arn ?? event.actor.principalId ?? event.actor.type,
      ],
    };
  },
});
