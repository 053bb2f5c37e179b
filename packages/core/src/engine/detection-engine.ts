import { RuleExecutionError } from '../errors.js';
import type { ChangeEvent } from '../events/change-event.js';
import type { Finding, FindingSource } from '../findings/finding.js';
import type { Rule, RuleMatch } from '../rules/define-rule.js';
import { DEFAULT_DETECTION_SETTINGS, type DetectionSettings } from '../settings/detection-settings.js';
import type { SyncStateStore } from '../state/state.js';
import { stableHash } from '../util/hash.js';
import { eventLearners } from './learner-index.js';
import { RuleIndex } from './rule-index.js';

const NONE: readonly never[] = Object.freeze([]);

export interface DetectionResult {
  readonly findings: readonly Finding[];
  /** Rules that threw on this event; the other rules' findings are still returned. */
  readonly errors: readonly RuleExecutionError[];
}

export interface DetectionEngineOptions {
  readonly settings?: DetectionSettings;
}

/**
 * Runs the catalog over normalized events: counters first, then every candidate rule
 * against the state known before the event, then the state learners.
 *
 * @example
 * const engine = new DetectionEngine(CATALOG, { settings });
 * const state = new MemoryState();
 * const { findings } = engine.detect(event, state);
 */
export class DetectionEngine {
  readonly #index: RuleIndex;
  readonly #settings: DetectionSettings;
  readonly rules: readonly Rule[];

  constructor(rules: readonly Rule[], options: DetectionEngineOptions = {}) {
    this.#settings = options.settings ?? DEFAULT_DETECTION_SETTINGS;
    this.rules = rules.filter((rule) => this.#settings.rules[rule.id]?.enabled !== false);
    this.#index = new RuleIndex(this.rules);
  }

  get settings(): DetectionSettings {
    return this.#settings;
  }

  /** Candidate rules for an event (exposed for the pipeline's state prefetch and for tests). */
  candidates(event: Pick<ChangeEvent, 'eventSource' | 'eventName'>): readonly Rule[] {
    return this.#index.candidates(event.eventSource, event.eventName);
  }

  detect(event: ChangeEvent, state: SyncStateStore, source?: FindingSource): DetectionResult {
    const candidates = this.#index.candidates(event.eventSource, event.eventName);
    // Most events match nothing: allocate the lists only when something is found.
    let findings: Finding[] | undefined;
    let errors: RuleExecutionError[] | undefined;
    for (const rule of candidates) {
      try {
        const spec = rule.counter?.(event, this.#settings);
        const count = spec ? state.increment(spec, event.timeMs) : 0;
        const match = rule.match(event, { settings: this.#settings, state, count });
        if (match) {
          findings = findings ?? [];
          findings.push(this.#toFinding(rule, event, match, source));
        }
      } catch (cause) {
        errors = errors ?? [];
        errors.push(new RuleExecutionError(rule.id, event.eventId, { cause }));
      }
    }
    if (event.success) {
      for (const learner of eventLearners(event.eventSource, event.eventName)) {
        try {
          state.apply(learner.learn(event, state));
        } catch (cause) {
          errors = errors ?? [];
          errors.push(new RuleExecutionError(`learner:${learner.name}`, event.eventId, { cause }));
        }
      }
    }
    return { findings: findings ?? NONE, errors: errors ?? NONE };
  }

  #toFinding(rule: Rule, event: ChangeEvent, match: RuleMatch, source: FindingSource | undefined): Finding {
    const resources = match.resources ?? event.resources;
    const actor = event.actor;
    const dedupe = match.dedupe ?? [resources[0] ?? '', actor.arn ?? actor.principalId ?? actor.type];
    const finding: Finding = {
      id: stableHash([rule.id, event.eventId]),
      ruleId: rule.id,
      category: rule.category,
      severity: this.#settings.rules[rule.id]?.severity ?? match.severity ?? rule.severity,
      title: match.title ?? rule.title,
      summary: match.summary,
      eventId: event.eventId,
      eventName: event.eventName,
      eventSource: event.eventSource,
      account: event.account,
      region: event.region,
      time: event.time,
      actor: {
        type: actor.type,
        ...(actor.arn !== undefined && { arn: actor.arn }),
        ...(actor.principalId !== undefined && { principalId: actor.principalId }),
        ...(actor.sourceIp !== undefined && { sourceIp: actor.sourceIp }),
        ...(actor.userAgent !== undefined && { userAgent: actor.userAgent }),
        mfa: actor.mfaUsed,
        provenance: actor.provenance,
      },
      resources,
      context: match.context ?? {},
      references: rule.references,
      runbook: rule.runbook,
      dedupeKey: [rule.id, event.account, ...dedupe].join('|'),
      remediation: rule.remediation,
      ...(source && { source }),
    };
    return finding;
  }
}
