import { num, str } from '../../util/fields.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { kmsKeyArn } from '../shared/kms-key.js';
import { whereLabel, withResources } from '../shared/resource-arn.js';

/** KMS' minimum waiting period: the shortest time left to notice and cancel a deletion. */
const MIN_PENDING_DAYS = 7;

/**
 * A customer managed key disabled or scheduled for deletion (CIS 4.7, KMS.3). Everything
 * encrypted with it becomes unreadable — immediately when disabled, for good when the waiting
 * period ends. The waiting period (7–30 days) is reported because it is the time left to cancel.
 */
export default defineRule({
  id: 'kms-key-disabled-or-deleted',
  title: 'KMS key disabled or scheduled for deletion',
  description:
    'A KMS key was disabled or scheduled for deletion. Data encrypted under it cannot be decrypted while it is ' +
    'disabled, and is lost for good once a scheduled deletion completes.',
  category: 'kms_key_disable_or_deletion',
  severity: 'high',
  events: [{ source: 'kms.amazonaws.com', names: ['DisableKey', 'ScheduleKeyDeletion'] }],
  references: {
    cis: ['4.7'],
    securityHub: ['CloudWatch.7', 'KMS.3'],
    mitre: ['T1485'],
    links: [
      'https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html',
      'https://docs.aws.amazon.com/kms/latest/developerguide/enabling-keys.html',
    ],
  },
  runbook: `## KMS key disabled or scheduled for deletion

**What happened.** A KMS key (\`context.keyArn\`) was disabled, or scheduled for deletion after
\`context.pendingWindowInDays\` days (\`context.deletionDate\`). Deletion is irreversible once it completes.

**Check**
1. Was it planned (key retirement ticket, deploy pipeline — see the actor and \`provenance\`)?
2. What still uses the key: CloudTrail \`Decrypt\`/\`GenerateDataKey\` events for the key in the last
   90 days, and \`aws kms list-grants --key-id <key-arn>\`, \`aws kms list-aliases --key-id <key-arn>\`.
3. Key state now: \`aws kms describe-key --key-id <key-arn>\`

**Fix**
- Cancel a scheduled deletion (the key comes back **disabled**), then enable it:
  \`aws kms cancel-key-deletion --key-id <key-arn>\` and \`aws kms enable-key --key-id <key-arn>\`
  (remediations \`kms-cancel-key-deletion\`, \`kms-enable-key\`).
- Re-enable a disabled key: \`aws kms enable-key --key-id <key-arn>\`
- Guard with an SCP or key policy that denies \`kms:ScheduleKeyDeletion\` / \`kms:DisableKey\` outside a key-admin role.`,
  remediation: ['kms-cancel-key-deletion', 'kms-enable-key'],
  dedupeWindowMinutes: 60,
  match: (event) => {
    if (!event.success) return undefined;
    const key = kmsKeyArn(event);
    if (event.eventName === 'DisableKey') {
      return {
        title: 'KMS key disabled',
        summary: `${actorLabel(event.actor)} disabled KMS key ${key ?? '(unknown key)'} in ${whereLabel(event)}; data encrypted with it cannot be decrypted until it is enabled again.`,
        resources: withResources(event, [key]),
        context: { keyArn: key, keyState: 'Disabled', provenance: event.actor.provenance },
        dedupe: [key ?? '', 'disabled'],
      };
    }
    const days =
      num(event.responseElements, 'pendingWindowInDays') ??
      num(event.requestParameters, 'pendingWindowInDays') ??
      30;
    const deletionDate = str(event.responseElements, 'deletionDate');
    const urgency = days <= MIN_PENDING_DAYS ? ' (the shortest waiting period KMS allows)' : '';
    return {
      title: 'KMS key scheduled for deletion',
      summary:
        `${actorLabel(event.actor)} scheduled KMS key ${key ?? '(unknown key)'} for deletion in ${days} days${urgency}` +
        `${deletionDate ? `, on ${deletionDate}` : ''}, in ${whereLabel(event)}.`,
      resources: withResources(event, [key]),
      context: {
        keyArn: key,
        pendingWindowInDays: days,
        ...(deletionDate !== undefined && { deletionDate }),
        keyState: 'PendingDeletion',
        provenance: event.actor.provenance,
      },
      dedupe: [key ?? '', 'deletion'],
    };
  },
});
