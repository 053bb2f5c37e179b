import type { ChangeEvent } from '../../events/change-event.js';
import { items, list, str } from '../../util/fields.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { regionalArn, whereLabel, withResources } from '../shared/resource-arn.js';

/**
 * Flow log ids of a `DeleteFlowLogs` request. CloudTrail logs EC2's query form:
 * `DeleteFlowLogsRequest.FlowLogId` is `{ content: "fl-…", tag: 1 }` for one id and a list of
 * those for several; older records use `flowLogIds` (`{ items: [...] }` or plain strings).
 */
function requestedFlowLogs(event: ChangeEvent): string[] {
  const request = event.requestParameters;
  const fromQuery = list(request, 'DeleteFlowLogsRequest.FlowLogId').flatMap((entry) => {
    if (typeof entry === 'string') return [entry];
    const bag = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>) : undefined;
    return list(bag, 'content').filter((id): id is string => typeof id === 'string');
  });
  const legacy = [
    ...list(request, 'flowLogIds').filter((id): id is string => typeof id === 'string'),
    ...items(request, 'flowLogIds').flatMap((entry) => str(entry, 'flowLogId') ?? []),
  ];
  return [...new Set([...fromQuery, ...legacy])];
}

/** Ids the response reports as not deleted (`unsuccessful.items[].resourceId`; `""` when none). */
function failedFlowLogs(event: ChangeEvent): Set<string> {
  const failed = [
    ...items(event.responseElements, 'DeleteFlowLogsResponse.unsuccessful'),
    ...items(event.responseElements, 'unsuccessful'),
  ];
  return new Set(failed.flatMap((entry) => str(entry, 'resourceId') ?? []));
}

/** `DeleteFlowLogs` removes the network evidence of a VPC, subnet or interface (CIS 4.x network monitoring, T1562.008). */
export default defineRule({
  id: 'flow-logs-deleted',
  title: 'VPC flow logs deleted',
  description:
    'VPC flow logs were deleted. Flow logs are the record of who talked to what inside and out of a VPC; deleting ' +
    'them is a classic step before exfiltration or lateral movement. A call whose every id failed produces no finding.',
  category: 'network_change',
  severity: 'high',
  events: [{ source: 'ec2.amazonaws.com', names: ['DeleteFlowLogs'] }],
  references: {
    cis: ['3.9'],
    securityHub: ['EC2.6'],
    mitre: ['T1562.008'],
    links: [
      'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-6',
    ],
  },
  runbook: `## VPC flow logs deleted

**What happened.** One or more VPC flow logs (\`context.flowLogIds\`) were deleted, so traffic of the
VPC, subnet or network interface they covered is no longer recorded.

**Check**
1. Was it planned (decommissioned VPC, a replacement flow log, deploy pipeline — see \`provenance\`)?
2. What is still logged: \`aws ec2 describe-flow-logs --filter Name=resource-id,Values=<vpc-id>\`
3. What else the same principal did around this time (security groups, routes, CloudTrail, GuardDuty):
   \`aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=<name>\`

**Fix**
- Re-create the flow log (CIS: at least REJECT traffic; ALL is better):
  \`aws ec2 create-flow-logs --resource-type VPC --resource-ids <vpc-id> --traffic-type ALL --log-destination-type s3 --log-destination arn:aws:s3:::<bucket>\`
- Restrict \`ec2:DeleteFlowLogs\` with an SCP to your network administration role.`,
  remediation: [],
  dedupeWindowMinutes: 60,
  match: (event) => {
    if (!event.success) return undefined;
    const requested = requestedFlowLogs(event);
    const failed = failedFlowLogs(event);
    const deleted = requested.filter((id) => !failed.has(id));
    // Every requested id failed: nothing was deleted.
    if (requested.length > 0 && deleted.length === 0) return undefined;
    const ids = deleted.length > 0 ? deleted.join(', ') : '(ids not recorded)';
    return {
      summary: `${actorLabel(event.actor)} deleted VPC flow logs ${ids} in ${whereLabel(event)}.`,
      resources: withResources(
        event,
        deleted.map((id) => regionalArn(event, 'ec2', `vpc-flow-log/${id}`)),
      ),
      context: {
        flowLogIds: deleted,
        ...(failed.size > 0 && { notDeleted: [...failed] }),
        provenance: event.actor.provenance,
      },
      dedupe: [deleted.join(',') || event.eventId],
    };
  },
});
