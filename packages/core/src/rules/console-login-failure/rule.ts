import type { ChangeEvent } from '../../events/change-event.js';
import type { Severity } from '../../findings/severity.js';
import { defineRule } from '../define-rule.js';
import {
  consoleLoginOutcome,
  mfaUsedAtSignIn,
  SIGNIN_SOURCE,
  signInUserName,
} from '../shared/console-sign-in.js';
import { evidence } from '../shared/evidence.js';

/**
 * What failures are counted by: the source IP (a password-guessing host, whichever users it
 * tries), or the user when the record has no source address.
 */
function failureSource(event: ChangeEvent): string {
  if (event.actor.sourceIp) return `ip:${event.actor.sourceIp}`;
  return `user:${event.account}/${signInUserName(event) ?? event.actor.type}`;
}

/**
 * Failed console sign-ins. A single failure is a typo until proven otherwise (low); a burst
 * from one source inside the window (settings.thresholds.consoleLoginFailures) looks like
 * password guessing (medium); any failed root sign-in is high, since someone is trying the
 * one credential no policy can limit.
 */
export default defineRule({
  id: 'console-login-failure',
  title: 'Console sign-in failed',
  description:
    'A console sign-in failed. Single failures are reported low; repeated failures from one source within ' +
    'the configured window suggest password guessing or spraying, and any failed root sign-in is reported high.',
  category: 'console_login_failure',
  severity: 'low',
  events: [{ source: SIGNIN_SOURCE, names: ['ConsoleLogin'] }],
  references: {
    cis: ['4.6'],
    securityHub: ['CloudWatch.6'],
    mitre: ['T1110'],
    links: [
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-6',
    ],
  },
  runbook: `## Console sign-in failures

**Check**
1. Which user(s) and which source? A burst from one IP against several users is password
   spraying; many failures for one user is guessing; a single failure is usually a typo.
   (CloudTrail writes \`HIDDEN_DUE_TO_SECURITY_REASONS\` when the user name does not exist.)
2. Did a success follow from the same IP?
   \`aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=ConsoleLogin --start-time <time>\`
3. Do the targeted users have MFA? \`aws iam list-mfa-devices --user-name <user>\`

**Fix**
- The AWS sign-in page cannot be firewalled, so act on the identities: find which targeted users
  exist (\`aws iam get-user --user-name <user>\`) and make sure each has MFA and a strong password.
- Users without MFA: enforce MFA; if a success followed, reset the password
  (\`aws iam update-login-profile --user-name <user> --password '<temporary>' --password-reset-required\`)
  and deactivate the user's access keys (\`aws iam update-access-key --user-name <user> --access-key-id <id> --status Inactive\`).
- Root failures: make sure root has MFA and that only the owner knows the root e-mail address.`,
  remediation: [],
  dedupeWindowMinutes: 15,
  counter(event, settings) {
    if (consoleLoginOutcome(event) !== 'failure') return undefined;
    return {
      key: `console-login-failure#${failureSource(event)}`,
      windowSeconds: settings.thresholds.consoleLoginFailures.windowMinutes * 60,
    };
  },
  match(event, { settings, count }) {
    if (consoleLoginOutcome(event) !== 'failure') return undefined;
    const threshold = settings.thresholds.consoleLoginFailures;
    const root = event.actor.type === 'Root';
    const burst = count >= threshold.count;
    const severity: Severity = root ? 'high' : burst ? 'medium' : 'low';
    const userName = root ? 'root' : signInUserName(event);
    const who = root ? 'the root user' : userName ? `IAM user ${userName}` : 'an unknown user name';
    const from = event.actor.sourceIp ? ` from ${event.actor.sourceIp}` : '';
    const tally = burst ? ` (${count} failures from this source in ${threshold.windowMinutes} min)` : '';
    return {
      severity,
      title: root
        ? 'Root console sign-in failed'
        : burst
          ? 'Repeated console sign-in failures'
          : 'Console sign-in failed',
      summary: `Console sign-in as ${who} failed in account ${event.account}${from}${tally}.`,
      context: evidence({
        userName,
        userType: event.actor.type,
        errorMessage: event.errorMessage,
        mfaUsed: mfaUsedAtSignIn(event),
        count,
        threshold: threshold.count,
        windowMinutes: threshold.windowMinutes,
        sourceIp: event.actor.sourceIp,
        userAgent: event.actor.userAgent,
      }),
      // Separate keys per level, so a burst (or a root attempt) is not folded into the open
      // low finding of the first single failure and goes unannounced.
      dedupe: [failureSource(event), root ? 'root' : burst ? 'burst' : 'single'],
    };
  },
});
