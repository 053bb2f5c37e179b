import { defineRule } from '../define-rule.js';
import { whereLabel } from '../shared/resource-arn.js';
import { complianceDedupeParts } from './dedupe.js';
import { managedRuleFor } from './managed-rules.js';

/**
 * AWS Config found a resource NON_COMPLIANT. Severity and title come from the managed rule the
 * Config rule name refers to (managed-rules.ts); unknown and custom rules are medium. Only
 * NON_COMPLIANT results produce a finding: COMPLIANT resolves the open finding in the store,
 * NOT_APPLICABLE and INSUFFICIENT_DATA say nothing about risk.
 */
export default defineRule({
  id: 'config-rule-noncompliant',
  title: 'AWS Config rule reports a non-compliant resource',
  description:
    'An AWS Config rule evaluated a resource as NON_COMPLIANT. Well-known AWS managed rules (root MFA, public S3, ' +
    'open SSH, CloudTrail, GuardDuty, Security Hub …) carry their own severity; other rules are medium.',
  category: 'noncompliant_resource',
  severity: 'medium',
  events: [{ source: 'config.amazonaws.com', names: ['ComplianceChange'] }],
  references: {
    cis: ['3.5'],
    securityHub: ['Config.1'],
    links: [
      'https://docs.aws.amazon.com/config/latest/developerguide/evaluate-config.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/monitor-config-with-cloudwatchevents.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/managed-rules-by-aws-config.html',
    ],
  },
  runbook: `## AWS Config rule reports a non-compliant resource

**What happened.** AWS Config evaluated \`context.resourceType\` \`context.resourceId\` against
\`context.configRule\` and found it NON_COMPLIANT (\`context.annotation\` says why when the rule gives a reason).
\`context.mappedCategory\` names the kind of risk for well-known managed rules.

**Check**
1. The evaluation and its history:
   \`aws configservice get-compliance-details-by-config-rule --config-rule-name <rule> --compliance-types NON_COMPLIANT\`
   and \`aws configservice get-resource-config-history --resource-type <type> --resource-id <id> --limit 5\`
2. Who changed the resource: the configuration item's \`relatedEvents\`, or CloudTrail for the resource id
   (a trailwarden finding for the same resource usually names the actor already).
3. Whether the resource is in scope (an exception documented for this rule?).

**Fix**
- Fix the resource (e.g. enable root MFA, block public access, close the port), then re-evaluate:
  \`aws configservice start-config-rules-evaluation --config-rule-names <rule>\`
- When the rule turns COMPLIANT, trailwarden resolves this finding automatically.
- A justified exception: suppress it in trailwarden's settings with an owner, a reason and an expiry.`,
  remediation: [],
  dedupeWindowMinutes: 1440,
  match: (event) => {
    const config = event.config;
    if (config?.kind !== 'compliance-change' || config.complianceType !== 'NON_COMPLIANT') return undefined;
    const ruleName = config.configRuleName ?? '(unnamed Config rule)';
    const managed = managedRuleFor(ruleName);
    const resource =
      [config.resourceType, config.resourceId].filter(Boolean).join(' ') || '(unknown resource)';
    const annotation = config.annotation ? `: ${config.annotation}` : '';
    return {
      severity: managed?.severity ?? 'medium',
      title: managed
        ? `AWS Config: ${managed.title}`
        : `AWS Config rule ${ruleName} reports a non-compliant resource`,
      summary: `AWS Config rule ${ruleName} found ${resource} NON_COMPLIANT${annotation}, in ${whereLabel(event)}.`,
      context: {
        configRule: ruleName,
        ...(config.configRuleArn !== undefined && { configRuleArn: config.configRuleArn }),
        ...(managed !== undefined && { managedRule: managed.name, mappedCategory: managed.category }),
        resourceType: config.resourceType ?? null,
        resourceId: config.resourceId ?? null,
        complianceType: config.complianceType,
        previousComplianceType: config.previousComplianceType ?? null,
        ...(config.annotation !== undefined && { annotation: config.annotation }),
      },
      dedupe: complianceDedupeParts(config),
    };
  },
});
