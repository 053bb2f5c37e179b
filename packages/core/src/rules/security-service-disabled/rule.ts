import type { ChangeEvent } from '../../events/change-event.js';
import { list, str } from '../../util/fields.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { regionalArn, whereLabel, withResources } from '../shared/resource-arn.js';

interface Disabled {
  readonly service: string;
  readonly action: string;
  readonly resource?: string | undefined;
  readonly context: Readonly<Record<string, unknown>>;
}

const strings = (event: ChangeEvent, path: string): string[] =>
  list(event.requestParameters, path).filter((value): value is string => typeof value === 'string');

/** What was switched off, keyed by `eventSource eventName`; undefined when nothing was. */
function judge(event: ChangeEvent): Disabled | undefined {
  const request = event.requestParameters;
  switch (`${event.eventSource} ${event.eventName}`) {
    case 'access-analyzer.amazonaws.com DeleteAnalyzer': {
      const name = str(request, 'analyzerName') ?? '(unknown analyzer)';
      return {
        service: 'IAM Access Analyzer',
        action: `deleted IAM Access Analyzer analyzer ${name}`,
        resource: regionalArn(event, 'access-analyzer', `analyzer/${name}`),
        context: { analyzerName: name },
      };
    }
    case 'macie2.amazonaws.com DisableMacie':
      return { service: 'Amazon Macie', action: 'disabled Amazon Macie', context: {} };
    case 'macie2.amazonaws.com UpdateMacieSession':
      // Only pausing stops discovery; other updates (publishing frequency) do not.
      if (str(request, 'status')?.toUpperCase() !== 'PAUSED') return undefined;
      return { service: 'Amazon Macie', action: 'paused Amazon Macie', context: { status: 'PAUSED' } };
    case 'detective.amazonaws.com DeleteGraph': {
      const graph = str(request, 'GraphArn') ?? str(request, 'graphArn');
      return {
        service: 'Amazon Detective',
        action: `deleted Amazon Detective behavior graph ${graph ?? '(unknown graph)'}`,
        resource: graph,
        context: { graphArn: graph ?? null },
      };
    }
    case 'inspector2.amazonaws.com Disable': {
      const types = strings(event, 'resourceTypes');
      const accounts = strings(event, 'accountIds');
      return {
        service: 'Amazon Inspector',
        action: `disabled Amazon Inspector scanning${types.length > 0 ? ` of ${types.join(', ')}` : ''}${
          accounts.length > 0 ? ` for accounts ${accounts.join(', ')}` : ''
        }`,
        context: { resourceTypes: types, accountIds: accounts },
      };
    }
    default:
      return undefined;
  }
}

/**
 * The other detective controls: IAM Access Analyzer (external access), Macie (sensitive
 * data), Detective (investigation graph) and Inspector (vulnerabilities). Removing one blinds
 * a whole class of findings.
 */
export default defineRule({
  id: 'security-service-disabled',
  title: 'Security service disabled',
  description:
    'An AWS security service was turned off: an IAM Access Analyzer analyzer deleted, Amazon Macie disabled or ' +
    'paused, an Amazon Detective graph deleted, or Amazon Inspector scanning disabled.',
  category: 'guardduty_or_securityhub_disabled',
  severity: 'high',
  events: [
    { source: 'access-analyzer.amazonaws.com', names: ['DeleteAnalyzer'] },
    { source: 'macie2.amazonaws.com', names: ['DisableMacie', 'UpdateMacieSession'] },
    { source: 'detective.amazonaws.com', names: ['DeleteGraph'] },
    { source: 'inspector2.amazonaws.com', names: ['Disable'] },
  ],
  references: {
    cis: ['1.20'],
    securityHub: ['IAM.28', 'Macie.1', 'Inspector.1'],
    mitre: ['T1562.001'],
    links: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/what-is-access-analyzer.html',
      'https://docs.aws.amazon.com/macie/latest/user/macie-suspend-disable.html',
      'https://docs.aws.amazon.com/detective/latest/adminguide/detective-disabling.html',
      'https://docs.aws.amazon.com/inspector/latest/user/deactivating.html',
    ],
  },
  runbook: `## Security service disabled

**What happened.** \`context.service\` was switched off in this account/region. Access Analyzer reports
resources shared outside the account, Macie finds sensitive data in S3, Detective keeps the
investigation graph, Inspector reports vulnerable workloads — each removal hides a class of risk.

**Check**
1. Was it approved (see the actor and \`provenance\`)? These services are rarely turned off on purpose.
2. Current state:
   \`aws accessanalyzer list-analyzers\`, \`aws macie2 get-macie-session\`,
   \`aws detective list-graphs\`, \`aws inspector2 batch-get-account-status\`.
3. What else the same principal changed (GuardDuty, Security Hub, CloudTrail, IAM) around this time.

**Fix**
- Access Analyzer: \`aws accessanalyzer create-analyzer --analyzer-name <name> --type ACCOUNT\` (or \`ORGANIZATION\`)
- Macie: \`aws macie2 enable-macie\` / \`aws macie2 update-macie-session --status ENABLED\`
- Detective: \`aws detective create-graph\` and re-invite members (the old graph's data is gone).
- Inspector: \`aws inspector2 enable --resource-types EC2 ECR LAMBDA\`
- Deny these calls with an SCP outside the security team's role.`,
  remediation: [],
  dedupeWindowMinutes: 60,
  match: (event) => {
    if (!event.success) return undefined;
    const disabled = judge(event);
    if (!disabled) return undefined;
    return {
      title: `${disabled.service} disabled`,
      summary: `${actorLabel(event.actor)} ${disabled.action}, in ${whereLabel(event)}.`,
      resources: withResources(event, [disabled.resource]),
      context: { service: disabled.service, ...disabled.context, provenance: event.actor.provenance },
      dedupe: [event.region, event.eventSource, event.eventName],
    };
  },
});
