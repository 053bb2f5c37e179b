import type { ChangeEvent } from '../../events/change-event.js';
import { trailKey } from '../../state/learners/cloudtrail.js';
import { str } from '../../util/fields.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { regionalArn, whereLabel } from '../shared/resource-arn.js';
import { trailName, trailOf } from '../shared/trail.js';

const EVENT_DATA_STORE_EVENTS = new Set(['DeleteEventDataStore', 'StopEventDataStoreIngestion']);

/** The event data store a CloudTrail Lake call names (ARN, or id in the event's account and region). */
function eventDataStoreOf(event: ChangeEvent): string | undefined {
  const value = str(event.requestParameters, 'eventDataStore');
  if (!value) return undefined;
  return value.startsWith('arn:') ? value : regionalArn(event, 'cloudtrail', `eventdatastore/${value}`);
}

const ACTIONS: Readonly<Record<string, string>> = {
  StopLogging: 'stopped logging of trail',
  DeleteTrail: 'deleted trail',
  DeleteEventDataStore: 'deleted CloudTrail Lake event data store',
  StopEventDataStoreIngestion: 'stopped ingestion of CloudTrail Lake event data store',
};

/**
 * CloudTrail recording stopped: a trail stopped (`StopLogging`) or deleted (`DeleteTrail`), a
 * CloudTrail Lake event data store deleted or its ingestion stopped. Every such success is
 * critical: it blinds the account's audit log, the first thing an intruder does. The trail's
 * known configuration (multi-region, organization trail, bucket) is added as context.
 */
export default defineRule({
  id: 'cloudtrail-logging-stopped',
  title: 'CloudTrail logging stopped',
  description:
    'StopLogging, DeleteTrail, DeleteEventDataStore or StopEventDataStoreIngestion: API activity stops being recorded by a trail or a CloudTrail Lake event data store.',
  category: 'cloudtrail_tampering',
  severity: 'critical',
  events: [
    {
      source: 'cloudtrail.amazonaws.com',
      names: ['StopLogging', 'DeleteTrail', 'DeleteEventDataStore', 'StopEventDataStoreIngestion'],
    },
  ],
  references: {
    cis: ['3.1', '4.5'],
    securityHub: ['CloudTrail.1', 'CloudWatch.5'],
    mitre: ['T1562.008'],
    links: [
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-turning-off-logging.html',
      'https://attack.mitre.org/techniques/T1562/008/',
    ],
  },
  runbook: `## What to check
1. Treat it as a possible intrusion until explained: stopping the audit log is a classic first
   step. Who did it (actor, source IP, user agent, MFA), and what else did that principal do in
   the minutes before and after (\`aws cloudtrail lookup-events --lookup-attributes
   AttributeKey=Username,AttributeValue=NAME\`, event history keeps 90 days even with the trail off)?
2. Which trail or event data store, and was it the account's (or organization's) main record?
   \`aws cloudtrail describe-trails\`, \`aws cloudtrail get-trail-status --name TRAIL\`.

## How to fix
- Restart logging: \`aws cloudtrail start-logging --name TRAIL_ARN\`
- A deleted trail must be recreated (same bucket, multi-region, log file validation on):
  \`aws cloudtrail create-trail --name TRAIL --s3-bucket-name BUCKET --is-multi-region-trail --enable-log-file-validation\`
  then \`aws cloudtrail start-logging --name TRAIL\`.
- Event data store ingestion: \`aws cloudtrail start-event-data-store-ingestion --event-data-store ARN\`;
  a deleted store can be restored during its 7-day wait: \`aws cloudtrail restore-event-data-store --event-data-store ARN\`.
- Prevent it: an SCP denying \`cloudtrail:StopLogging\`, \`cloudtrail:DeleteTrail\` and
  \`cloudtrail:DeleteEventDataStore\` outside a break-glass role; prefer an organization trail.`,
  remediation: ['cloudtrail-restart-logging'],
  dedupeWindowMinutes: 30,
  match(event, { state }) {
    if (!event.success) return undefined;
    const action = ACTIONS[event.eventName] ?? event.eventName;
    const who = actorLabel(event.actor);
    if (EVENT_DATA_STORE_EVENTS.has(event.eventName)) {
      const store = eventDataStoreOf(event);
      if (!store) return undefined;
      return {
        title: 'CloudTrail Lake recording stopped',
        summary: `${who} ${action} ${store} in ${whereLabel(event)}.`,
        resources: [store],
        context: { eventDataStore: store },
        dedupe: [store],
      };
    }
    const trail = trailOf(event);
    if (!trail) return undefined;
    const known = state.get(trailKey(trail));
    const scope = known?.isOrganizationTrail
      ? 'organization '
      : known?.isMultiRegionTrail
        ? 'multi-region '
        : '';
    return {
      summary: `${who} ${action.replace('trail', `${scope}trail`)} ${trailName(trail)} in ${whereLabel(event)}.`,
      resources: [trail],
      context: { trail, ...(known && { trailConfiguration: known }) },
      dedupe: [trail],
    };
  },
});
