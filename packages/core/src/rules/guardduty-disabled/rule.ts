import type { ChangeEvent } from '../../events/change-event.js';
import { bool, list, str } from '../../util/fields.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { regionalArn, whereLabel, withResources } from '../shared/resource-arn.js';
import { disabledFeatures } from './disabled-features.js';

/** What a GuardDuty call did to detection, when it weakened it. */
interface Weakening {
  readonly title: string;
  /** Completes "<actor> …", e.g. `deleted GuardDuty detector 12ab…`. */
  readonly action: string;
  readonly kind: string;
  readonly context: Readonly<Record<string, unknown>>;
  readonly resource?: string | undefined;
}

const accountIds = (event: ChangeEvent): string[] =>
  list(event.requestParameters, 'accountIds').filter((id): id is string => typeof id === 'string');

function judge(event: ChangeEvent, detector: string): Weakening | undefined {
  const request = event.requestParameters;
  const detectorArn = regionalArn(event, 'guardduty', `detector/${detector}`);
  switch (event.eventName) {
    case 'DeleteDetector':
      return {
        title: 'GuardDuty detector deleted',
        action: `deleted GuardDuty detector ${detector}`,
        kind: 'detector-deleted',
        context: {},
      };
    case 'UpdateDetector':
    case 'UpdateMemberDetectors': {
      const suspended = bool(request, 'enable') === false;
      const features = disabledFeatures(request);
      if (!suspended && features.length === 0) return undefined;
      const members = accountIds(event);
      const scope =
        event.eventName === 'UpdateMemberDetectors' ? ` for member accounts ${members.join(', ')}` : '';
      const parts = [
        suspended ? 'suspended GuardDuty' : undefined,
        features.length > 0 ? `turned off ${features.join(', ')}` : undefined,
      ];
      return {
        title: suspended ? 'GuardDuty detector suspended' : 'GuardDuty protection plans turned off',
        action: `${parts.filter(Boolean).join(' and ')} on detector ${detector}${scope}`,
        kind: suspended ? 'detector-suspended' : 'features-disabled',
        context: {
          suspended,
          disabledFeatures: features,
          ...(members.length > 0 && { memberAccounts: members }),
        },
      };
    }
    case 'DisassociateFromMasterAccount':
    case 'DisassociateFromAdministratorAccount':
      return {
        title: 'GuardDuty member left its administrator account',
        action: `disassociated this account's GuardDuty detector ${detector} from its administrator account`,
        kind: 'left-administrator',
        context: {},
      };
    case 'DeleteMembers':
    case 'DisassociateMembers':
    case 'StopMonitoringMembers': {
      const members = accountIds(event);
      return {
        title: 'GuardDuty stopped monitoring member accounts',
        action: `${event.eventName === 'StopMonitoringMembers' ? 'stopped monitoring' : 'removed'} GuardDuty member accounts ${members.join(', ') || '(not recorded)'}`,
        kind: 'members-removed',
        context: { memberAccounts: members },
      };
    }
    case 'CreateFilter':
    case 'UpdateFilter': {
      // Only auto-archive filters hide findings; NOOP filters are saved views. An UpdateFilter
      // without `action` keeps the filter's action, which CloudTrail does not show: no finding.
      if (str(request, 'action')?.toUpperCase() !== 'ARCHIVE') return undefined;
      const name = str(request, 'name') ?? str(request, 'filterName') ?? '(unnamed)';
      return {
        title: 'GuardDuty findings suppressed by an auto-archive filter',
        action: `${event.eventName === 'CreateFilter' ? 'created' : 'updated'} auto-archive filter "${name}" on detector ${detector}`,
        kind: `archive-filter:${name}`,
        context: { filterName: name, findingCriteria: request.findingCriteria ?? null },
        resource: `${detectorArn}/filter/${name}`,
      };
    }
    case 'CreateIPSet':
    case 'UpdateIPSet': {
      // A trusted IP list silences findings for its addresses; an inactive list does nothing.
      if (bool(request, 'activate') === false) return undefined;
      if (event.eventName === 'CreateIPSet' && bool(request, 'activate') !== true) return undefined;
      const name = str(request, 'name') ?? str(request, 'ipSetId') ?? '(unnamed)';
      return {
        title: 'GuardDuty trusted IP list changed',
        action: `${event.eventName === 'CreateIPSet' ? 'added' : 'updated'} trusted IP list "${name}" on detector ${detector} (no findings for those addresses)`,
        kind: `trusted-ip-list:${name}`,
        context: { ipSet: name, location: str(request, 'location') ?? null },
      };
    }
    default:
      return undefined;
  }
}

/**
 * GuardDuty turned off, narrowed or silenced: detector deleted or suspended, protection plans
 * disabled, the account leaving (or an administrator dropping) central monitoring, auto-archive
 * filters and trusted IP lists (both suppress findings).
 */
export default defineRule({
  id: 'guardduty-disabled',
  title: 'GuardDuty disabled or suppressed',
  description:
    'GuardDuty was deleted, suspended or narrowed (protection plans off), an account left or was removed from ' +
    'central GuardDuty monitoring, or findings were suppressed with an auto-archive filter or a trusted IP list. ' +
    'Attackers do this first so that what follows goes unseen.',
  category: 'guardduty_or_securityhub_disabled',
  severity: 'high',
  events: [
    {
      source: 'guardduty.amazonaws.com',
      names: [
        'DeleteDetector',
        'UpdateDetector',
        'UpdateMemberDetectors',
        'DisassociateFromMasterAccount',
        'DisassociateFromAdministratorAccount',
        'DeleteMembers',
        'DisassociateMembers',
        'StopMonitoringMembers',
        'CreateFilter',
        'UpdateFilter',
        'CreateIPSet',
        'UpdateIPSet',
      ],
    },
  ],
  references: {
    securityHub: ['GuardDuty.1'],
    mitre: ['T1562.001'],
    links: [
      'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_suspend-disable.html',
      'https://docs.aws.amazon.com/guardduty/latest/ug/findings_suppression-rule.html',
      'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_upload-lists.html',
    ],
  },
  runbook: `## GuardDuty disabled or suppressed

**What happened.** Threat detection was switched off or silenced in this account/region
(\`context.kind\`): detector deleted or suspended, protection plans disabled, the account detached
from (or removed by) the GuardDuty administrator, an auto-archive filter, or a trusted IP list.

**Check**
1. Was it planned and approved (see the actor and \`provenance\`)? Disabling GuardDuty is rarely routine.
2. Current state: \`aws guardduty list-detectors\`, \`aws guardduty get-detector --detector-id <id>\`
3. Suppression: \`aws guardduty list-filters --detector-id <id>\` and \`aws guardduty get-filter --detector-id <id> --filter-name <name>\`;
   trusted IP lists: \`aws guardduty list-ip-sets --detector-id <id>\`.
4. Look for what the same principal did next (CloudTrail, IAM, S3, EC2) — this is often step one.

**Fix**
- Re-enable: \`aws guardduty create-detector --enable\` or \`aws guardduty update-detector --detector-id <id> --enable\`
  (the \`guardduty-reenable\` remediation does this).
- Turn protection plans back on: \`aws guardduty update-detector --detector-id <id> --features Name=S3_DATA_EVENTS,Status=ENABLED\`
- Remove the suppression: \`aws guardduty delete-filter --detector-id <id> --filter-name <name>\` /
  \`aws guardduty delete-ip-set --detector-id <id> --ip-set-id <ip-set-id>\`
- Re-associate the member from the administrator account: \`aws guardduty create-members\` then accept the invitation.
- Prevent recurrence with an SCP denying \`guardduty:Delete*\`, \`guardduty:Disassociate*\`, \`guardduty:UpdateDetector\` outside the security role.`,
  remediation: ['guardduty-reenable'],
  dedupeWindowMinutes: 60,
  match: (event) => {
    if (!event.success) return undefined;
    const detector = str(event.requestParameters, 'detectorId') ?? '(unknown detector)';
    const weakening = judge(event, detector);
    if (!weakening) return undefined;
    const detectorArn = detector.startsWith('(')
      ? undefined
      : regionalArn(event, 'guardduty', `detector/${detector}`);
    return {
      title: weakening.title,
      summary: `${actorLabel(event.actor)} ${weakening.action}, in ${whereLabel(event)}.`,
      resources: withResources(event, [weakening.resource, detectorArn]),
      context: {
        kind: weakening.kind,
        detectorId: detector,
        ...weakening.context,
        provenance: event.actor.provenance,
      },
      dedupe: [detector, weakening.kind],
    };
  },
});
