import { str } from '../../util/fields.js';
import { defineRule } from '../define-rule.js';
import { evidence } from '../shared/evidence.js';

/**
 * Root created an access key for itself. Root calling `CreateAccessKey` without `userName`
 * creates a key for the root user (the response then names no user); with `userName` it
 * creates one for an IAM user, which iam-access-key-created judges.
 */
export default defineRule({
  id: 'root-access-key-created',
  title: 'Access key created for the root user',
  description:
    'An access key was created for the account root user. Root access keys give unrestricted, long-lived ' +
    'programmatic access to the whole account that no IAM policy can limit; CIS 1.4 requires that none exist.',
  category: 'root_activity',
  severity: 'critical',
  events: [{ source: 'iam.amazonaws.com', names: ['CreateAccessKey'] }],
  references: {
    cis: ['1.4'],
    securityHub: ['IAM.4'],
    mitre: ['T1098.001'],
    links: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_add-key.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-4',
    ],
  },
  runbook: `## Root access key created

**Check**
1. Nobody should need a root access key. Ask the root credential owner whether they created it
   and why; no answer means compromise of the root password (and MFA, if it was used).
2. Find what the new key did: \`aws cloudtrail lookup-events --lookup-attributes AttributeKey=AccessKeyId,AttributeValue=<accessKeyId>\`.
3. Check the account summary: \`aws iam get-account-summary --query 'SummaryMap.AccountAccessKeysPresent'\`.

**Fix**
1. Sign in as root and delete the key (only root can): "Security credentials" → "Access keys" → Delete,
   or with the root key's own credentials \`aws iam delete-access-key --access-key-id <accessKeyId>\`.
2. If the creation was not planned: reset the root password, re-register root MFA, and review
   every change made by root since the key was created.
3. Prevent it: an SCP denying \`iam:CreateAccessKey\` to \`arn:aws:iam::*:root\` in member accounts,
   or centralized root access (\`aws iam enable-organizations-root-credentials-management\`).`,
  remediation: [],
  dedupeWindowMinutes: 60,
  match(event) {
    if (event.actor.type !== 'Root' || !event.success) return undefined;
    if (str(event.requestParameters, 'userName') !== undefined) return undefined;
    const accessKeyId = str(event.responseElements, 'accessKey.accessKeyId');
    return {
      summary: `root created an access key${accessKeyId ? ` (${accessKeyId})` : ''} for the root user of account ${event.account}.`,
      context: evidence({
        // Only the key id: CloudTrail never logs the secret, and trailwarden never stores one.
        accessKeyId,
        status: str(event.responseElements, 'accessKey.status'),
        mfaUsed: event.actor.mfaUsed,
        viaConsole: event.actor.viaConsole,
        sourceIp: event.actor.sourceIp,
        userAgent: event.actor.userAgent,
      }),
      dedupe: [event.actor.arn ?? 'root'],
    };
  },
});
