import { assessPrincipal } from '../../state/iam-state.js';
import { defineRule } from '../define-rule.js';
import { consoleLoginOutcome, mfaUsedAtSignIn, SIGNIN_SOURCE } from '../shared/console-sign-in.js';
import { evidence } from '../shared/evidence.js';

/**
 * An IAM user signed in to the console with a password only. Only `IAMUser` sign-ins are
 * judged: Identity Center (`AWSReservedSSO_*` roles, `IdentityCenterUser`), SAML and other
 * federated sessions authenticate at the identity provider, which enforces MFA, and their
 * `MFAUsed` is always "No"; root is root-console-login's (critical without MFA).
 */
export default defineRule({
  id: 'console-login-without-mfa',
  title: 'Console sign-in without MFA',
  description:
    'An IAM user signed in to the AWS console without multi-factor authentication, so a leaked or guessed ' +
    'password is enough to act as that user. Admin-level users signing in without MFA are reported higher.',
  category: 'console_login_without_mfa',
  severity: 'medium',
  events: [{ source: SIGNIN_SOURCE, names: ['ConsoleLogin'] }],
  references: {
    cis: ['4.2', '1.10'],
    securityHub: ['CloudWatch.3', 'IAM.5'],
    mitre: ['T1078.004'],
    links: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-3',
    ],
  },
  runbook: `## Console sign-in without MFA

**Check**
1. Is the sign-in expected (user, source IP, browser in the finding)? If not, treat the password as
   compromised.
2. Does the user have an MFA device at all? \`aws iam list-mfa-devices --user-name <user>\`
3. Does the user need console access? \`aws iam get-login-profile --user-name <user>\`

**Fix**
- Require MFA: have the user register a device (\`aws iam create-virtual-mfa-device\` +
  \`aws iam enable-mfa-device\`, or the console), and attach a policy that denies everything
  without \`aws:MultiFactorAuthPresent\` except MFA self-management.
- If the sign-in was not the user: reset the password (\`aws iam update-login-profile --user-name <user> --password-reset-required\`
  with a new temporary password), deactivate their access keys (\`aws iam update-access-key --status Inactive\`)
  and review their recent activity.
- Better: move people to IAM Identity Center and delete IAM user passwords
  (\`aws iam delete-login-profile --user-name <user>\`).`,
  remediation: ['iam-quarantine-principal'],
  dedupeWindowMinutes: 1440,
  match(event, { state }) {
    if (event.actor.type !== 'IAMUser') return undefined;
    if (consoleLoginOutcome(event) !== 'success' || mfaUsedAtSignIn(event)) return undefined;
    const userName = event.actor.userName;
    const privilege = userName ? assessPrincipal(state, event.account, 'user', userName) : undefined;
    const admin = privilege?.level === 'admin';
    const who = userName ? `IAM user ${userName}` : (event.actor.arn ?? 'an IAM user');
    const from = event.actor.sourceIp ? ` from ${event.actor.sourceIp}` : '';
    return {
      severity: admin ? 'high' : 'medium',
      title: admin ? 'Admin-level user signed in without MFA' : 'Console sign-in without MFA',
      summary: `${who}${admin ? ' (admin-level)' : ''} signed in to the console of account ${event.account}${from} without MFA.`,
      context: evidence({
        userName,
        mfaUsed: false,
        adminLevel: admin,
        adminVia: admin ? privilege?.via : undefined,
        sourceIp: event.actor.sourceIp,
        userAgent: event.actor.userAgent,
      }),
      dedupe: [event.actor.arn ?? userName ?? event.actor.principalId ?? 'unknown-user'],
    };
  },
});
