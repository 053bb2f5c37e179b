import { DetectionEngine, type DetectionResult } from '../engine/detection-engine.js';
import { type ParseError, PipelineError, type RuleExecutionError } from '../errors.js';
import type { FindingSource } from '../findings/finding.js';
import { normalizeInput } from '../normalize/normalize-input.js';
import { CATALOG } from '../rules/catalog.js';
import type { Rule } from '../rules/define-rule.js';
import type { Settings } from '../settings/settings-schema.js';
import type { StatePort, StateUpdate, SyncStateStore } from '../state/state.js';
import type { AlertRoute } from './alert-routing.js';
import { complianceTarget, resolveCompliant } from './compliance-resolution.js';
import { mapConcurrent } from './concurrency.js';
import { expiryReporter, type FindingContext, handleFinding, messageOf } from './handle-finding.js';
import type { DeadLetterPort, FindingStore, Logger, RemediationPort, StoredFinding } from './ports.js';
import type { FindingResult, ProcessResult } from './results.js';
import { detectWithStatePort, isStatePort } from './state-bridge.js';

export interface PipelineDeps {
  readonly settings: Settings;
  readonly store: FindingStore;
  /** `MemoryState` (scans, tests) is driven directly; a `StatePort` (DynamoDB) through the state bridge. */
  readonly state: SyncStateStore | StatePort;
  /** Rules to run (default: the catalog); settings disable and re-rate them. */
  readonly rules?: readonly Rule[];
  /** Alert channels with their minimum severities (see `routesFromSettings`). */
  readonly alerts?: readonly AlertRoute[];
  readonly remediation?: RemediationPort;
  readonly deadLetter?: DeadLetterPort;
  /** Default: warnings and errors to `console.warn`/`console.error`, info dropped. */
  readonly logger?: Logger;
  /** Injected clock for tests. */
  readonly clock?: () => Date;
  /** Who the pipeline acts as in status histories (Config resolutions). Default `trailwarden`. */
  readonly actor?: string;
  /** Items processed at once by `processBatch` (default 8). */
  readonly concurrency?: number;
  /** Bound on the state bridge's detection runs per event (default 8). */
  readonly maxStateRounds?: number;
}

export interface BatchOptions {
  /** Where each item came from (CLI scans: file and index). */
  readonly sourceOf?: (index: number) => FindingSource | undefined;
  readonly concurrency?: number;
}

export interface Pipeline {
  readonly engine: DetectionEngine;
  /** normalize → detect → settings → record → alert → remediate, for one item. Never throws. */
  process(item: unknown, source?: FindingSource): Promise<ProcessResult>;
  /** Processes items with bounded concurrency; one bad item never stops the rest. Results in input order. */
  processBatch(items: readonly unknown[], options?: BatchOptions): Promise<readonly ProcessResult[]>;
}

const DEFAULT_LOGGER: Logger = {
  info: () => {},
  warn: (message, data) => (data ? console.warn(message, data) : console.warn(message)),
  error: (message, data) => (data ? console.error(message, data) : console.error(message)),
};

/**
 * Builds the pipeline the Lambda functions and the CLI share:
 * normalize → detect (catalog, with settings' enabled/severity) → deploy-pipeline lowering →
 * suppressions → `store.record` → alert new, unsuppressed findings on the routes their
 * severity reaches, marking them alerted only once accepted → remediation for rules whose
 * mode is not `off` → learner state written back → Config `COMPLIANT` resolution.
 *
 * @example
 * const pipeline = createPipeline({ settings, store: new MemoryFindingStore(), state: new MemoryState(),
 *   alerts: routesFromSettings(settings.alerts, { console: consolePublisher }) });
 * const results = await pipeline.processBatch(records);
 */
export function createPipeline(deps: PipelineDeps): Pipeline {
  const { settings, store, state } = deps;
  const rules = deps.rules ?? CATALOG;
  const engine = new DetectionEngine(rules, { settings });
  const logger = deps.logger ?? DEFAULT_LOGGER;
  const clock = deps.clock ?? (() => new Date());
  const actor = deps.actor ?? 'trailwarden';
  const context: FindingContext = {
    settings,
    store,
    routes: deps.alerts ?? [],
    rulesById: new Map(rules.map((rule) => [rule.id, rule])),
    ...(deps.remediation && { remediation: deps.remediation }),
    logger,
    reportExpired: expiryReporter(logger),
  };

  const reject = async (
    item: unknown,
    error: ParseError,
    source: FindingSource | undefined,
    at: string,
  ): Promise<ProcessResult> => {
    logger.warn(`malformed item: ${error.message}`, {
      ...(source && { file: source.file, index: source.index }),
    });
    const errors: PipelineError[] = [];
    let deadLettered = false;
    if (deps.deadLetter) {
      try {
        await deps.deadLetter.send({
          item,
          reason: error.message,
          errorName: error.name,
          ...(source && { source }),
          at,
        });
        deadLettered = true;
      } catch (cause) {
        const failure = new PipelineError(
          'dead-letter',
          `malformed item could not be dead-lettered: ${messageOf(cause)}`,
          {},
          { cause },
        );
        logger.error(failure.message, { reason: error.message });
        errors.push(failure);
      }
    }
    return { kind: 'invalid', error, deadLettered, ...(source && { source }), errors };
  };

  const process = async (item: unknown, source?: FindingSource): Promise<ProcessResult> => {
    const now = clock();
    const normalized = normalizeInput(item, { deployRoles: settings.deployRoles });
    if (!normalized.ok) return reject(item, normalized.error, source, now.toISOString());
    const event = normalized.value;
    let detection: DetectionResult;
    let updates: readonly StateUpdate[] = [];
    if (isStatePort(state)) {
      try {
        const bridged = await detectWithStatePort(engine, event, state, {
          ...(source && { source }),
          ...(deps.maxStateRounds !== undefined && { maxRounds: deps.maxStateRounds }),
        });
        if (bridged.unresolved.length > 0) {
          logger.warn(`state still unknown after ${bridged.rounds} rounds for event ${event.eventId}`, {
            keys: bridged.unresolved,
          });
        }
        detection = bridged;
        updates = bridged.updates;
      } catch (cause) {
        const error = new PipelineError(
          'state',
          `state unavailable for event ${event.eventId}: ${messageOf(cause)}`,
          { eventId: event.eventId },
          { cause },
        );
        logger.error(error.message, { eventId: event.eventId, eventName: event.eventName });
        return { kind: 'failed', eventId: event.eventId, eventName: event.eventName, error };
      }
    } else {
      // Synchronous: runs before the first await, so batches detect in input order.
      detection = engine.detect(event, state, source);
    }
    const errors: (PipelineError | RuleExecutionError)[] = [];
    for (const error of detection.errors) {
      logger.error(`${error.message}: ${messageOf(error.cause)}`, {
        ruleId: error.ruleId,
        eventId: error.eventId,
      });
      errors.push(error);
    }
    const findings: FindingResult[] = [];
    for (const finding of detection.findings)
      findings.push(await handleFinding(context, finding, event, now));
    let incomplete = findings.some((f) => f.outcome === undefined);
    for (const finding of findings) errors.push(...finding.errors);
    if (updates.length > 0 && isStatePort(state)) {
      try {
        await state.apply(updates);
      } catch (cause) {
        const error = new PipelineError(
          'state',
          `state updates of event ${event.eventId} not written: ${messageOf(cause)}`,
          { eventId: event.eventId },
          { cause },
        );
        logger.error(error.message, { eventId: event.eventId });
        errors.push(error);
        incomplete = true;
      }
    }
    let resolved: readonly StoredFinding[] = [];
    const target = complianceTarget(event);
    if (target) {
      try {
        resolved = await resolveCompliant(store, target, actor, now.toISOString());
        for (const finding of resolved) {
          logger.info(`finding ${finding.id} resolved: ${target.configRule} is COMPLIANT`, {
            findingId: finding.id,
          });
        }
      } catch (cause) {
        const error = new PipelineError(
          'resolve',
          `COMPLIANT result of ${target.configRule} not applied: ${messageOf(cause)}`,
          { eventId: event.eventId },
          { cause },
        );
        logger.error(error.message, { eventId: event.eventId });
        errors.push(error);
        incomplete = true;
      }
    }
    return {
      kind: 'processed',
      eventId: event.eventId,
      eventName: event.eventName,
      findings,
      resolved,
      errors,
      incomplete,
    };
  };

  const safely = async (item: unknown, source: FindingSource | undefined): Promise<ProcessResult> => {
    try {
      return await process(item, source);
    } catch (cause) {
      // process() catches every port failure; this is a bug guard so a batch always finishes.
      const error = new PipelineError('detect', `unexpected failure: ${messageOf(cause)}`, {}, { cause });
      logger.error(error.message, {});
      return { kind: 'failed', eventId: '', eventName: '', error };
    }
  };

  return {
    engine,
    process: (item, source) => safely(item, source),
    processBatch: (items, options = {}) =>
      mapConcurrent(items, options.concurrency ?? deps.concurrency ?? 8, (item, index) =>
        safely(item, options.sourceOf?.(index)),
      ),
  };
}
