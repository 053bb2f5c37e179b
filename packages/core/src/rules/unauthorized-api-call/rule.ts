import type { ChangeEvent } from '../../events/change-event.js';
import { defineRule } from '../define-rule.js';
import { actorLabel, isAwsService } from '../shared/actor.js';
import { evidence } from '../shared/evidence.js';

/**
 * The CIS 4.1 error codes: `AccessDenied*` (S3's `AccessDenied`, most services'
 * `AccessDeniedException`), `*UnauthorizedOperation` (EC2's `UnauthorizedOperation` and
 * `Client.UnauthorizedOperation`) and `UnauthorizedAccess`.
 */
export function isUnauthorizedErrorCode(code: string): boolean {
  return (
    code.startsWith('AccessDenied') || code.endsWith('UnauthorizedOperation') || code === 'UnauthorizedAccess'
  );
}

/**
 * True when the record is a denied call worth counting. Ordered for the hot path: this runs
 * (twice, counter and match) on every CloudTrail record, and almost all of them succeed.
 */
function deniedCall(event: ChangeEvent): boolean {
  if (event.success) return false;
  const code = event.errorCode;
  if (code === undefined || !isUnauthorizedErrorCode(code)) return false;
  // AWS services probing on a principal's behalf get denied routinely; not the principal's doing.
  return !isAwsService(event.actor);
}

/** Who is counted: the caller's ARN, else its principal id, else its source address. */
function actorKey(event: ChangeEvent): string {
  const actor = event.actor;
  return actor.arn ?? actor.principalId ?? `${actor.type}@${actor.sourceIp ?? 'unknown'}`;
}

/**
 * Calls denied for lack of permission (CIS 4.1). One denial is informational (people and tools
 * hit missing permissions every day); N denials by the same principal inside the window
 * (settings.thresholds.unauthorizedApiCalls) look like enumeration with stolen credentials or
 * a broken deployment, and are medium.
 */
export default defineRule({
  id: 'unauthorized-api-call',
  title: 'Unauthorized API call',
  description:
    'An API call was denied for lack of permission. Single denials are informational; a burst of denials by ' +
    'the same principal within the configured window suggests reconnaissance with stolen credentials.',
  category: 'unauthorized_api_call',
  severity: 'info',
  events: '*',
  eventPatternDetail: {
    errorCode: [{ prefix: 'AccessDenied' }, { suffix: 'UnauthorizedOperation' }, 'UnauthorizedAccess'],
  },
  references: {
    cis: ['4.1'],
    securityHub: ['CloudWatch.2'],
    mitre: ['T1526', 'T1580'],
    links: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-2',
    ],
  },
  runbook: `## Unauthorized API calls

**Check**
1. Which principal (\`actor\`), which actions (\`context.action\`), how many (\`context.count\` in
   \`context.windowMinutes\`)? Many different read actions across services in a short time is
   enumeration; the same action over and over is usually a misconfigured tool or pipeline.
2. Is the source expected? Compare \`sourceIPAddress\` and \`userAgent\` with the principal's usual
   ones: \`aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=<name>\`
3. Why was it denied? The \`errorMessage\` names the policy type (identity, SCP, boundary, resource
   policy). \`aws iam simulate-principal-policy --policy-source-arn <arn> --action-names <action>\`
   reproduces identity-policy decisions.

**Fix**
- Unknown source or unexpected enumeration: treat the credentials as compromised. Deactivate
  keys (\`aws iam update-access-key --status Inactive\`), revoke role sessions (attach
  \`AWSRevokeOlderSessions\` from the IAM console "Revoke sessions"), and review successful calls
  by the same principal.
- A tool missing a permission: grant exactly the denied action on the needed resource, nothing wider.`,
  remediation: ['iam-quarantine-principal'],
  dedupeWindowMinutes: 60,
  counter(event, settings) {
    if (!deniedCall(event)) return undefined;
    return {
      key: `unauthorized-api-call#${actorKey(event)}`,
      windowSeconds: settings.thresholds.unauthorizedApiCalls.windowMinutes * 60,
    };
  },
  match(event, { settings, count }) {
    if (!deniedCall(event)) return undefined;
    const threshold = settings.thresholds.unauthorizedApiCalls;
    const burst = count >= threshold.count;
    const action = `${event.eventSource.replace(/\.amazonaws\.com$/, '')}:${event.eventName}`;
    const tally = burst ? ` (${count} denied calls in ${threshold.windowMinutes} min)` : '';
    return {
      severity: burst ? 'medium' : 'info',
      title: burst ? 'Repeated unauthorized API calls' : 'Unauthorized API call',
      summary: `${actorLabel(event.actor)} was denied ${action} in account ${event.account} (${event.region})${tally}.`,
      context: evidence({
        action,
        errorCode: event.errorCode,
        errorMessage: event.errorMessage,
        count,
        threshold: threshold.count,
        windowMinutes: threshold.windowMinutes,
        sourceIp: event.actor.sourceIp,
        userAgent: event.actor.userAgent,
      }),
      // A burst gets its own key, so it is announced instead of counting on the open info finding.
      dedupe: [actorKey(event), burst ? 'burst' : 'single'],
    };
  },
});
