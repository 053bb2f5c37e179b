import type { ChangeEvent } from '../../events/change-event.js';
import { insightTypes, trailBucketKey, trailKey } from '../../state/learners/cloudtrail.js';
import { defineRule, type RuleContext } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { selectorCoverage } from '../shared/event-selectors.js';
import { whereLabel } from '../shared/resource-arn.js';
import { requestedTrailSettings, resultingTrailSettings, trailName, trailOf } from '../shared/trail.js';
import {
  insightWeakenings,
  selectorWeakenings,
  type TrailWeakening,
  updateTrailWeakenings,
} from '../shared/trail-weakening.js';

function weakeningsOf(event: ChangeEvent, trail: string, { settings, state }: RuleContext): TrailWeakening[] {
  const before = state.get(trailKey(trail));
  switch (event.eventName) {
    case 'UpdateTrail':
      return updateTrailWeakenings(
        requestedTrailSettings(event.requestParameters),
        resultingTrailSettings(event.responseElements),
        before,
        {
          account: event.account,
          allowedAccounts: settings.allowedAccounts,
          isTrailBucket: (bucket) =>
            settings.trailBuckets.includes(bucket) || state.get(trailBucketKey(bucket)) !== undefined,
        },
      );
    case 'PutEventSelectors': {
      // The response echoes the selectors as applied; the request is the fallback.
      const after = selectorCoverage(event.responseElements) ?? selectorCoverage(event.requestParameters);
      return after ? selectorWeakenings(before?.selectors, after) : [];
    }
    case 'PutInsightSelectors':
      return insightWeakenings(before?.insightTypes, insightTypes(event.requestParameters));
    default:
      return [];
  }
}

/**
 * A trail that keeps running but records less or protects its logs less.
 *
 * Judgement (see shared/trail-weakening.ts), against the trail as last learned from
 * `CreateTrail`/`UpdateTrail`/`PutEventSelectors`/`PutInsightSelectors`:
 * - `UpdateTrail`: multi-region, global service events, log file validation or organization
 *   scope turned off; destination bucket moved; SSE-KMS removed or switched to an outside
 *   account's key; CloudWatch Logs delivery removed → high. A new key in the same account, or a
 *   bucket that is not a known trail bucket when the previous one is unknown → medium;
 * - `PutEventSelectors`: management writes no longer logged → high; reads dropped, sources
 *   excluded or known data events dropped → medium;
 * - `PutInsightSelectors`: known insight types removed → high; Insights off with unknown
 *   previous selectors → medium.
 * A call that weakens nothing (e.g. an UpdateTrail that turns validation on) → no finding.
 */
export default defineRule({
  id: 'cloudtrail-trail-weakened',
  title: 'CloudTrail trail weakened',
  description:
    'UpdateTrail, PutEventSelectors or PutInsightSelectors that makes a trail log fewer regions or events, stop validating or encrypting log files, or deliver them elsewhere.',
  category: 'cloudtrail_tampering',
  severity: 'high',
  events: [
    {
      source: 'cloudtrail.amazonaws.com',
      names: ['UpdateTrail', 'PutEventSelectors', 'PutInsightSelectors'],
    },
  ],
  references: {
    cis: ['3.1', '3.2', '3.4', '3.7', '4.5'],
    securityHub: ['CloudTrail.1', 'CloudTrail.2', 'CloudTrail.4', 'CloudTrail.5', 'CloudWatch.5'],
    mitre: ['T1562.008'],
    links: [
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-update-a-trail-console.html',
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html',
      'https://stratus-red-team.cloud/attack-techniques/AWS/aws.defense-evasion.cloudtrail-event-selectors/',
    ],
  },
  runbook: `## What to check
1. What was weakened (\`weakenings\`: setting, before, after; \`previousKnown: false\` means
   trailwarden had not seen the trail's earlier configuration)?
2. The trail as it is now:
   \`aws cloudtrail describe-trails --trail-name-list TRAIL_ARN\`
   \`aws cloudtrail get-event-selectors --trail-name TRAIL_ARN\`
   \`aws cloudtrail get-insight-selectors --trail-name TRAIL_ARN\`
3. Was it a planned change (cost reduction by excluding KMS or RDS Data API events, a new log
   bucket)? A destination bucket or KMS key in another account is a strong sign of tampering:
   the logs now go where the intruder can read or delete them.

## How to fix
- Restore the settings, e.g.
  \`aws cloudtrail update-trail --name TRAIL_ARN --is-multi-region-trail --include-global-service-events --enable-log-file-validation --s3-bucket-name BUCKET --kms-key-id KEY_ARN\`
- Restore management events:
  \`aws cloudtrail put-event-selectors --trail-name TRAIL_ARN --event-selectors '[{"ReadWriteType":"All","IncludeManagementEvents":true}]'\`
- Restore Insights:
  \`aws cloudtrail put-insight-selectors --trail-name TRAIL_ARN --insight-selectors '[{"InsightType":"ApiCallRateInsight"},{"InsightType":"ApiErrorRateInsight"}]'\`
- Restore CloudWatch Logs delivery (CIS 3.4):
  \`aws cloudtrail update-trail --name TRAIL_ARN --cloud-watch-logs-log-group-arn LOG_GROUP_ARN --cloud-watch-logs-role-arn ROLE_ARN\``,
  remediation: [],
  dedupeWindowMinutes: 60,
  match(event, context) {
    if (!event.success) return undefined;
    const trail = trailOf(event);
    if (!trail) return undefined;
    const weakenings = weakeningsOf(event, trail, context);
    if (weakenings.length === 0) return undefined;
    const high = weakenings.some((w) => w.severity === 'high');
    return {
      severity: high ? 'high' : 'medium',
      summary: `${actorLabel(event.actor)} weakened trail ${trailName(trail)} in ${whereLabel(event)}: ${weakenings.map((w) => w.what).join('; ')}.`,
      resources: [trail],
      context: { trail, weakenings },
      dedupe: [trail],
    };
  },
});
