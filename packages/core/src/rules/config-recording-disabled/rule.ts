import type { ChangeEvent } from '../../events/change-event.js';
import { configRecorderKey, deliveryChannelKey } from '../../state/learners/config.js';
import { str } from '../../util/fields.js';
import { defineRule, type RuleContext, type RuleMatch } from '../define-rule.js';
import { actorLabel, isAwsService } from '../shared/actor.js';
import { readDeliveryChannel, readRecorder, recorderNarrowing } from '../shared/config-recorder.js';
import { whereLabel } from '../shared/resource-arn.js';

/** Calls that stop or remove part of AWS Config: event name → [parameter naming the target, action, kind]. */
const REMOVALS: Readonly<Record<string, readonly [string, string, string]>> = {
  StopConfigurationRecorder: [
    'configurationRecorderName',
    'stopped configuration recorder',
    'config-recorder',
  ],
  DeleteConfigurationRecorder: [
    'configurationRecorderName',
    'deleted configuration recorder',
    'config-recorder',
  ],
  DeleteDeliveryChannel: ['deliveryChannelName', 'deleted delivery channel', 'config-delivery-channel'],
  DeleteConfigRule: ['configRuleName', 'deleted Config rule', 'config-rule'],
  DeleteConformancePack: ['conformancePackName', 'deleted conformance pack', 'conformance-pack'],
  DeleteConfigurationAggregator: [
    'configurationAggregatorName',
    'deleted configuration aggregator',
    'config-aggregator',
  ],
};

function removal(event: ChangeEvent): RuleMatch | undefined {
  const spec = REMOVALS[event.eventName];
  if (!spec) return undefined;
  const [parameter, action, kind] = spec;
  // Security Hub and conformance packs delete the Config rules they own through the service
  // itself (invokedBy); disabling Security Hub controls is judged by its own rule.
  if (event.eventName === 'DeleteConfigRule' && isAwsService(event.actor)) return undefined;
  const name = str(event.requestParameters, parameter) ?? 'default';
  return {
    summary: `${actorLabel(event.actor)} ${action} ${name} in ${whereLabel(event)}.`,
    context: { [parameter]: name },
    dedupe: [event.region, kind, name],
  };
}

function recorderChange(event: ChangeEvent, { state }: RuleContext): RuleMatch | undefined {
  const after = readRecorder(event.requestParameters);
  if (!after) return undefined;
  const before = state.get(configRecorderKey(event, after.name));
  const narrowed = recorderNarrowing(before, after);
  if (narrowed.length === 0) return undefined;
  return {
    severity: narrowed.some((n) => n.severity === 'high') ? 'high' : 'medium',
    title: 'AWS Config recording narrowed',
    summary: `${actorLabel(event.actor)} changed configuration recorder ${after.name} in ${whereLabel(event)}: it ${narrowed.map((n) => n.what).join('; ')}${before ? '' : ' (previous recorder unknown)'}.`,
    context: { recorder: after.name, narrowed, before: before ?? null, after },
    dedupe: [event.region, 'config-recorder', after.name],
  };
}

function channelChange(event: ChangeEvent, { state }: RuleContext): RuleMatch | undefined {
  const after = readDeliveryChannel(event.requestParameters);
  if (!after) return undefined;
  const before = state.get(deliveryChannelKey(event, after.name));
  if (!before?.s3BucketName || before.s3BucketName === after.s3BucketName) return undefined;
  return {
    title: 'AWS Config delivery channel redirected',
    summary: `${actorLabel(event.actor)} moved Config delivery channel ${after.name} in ${whereLabel(event)} from bucket ${before.s3BucketName} to ${after.s3BucketName ?? '(none)'}.`,
    context: { deliveryChannel: after.name, before, after },
    dedupe: [event.region, 'config-delivery-channel', after.name],
  };
}

/**
 * AWS Config recording stopped, removed or narrowed.
 *
 * Judgement:
 * - stopping or deleting the recorder, deleting the delivery channel, a Config rule (unless
 *   an AWS service deletes a rule it owns), a conformance pack or an aggregator → high;
 * - `PutConfigurationRecorder` → only when it records less than the recorder as last known (or
 *   than a full recorder, when unknown): selected types only or newly excluded types → high;
 *   global resource types dropped → high when known before, medium when unknown (AWS advises
 *   recording them in one region only); daily instead of continuous → medium. A full recorder
 *   → no finding;
 * - `PutDeliveryChannel` → high only when it moves a known channel to another bucket. A new
 *   channel, or one whose previous destination is unknown, is the normal set-up: no finding.
 */
export default defineRule({
  id: 'config-recording-disabled',
  title: 'AWS Config recording disabled',
  description:
    'AWS Config recorder stopped, deleted or narrowed, delivery channel deleted or redirected, or Config rules, conformance packs or aggregators deleted.',
  category: 'config_tampering',
  severity: 'high',
  events: [
    {
      source: 'config.amazonaws.com',
      names: [...Object.keys(REMOVALS), 'PutConfigurationRecorder', 'PutDeliveryChannel'],
    },
  ],
  references: {
    cis: ['3.5', '4.9'],
    securityHub: ['Config.1', 'CloudWatch.9'],
    mitre: ['T1562.008'],
    links: [
      'https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html',
    ],
  },
  runbook: `## What to check
1. What stopped or narrowed (\`narrowed\`, \`before\`/\`after\` in the context) and who did it?
2. Recorder state in the region:
   \`aws configservice describe-configuration-recorder-status --region REGION\`
   \`aws configservice describe-configuration-recorders --region REGION\`
   \`aws configservice describe-delivery-channels --region REGION\`
3. Was it planned (cost reduction, moving to a central recorder)? Changes to resources made
   while recording was off are not in Config's history: review CloudTrail for that window.

## How to fix
- Restart the recorder: \`aws configservice start-configuration-recorder --configuration-recorder-name default --region REGION\`
- Record everything again:
  \`aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=ROLE_ARN --recording-group allSupported=true,includeGlobalResourceTypes=true --region REGION\`
- Recreate a deleted delivery channel:
  \`aws configservice put-delivery-channel --delivery-channel name=default,s3BucketName=BUCKET --region REGION\`
- Redeploy deleted Config rules or conformance packs from their source (IaC, Security Hub
  standards, Control Tower).
- Prevent it: an SCP denying \`config:StopConfigurationRecorder\`, \`config:DeleteConfigurationRecorder\`
  and \`config:DeleteDeliveryChannel\` outside a break-glass role.`,
  remediation: ['config-restart-recorder'],
  dedupeWindowMinutes: 60,
  match(event, context) {
    if (!event.success) return undefined;
    if (event.eventName === 'PutConfigurationRecorder') return recorderChange(event, context);
    if (event.eventName === 'PutDeliveryChannel') return channelChange(event, context);
    return removal(event);
  },
});
