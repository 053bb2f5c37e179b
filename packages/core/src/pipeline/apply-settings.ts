import type { Finding } from '../findings/finding.js';
import { lowerSeverity } from '../findings/severity.js';
import type { Rule } from '../rules/define-rule.js';
import type { RemediationMode, Settings } from '../settings/settings-schema.js';

/** Window used for findings of a rule the pipeline does not know (should not happen). */
export const FALLBACK_DEDUPE_WINDOW_MINUTES = 60;

/**
 * Lowers the severity of a finding caused by a CI/CD deploy role (provenance
 * `deploy-pipeline`) by `deployPipeline.lowerSeverityBy` steps — lowered, never silenced: the
 * finding is still recorded and routed, and its context says what was changed.
 *
 * @example
 * lowerForDeployPipeline(finding, { lowerSeverityBy: 1 }).severity; // 'high' for a critical one by a deploy role
 */
export function lowerForDeployPipeline(
  finding: Finding,
  deployPipeline: Settings['deployPipeline'],
): Finding {
  const steps = deployPipeline.lowerSeverityBy;
  if (steps === 0 || finding.actor.provenance !== 'deploy-pipeline') return finding;
  const severity = lowerSeverity(finding.severity, steps);
  if (severity === finding.severity) return finding;
  return {
    ...finding,
    severity,
    context: {
      ...finding.context,
      severityAdjustment: {
        from: finding.severity,
        to: severity,
        reason: `caused by a deploy pipeline (deployPipeline.lowerSeverityBy: ${steps})`,
      },
    },
  };
}

/**
 * The dedupe window of a rule: its entry in `rules`, else the file's `dedupeWindowMinutes`,
 * else the rule's own default.
 *
 * @example
 * dedupeWindowFor(settings, rule); // 60
 */
export function dedupeWindowFor(
  settings: Pick<Settings, 'rules' | 'dedupeWindowMinutes'>,
  rule: Pick<Rule, 'id' | 'dedupeWindowMinutes'> | undefined,
  ruleId: string,
): number {
  return (
    settings.rules[ruleId]?.dedupeWindowMinutes ??
    settings.dedupeWindowMinutes ??
    rule?.dedupeWindowMinutes ??
    FALLBACK_DEDUPE_WINDOW_MINUTES
  );
}

/**
 * The remediation mode of a rule (`off` unless the settings say otherwise).
 *
 * @example
 * remediationModeFor(settings, 'cloudtrail-logging-stopped'); // 'auto'
 */
export function remediationModeFor(settings: Pick<Settings, 'rules'>, ruleId: string): RemediationMode {
  return settings.rules[ruleId]?.remediation ?? 'off';
}
