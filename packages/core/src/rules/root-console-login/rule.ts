import { str } from '../../util/fields.js';
import { defineRule } from '../define-rule.js';
import { consoleLoginOutcome, mfaUsedAtSignIn, SIGNIN_SOURCE } from '../shared/console-sign-in.js';
import { evidence } from '../shared/evidence.js';

/**
 * A successful console sign-in by the root user. Failed root sign-ins belong to
 * console-login-failure (they are attempts, not access); a root sign-in without MFA is the
 * worst case of CIS 4.3 because the root user cannot be limited by any policy but an SCP.
 */
export default defineRule({
  id: 'root-console-login',
  title: 'Root user signed in to the console',
  description:
    'The account root user signed in to the AWS Management Console. Root can do anything in the account, ' +
    'including closing it and changing its contact details, and daily work should never need it; a root ' +
    'sign-in without MFA means the password alone protects the whole account.',
  category: 'root_activity',
  severity: 'high',
  events: [{ source: SIGNIN_SOURCE, names: ['ConsoleLogin'] }],
  references: {
    cis: ['4.3'],
    securityHub: ['CloudWatch.1'],
    mitre: ['T1078.004'],
    links: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html',
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-1',
    ],
  },
  runbook: `## Root user console sign-in

**Check**
1. Ask the account owner whether a root-only task was planned (changing the support plan, closing
   the account, restoring an S3 bucket policy that denies everyone, …). No plan means treat it as
   a compromise.
2. Look at \`sourceIPAddress\`, \`userAgent\` and \`additionalEventData.MFAUsed\` in the finding's
   evidence. A sign-in without MFA or from an unknown network is an incident.
3. List what the root session did afterwards:
   \`aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=root --start-time <time>\`

**Fix**
- Unexpected sign-in: reset the root password (sign-in page, "Forgot password"), re-register the
  root MFA device, review IAM users, roles and access keys created since the sign-in, and check
  that no root access key exists: \`aws iam get-account-summary --query 'SummaryMap.AccountAccessKeysPresent'\`.
- No MFA on root: enable it now (IAM console, "Security credentials" as root) and verify with
  \`aws iam get-account-summary --query 'SummaryMap.AccountMFAEnabled'\`.
- In an organization, consider centralized root access (\`aws organizations enable-aws-service-access --service-principal iam.amazonaws.com\`
  then \`aws iam enable-organizations-root-credentials-management\`) so member accounts have no root password.`,
  remediation: [],
  dedupeWindowMinutes: 60,
  match(event) {
    if (event.actor.type !== 'Root' || consoleLoginOutcome(event) !== 'success') return undefined;
    const mfa = mfaUsedAtSignIn(event);
    const from = event.actor.sourceIp ? ` from ${event.actor.sourceIp}` : '';
    return {
      severity: mfa ? 'high' : 'critical',
      title: mfa ? 'Root user signed in to the console' : 'Root user signed in to the console without MFA',
      summary: `root signed in to the AWS console of account ${event.account}${from} ${mfa ? 'with' : 'without'} MFA.`,
      context: evidence({
        mfaUsed: mfa,
        mfaIdentifier: str(event.additionalEventData, 'MFAIdentifier'),
        sourceIp: event.actor.sourceIp,
        userAgent: event.actor.userAgent,
      }),
      dedupe: [event.actor.arn ?? 'root', event.actor.sourceIp ?? 'unknown-source'],
    };
  },
});
