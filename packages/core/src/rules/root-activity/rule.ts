import { defineRule } from '../define-rule.js';
import { SIGNIN_SOURCE } from '../shared/console-sign-in.js';
import { evidence } from '../shared/evidence.js';

/**
 * Sign-in steps whose outcome the `ConsoleLogin` record reports: root-console-login judges
 * the success, console-login-failure the failure. Password recovery stays in: a root password
 * reset is root activity worth a look.
 */
const SIGN_IN_STEPS: ReadonlySet<string> = new Set([
  'ConsoleLogin',
  'CheckMfa',
  'CredentialChallenge',
  'CredentialVerification',
]);

/**
 * Any call made with root credentials, as the CIS 4.3 metric filter defines it
 * (`userIdentity.type = Root`, no `invokedBy`, not an `AwsServiceEvent`), minus the events
 * that have a root rule of their own. Failed calls count too: an access-denied root call
 * still proves someone holds the root credentials.
 */
export default defineRule({
  id: 'root-activity',
  title: 'Root user activity',
  description:
    'An API or console action was made with the root user credentials. Root usage should be limited to the ' +
    'few tasks only root can do; any other use, read-only or not, suggests shared or stolen root credentials.',
  category: 'root_activity',
  severity: 'high',
  events: '*',
  eventPatternDetail: { userIdentity: { type: ['Root'], invokedBy: [{ exists: false }] } },
  references: {
    cis: ['4.3'],
    securityHub: ['CloudWatch.1'],
    mitre: ['T1078.004'],
    links: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-tasks.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-1',
    ],
  },
  runbook: `## Root user activity

**Check**
1. Is this one of the tasks that require root (see the AWS list "Tasks that require root user
   credentials")? If not, nobody should have used root.
2. Who holds the root credentials, and was this change announced? Compare \`sourceIPAddress\` and
   \`userAgent\` with the owner's usual network and browser.
3. Read everything the root session did:
   \`aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=root --start-time <time>\`
   A root access key in use (\`userIdentity.accessKeyId\` starting with \`AKIA\`) is worse than a console session.

**Fix**
- Unplanned use: rotate the root password, re-register root MFA, delete any root access keys
  (as root: \`aws iam list-access-keys\` then \`aws iam delete-access-key --access-key-id <id>\`),
  and undo changes the session made.
- Planned use: record the reason on the finding and resolve it; move the recurring task to an
  IAM role so root is not needed next time.`,
  remediation: [],
  dedupeWindowMinutes: 60,
  match(event) {
    const actor = event.actor;
    // Cheap checks first: this rule sees every record.
    if (actor.type !== 'Root') return undefined;
    if (actor.invokedBy !== undefined || event.eventType === 'AwsServiceEvent') return undefined;
    if (event.eventName === 'CreateServiceLinkedRole') return undefined;
    if (event.eventSource === SIGNIN_SOURCE && SIGN_IN_STEPS.has(event.eventName)) return undefined;
    // A created key is root-access-key-created's (root's own) or iam-access-key-created's (a user's).
    if (event.eventSource === 'iam.amazonaws.com' && event.eventName === 'CreateAccessKey' && event.success) {
      return undefined;
    }
    const readOnly = event.readOnly === true;
    const service = event.eventSource.replace(/\.amazonaws\.com$/, '');
    const outcome = event.success ? '' : ` (failed: ${event.errorCode ?? event.errorMessage ?? 'error'})`;
    return {
      severity: readOnly ? 'medium' : 'high',
      title: readOnly ? 'Root user read-only activity' : 'Root user activity',
      summary: `root called ${service}:${event.eventName} in account ${event.account} (${event.region})${outcome}.`,
      context: evidence({
        action: `${service}:${event.eventName}`,
        readOnly: event.readOnly,
        success: event.success,
        errorCode: event.errorCode,
        viaConsole: actor.viaConsole,
        mfaUsed: actor.mfaUsed,
        sourceIp: actor.sourceIp,
        userAgent: actor.userAgent,
      }),
      // One finding per changing call name, one per service for reads, so that a root console
      // session browsing dozens of Describe/List calls does not flood the channel.
      dedupe: readOnly ? [event.eventSource, 'read-only'] : [event.eventSource, event.eventName],
    };
  },
});
