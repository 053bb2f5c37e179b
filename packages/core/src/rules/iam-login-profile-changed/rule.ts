import type { Severity } from '../../findings/severity.js';
import { assessPrincipal } from '../../state/iam-state.js';
import { bool } from '../../util/fields.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { evidence } from '../shared/evidence.js';
import { targetUserOf } from '../shared/iam-target-user.js';
import { raiseSeverity } from '../shared/severity-steps.js';

/**
 * A console password created or reset for an IAM user. Setting someone else's password is a
 * takeover of their console access (medium; one step higher for admin-level users); changing
 * one's own is routine (low). The password itself is never read: CloudTrail redacts it, and
 * nothing of it belongs in a finding.
 */
export default defineRule({
  id: 'iam-login-profile-changed',
  title: 'Console password set for an IAM user',
  description:
    'A console password (login profile) was created or changed for an IAM user. Doing it for another user ' +
    'gives the caller console access as that user; for admin-level users that is an account takeover path.',
  category: 'iam_user_or_key_created',
  severity: 'medium',
  events: [{ source: 'iam.amazonaws.com', names: ['CreateLoginProfile', 'UpdateLoginProfile'] }],
  references: {
    mitre: ['T1098'],
    links: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_admin-change-user.html',
      'https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateLoginProfile.html',
    ],
  },
  runbook: `## Console password set for an IAM user

**Check**
1. Who set the password and for whom (\`context.targetUser\`, \`context.self\`)? An administrator
   onboarding a user normally sets \`passwordResetRequired: true\`; a password set for someone else
   without a forced reset lets the caller keep using it.
2. Did the target user sign in afterwards, and from where?
   \`aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=<user>\`
3. Does the target user have MFA? \`aws iam list-mfa-devices --user-name <user>\`

**Fix**
- Not legitimate: remove console access (\`aws iam delete-login-profile --user-name <user>\`), or
  reset it with a forced change (\`aws iam update-login-profile --user-name <user> --password '<temporary>' --password-reset-required\`),
  and review what the creator and the target user did since.
- Restrict \`iam:CreateLoginProfile\` / \`iam:UpdateLoginProfile\` on other users to your identity
  administrators.`,
  remediation: ['iam-quarantine-principal'],
  dedupeWindowMinutes: 60,
  match(event, { state }) {
    if (!event.success) return undefined;
    const target = targetUserOf(event);
    const privilege = target.userName
      ? assessPrincipal(state, event.account, 'user', target.userName)
      : undefined;
    const admin = privilege?.level === 'admin';
    let severity: Severity = target.self ? 'low' : 'medium';
    if (admin) severity = raiseSeverity(severity);
    const verb =
      event.eventName === 'CreateLoginProfile'
        ? 'created a console password'
        : 'changed the console password';
    const whom = target.self
      ? 'for itself'
      : `for IAM user ${target.userName ?? '(unknown)'}${admin ? ' (admin-level)' : ''}`;
    return {
      severity,
      title: target.self ? 'Console password set for an IAM user' : 'Console password set for another user',
      summary: `${actorLabel(event.actor)} ${verb} ${whom} in account ${event.account}.`,
      // Never the password: the request's `password` field is deliberately not read.
      context: evidence({
        targetUser: target.userName,
        self: target.self,
        passwordResetRequired: bool(event.requestParameters, 'passwordResetRequired'),
        targetAdminLevel: admin,
        targetAdminVia: admin ? privilege?.via : undefined,
        provenance: event.actor.provenance,
      }),
      dedupe: [`user/${target.userName ?? 'unknown'}`],
    };
  },
});
