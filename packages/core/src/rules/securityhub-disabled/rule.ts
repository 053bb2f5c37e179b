import type { ChangeEvent } from '../../events/change-event.js';
import type { Severity } from '../../findings/severity.js';
import { field, str } from '../../util/fields.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { regionalArn, whereLabel, withResources } from '../shared/resource-arn.js';

type Bag = Readonly<Record<string, unknown>>;

const asBag = (value: unknown): Bag | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Bag) : undefined;

/**
 * Reads a dotted path of Security Hub members. Security Hub logs its REST members in
 * PascalCase (`StandardsSubscriptionArns`); each segment also accepts camelCase.
 */
function read(bag: Bag | undefined, path: string): unknown {
  let current: unknown = bag;
  for (const name of path.split('.')) {
    const holder = asBag(current);
    current = field(holder, name) ?? field(holder, name.charAt(0).toLowerCase() + name.slice(1));
  }
  return current;
}
const asList = (value: unknown): readonly unknown[] =>
  Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
const strings = (value: unknown): string[] =>
  asList(value).filter((item): item is string => typeof item === 'string');
const upper = (value: unknown): string => (typeof value === 'string' ? value.toUpperCase() : '');

interface Weakening {
  readonly title: string;
  readonly action: string;
  readonly kind: string;
  readonly severity?: Severity;
  readonly context: Readonly<Record<string, unknown>>;
  readonly resources: readonly string[];
}

/** True when automation-rule actions set a finding's workflow status to SUPPRESSED. */
function suppresses(actions: unknown): boolean {
  return asList(actions).some(
    (action) => upper(read(asBag(action), 'FindingFieldsUpdate.Workflow.Status')) === 'SUPPRESSED',
  );
}

function judge(event: ChangeEvent): Weakening | undefined {
  const request = event.requestParameters;
  switch (event.eventName) {
    case 'DisableSecurityHub':
      return {
        title: 'Security Hub disabled',
        action: 'disabled Security Hub',
        kind: 'hub-disabled',
        context: {},
        resources: [],
      };
    case 'BatchDisableStandards': {
      const arns = strings(read(request, 'StandardsSubscriptionArns'));
      const names = arns.map((arn) => arn.split(':subscription/').at(-1) ?? arn);
      return {
        title: 'Security Hub standards disabled',
        action: `disabled Security Hub standards ${names.join(', ') || '(not recorded)'}`,
        kind: 'standards-disabled',
        context: { standardsSubscriptionArns: arns },
        resources: arns,
      };
    }
    case 'DisableImportFindingsForProduct': {
      const arn = str(request, 'ProductSubscriptionArn') ?? str(request, 'productSubscriptionArn');
      return {
        title: 'Security Hub stopped importing findings from a product',
        action: `stopped Security Hub importing findings from ${arn?.split('/').slice(-2).join('/') ?? 'a product'}`,
        kind: 'product-import-disabled',
        context: { productSubscriptionArn: arn ?? null },
        resources: arn ? [arn] : [],
      };
    }
    case 'UpdateStandardsControl': {
      if (upper(read(request, 'ControlStatus')) !== 'DISABLED') return undefined;
      const arn = strings(read(request, 'StandardsControlArn'))[0];
      const control = arn?.split('/').at(-1) ?? '(unknown control)';
      return {
        title: 'Security Hub control disabled',
        action: `disabled Security Hub control ${control} (reason: ${String(read(request, 'DisabledReason') ?? 'none given')})`,
        kind: `control-disabled:${control}`,
        severity: 'medium',
        context: {
          standardsControlArn: arn ?? null,
          disabledReason: read(request, 'DisabledReason') ?? null,
        },
        resources: arn ? [arn] : [],
      };
    }
    case 'BatchUpdateStandardsControlAssociations': {
      const disabled = asList(read(request, 'StandardsControlAssociationUpdates'))
        .map(asBag)
        .filter((update) => upper(read(update, 'AssociationStatus')) === 'DISABLED')
        .map((update) => String(read(update, 'SecurityControlId') ?? '?'));
      if (disabled.length === 0) return undefined;
      return {
        title: 'Security Hub controls disabled',
        action: `disabled Security Hub controls ${disabled.join(', ')}`,
        kind: `controls-disabled:${disabled.join(',')}`,
        severity: 'medium',
        context: { securityControlIds: disabled },
        resources: [],
      };
    }
    case 'CreateAutomationRule':
    case 'BatchUpdateAutomationRules': {
      const rules =
        event.eventName === 'CreateAutomationRule'
          ? [request]
          : asList(read(request, 'UpdateAutomationRulesRequestItems')).map((item) => asBag(item) ?? {});
      const suppressing = rules.filter(
        (rule) => upper(read(rule, 'RuleStatus')) !== 'DISABLED' && suppresses(read(rule, 'Actions')),
      );
      if (suppressing.length === 0) return undefined;
      const names = suppressing.map((rule) =>
        String(read(rule, 'RuleName') ?? read(rule, 'RuleArn') ?? '(unnamed)'),
      );
      return {
        title: 'Security Hub findings suppressed by an automation rule',
        action: `${event.eventName === 'CreateAutomationRule' ? 'created' : 'updated'} automation rule ${names.join(', ')} that suppresses findings`,
        kind: `automation-suppression:${names.join(',')}`,
        context: {
          automationRules: names,
          criteria: suppressing.map((rule) => read(rule, 'Criteria') ?? null),
        },
        resources: strings(read(event.responseElements, 'RuleArn')),
      };
    }
    case 'DisassociateFromAdministratorAccount':
    case 'DisassociateFromMasterAccount':
      return {
        title: 'Security Hub member left its administrator account',
        action: 'disassociated this account from its Security Hub administrator account',
        kind: 'left-administrator',
        context: {},
        resources: [],
      };
    case 'DeleteMembers':
    case 'DisassociateMembers': {
      const members = strings(read(request, 'AccountIds'));
      return {
        title: 'Security Hub member accounts removed',
        action: `removed Security Hub member accounts ${members.join(', ') || '(not recorded)'}`,
        kind: 'members-removed',
        context: { memberAccounts: members },
        resources: [],
      };
    }
    default:
      return undefined;
  }
}

/**
 * Security Hub switched off, narrowed or silenced. Whole-service, standards and product-import
 * changes are high; disabling individual controls is medium (a common, sometimes justified
 * tuning step, but still lost coverage); automation rules that set findings to SUPPRESSED are
 * high, like GuardDuty's auto-archive filters.
 */
export default defineRule({
  id: 'securityhub-disabled',
  title: 'Security Hub disabled or suppressed',
  description:
    'Security Hub was disabled, standards or controls were turned off, a product integration stopped importing ' +
    'findings, an account left central aggregation, or an automation rule now suppresses findings.',
  category: 'guardduty_or_securityhub_disabled',
  severity: 'high',
  events: [
    {
      source: 'securityhub.amazonaws.com',
      names: [
        'DisableSecurityHub',
        'DisableImportFindingsForProduct',
        'BatchDisableStandards',
        'UpdateStandardsControl',
        'BatchUpdateStandardsControlAssociations',
        'CreateAutomationRule',
        'BatchUpdateAutomationRules',
        'DisassociateFromAdministratorAccount',
        'DisassociateFromMasterAccount',
        'DeleteMembers',
        'DisassociateMembers',
      ],
    },
  ],
  references: {
    securityHub: ['SecurityHub.1'],
    mitre: ['T1562.001'],
    links: [
      'https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-disable.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/automation-rules.html',
    ],
  },
  runbook: `## Security Hub disabled or suppressed

**What happened.** Security Hub coverage was removed or silenced (\`context.kind\`): the service
disabled, standards or controls turned off, a product's findings no longer imported, the account
detached from (or removed by) the administrator, or an automation rule that suppresses findings.

**Check**
1. Was it approved (see the actor and \`provenance\`)? Turning off controls should come with a documented reason.
2. Current state: \`aws securityhub describe-hub\`, \`aws securityhub get-enabled-standards\`,
   \`aws securityhub list-enabled-products-for-import\`, \`aws securityhub list-automation-rules\`.
3. Which findings the automation rule's \`Criteria\` would hide (\`context.criteria\`), and whether
   the same principal changed GuardDuty, CloudTrail or Config too.

**Fix**
- Re-enable: \`aws securityhub enable-security-hub --enable-default-standards\` (the \`securityhub-reenable\` remediation).
- Standards: \`aws securityhub batch-enable-standards --standards-subscription-requests StandardsArn=<arn>\`
- Controls: \`aws securityhub update-standards-control --standards-control-arn <arn> --control-status ENABLED\`
- Product import: \`aws securityhub enable-import-findings-for-product --product-arn <arn>\`
- Automation rule: \`aws securityhub batch-delete-automation-rules --automation-rules-arns <arn>\`
- Protect with an SCP denying \`securityhub:Disable*\`, \`securityhub:BatchDisableStandards\`, \`securityhub:Disassociate*\` outside the security role.`,
  remediation: ['securityhub-reenable'],
  dedupeWindowMinutes: 60,
  match: (event) => {
    if (!event.success) return undefined;
    const weakening = judge(event);
    if (!weakening) return undefined;
    return {
      ...(weakening.severity !== undefined && { severity: weakening.severity }),
      title: weakening.title,
      summary: `${actorLabel(event.actor)} ${weakening.action}, in ${whereLabel(event)}.`,
      // The hub ARN keeps every finding of this rule indexed under the account's hub.
      resources: withResources(event, [
        ...weakening.resources,
        regionalArn(event, 'securityhub', 'hub/default'),
      ]),
      context: { kind: weakening.kind, ...weakening.context, provenance: event.actor.provenance },
      dedupe: [event.region, weakening.kind],
    };
  },
});
