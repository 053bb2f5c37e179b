import { PipelineError } from '../errors.js';
import type { ChangeEvent } from '../events/change-event.js';
import type { Finding } from '../findings/finding.js';
import type { Rule } from '../rules/define-rule.js';
import type { Settings } from '../settings/settings-schema.js';
import type { Suppression } from '../settings/suppression-schema.js';
import { type AlertRoute, deliverAlerts } from './alert-routing.js';
import { dedupeWindowFor, lowerForDeployPipeline, remediationModeFor } from './apply-settings.js';
import type { FindingStore, Logger, RecordOutcome, RemediationPort, StoredFinding } from './ports.js';
import type { FindingResult } from './results.js';
import { checkSuppressions, toSuppressionRef } from './suppressions.js';

/** What handling one finding needs; built once per pipeline. */
export interface FindingContext {
  readonly settings: Settings;
  readonly store: FindingStore;
  readonly routes: readonly AlertRoute[];
  readonly rulesById: ReadonlyMap<string, Rule>;
  readonly remediation?: RemediationPort;
  readonly logger: Logger;
  /** Called with the suppressions that would have covered a finding but expired. */
  readonly reportExpired: (expired: readonly Suppression[], finding: Finding) => void;
}

export const messageOf = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause));

/**
 * Reports each expired suppression once (per reporter, i.e. per pipeline instance): which one,
 * its owner and expiry, and the finding it no longer suppresses.
 *
 * @example
 * const reportExpired = expiryReporter(logger);
 * reportExpired(check.expired, finding); // logs a warning the first time only
 */
export function expiryReporter(logger: Logger): FindingContext['reportExpired'] {
  const reported = new Set<string>();
  return (expired, finding) => {
    for (const suppression of expired) {
      if (reported.has(suppression.id)) continue;
      reported.add(suppression.id);
      logger.warn(
        `suppression ${suppression.id} (owner ${suppression.owner}) expired at ${suppression.expires} and no longer applies`,
        {
          suppressionId: suppression.id,
          owner: suppression.owner,
          expires: suppression.expires,
          reason: suppression.reason,
          findingId: finding.id,
          ruleId: finding.ruleId,
        },
      );
    }
  };
}

async function remediate(
  context: FindingContext,
  finding: Finding,
  stored: StoredFinding,
  event: ChangeEvent,
  errors: PipelineError[],
): Promise<FindingResult['remediation']> {
  const mode = remediationModeFor(context.settings, finding.ruleId);
  if (!context.remediation || mode === 'off' || finding.remediation.length === 0) return undefined;
  try {
    await context.remediation.handle(stored, event, { mode, actions: finding.remediation });
    return 'handed-over';
  } catch (cause) {
    const error = new PipelineError(
      'remediate',
      `remediation of finding ${stored.id} failed: ${messageOf(cause)}`,
      { eventId: event.eventId, findingId: stored.id },
      { cause },
    );
    context.logger.error(error.message, { findingId: stored.id, ruleId: finding.ruleId, mode });
    errors.push(error);
    return 'failed';
  }
}

/**
 * One detected finding through the settings and the ports: deploy-pipeline lowering →
 * suppressions → `store.record` → alert when new and not suppressed → remediation (new and
 * repeat findings — the change happened again — never duplicates or suppressed ones). Port
 * failures are logged and returned in the result; it never throws.
 *
 * @example
 * const result = await handleFinding(context, finding, event, new Date());
 * result.outcome; // 'new'
 */
export async function handleFinding(
  context: FindingContext,
  detected: Finding,
  event: ChangeEvent,
  now: Date,
): Promise<FindingResult> {
  const { settings, store, logger } = context;
  const nowIso = now.toISOString();
  const finding = lowerForDeployPipeline(detected, settings.deployPipeline);
  const check = checkSuppressions(finding, settings.suppressions, now);
  context.reportExpired(check.expired, finding);
  const suppression = check.applied ? toSuppressionRef(check.applied) : undefined;
  const windowMinutes = dedupeWindowFor(settings, context.rulesById.get(finding.ruleId), finding.ruleId);
  const errors: PipelineError[] = [];
  let outcome: RecordOutcome;
  try {
    outcome = await store.record(finding, {
      windowMinutes,
      now: nowIso,
      ...(suppression && { suppression }),
    });
  } catch (cause) {
    const error = new PipelineError(
      'record',
      `finding ${finding.id} (${finding.ruleId}) not recorded: ${messageOf(cause)}`,
      { eventId: event.eventId, findingId: finding.id },
      { cause },
    );
    logger.error(error.message, { findingId: finding.id, ruleId: finding.ruleId });
    return { finding, ...(suppression && { suppressed: suppression }), alerted: false, errors: [error] };
  }
  if (suppression && outcome.kind === 'new') {
    logger.info(`finding ${finding.id} suppressed by ${suppression.id}`, {
      findingId: finding.id,
      suppressionId: suppression.id,
    });
  }
  let alert: FindingResult['alert'];
  if (outcome.kind === 'new' && !suppression) {
    [alert] = await deliverAlerts([outcome.finding], context.routes, store, nowIso);
    for (const error of alert?.errors ?? []) {
      logger.error(error.message, { findingId: finding.id, stage: error.stage });
      errors.push(error);
    }
  }
  const remediation =
    suppression || outcome.kind === 'duplicate'
      ? undefined
      : await remediate(context, finding, outcome.finding, event, errors);
  return {
    finding,
    outcome: outcome.kind,
    stored: outcome.finding,
    ...(suppression && { suppressed: suppression }),
    alerted: alert?.status === 'delivered' && alert.alerted,
    ...(alert && { alert }),
    ...(remediation && { remediation }),
    errors,
  };
}
