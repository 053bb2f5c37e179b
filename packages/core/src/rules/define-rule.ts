import type { ChangeEvent } from '../events/change-event.js';
import type { Category } from '../findings/category.js';
import type { References } from '../findings/finding.js';
import type { Severity } from '../findings/severity.js';
import type { DetectionSettings } from '../settings/detection-settings.js';
import type { CounterSpec, StateView } from '../state/state.js';

/** The events a rule is a candidate for: one event source and its event names. */
export interface EventSelector {
  /** e.g. `iam.amazonaws.com`. */
  readonly source: string;
  /** Event names, exact and case-sensitive as CloudTrail writes them. */
  readonly names: readonly string[];
}

/** What a rule's `match` sees besides the event. */
export interface RuleContext {
  readonly settings: DetectionSettings;
  /** State known before this event (previous policy versions, password policy, …). */
  readonly state: StateView;
  /** For rules with a `counter`: occurrences inside the window, this event included; else 0. */
  readonly count: number;
}

/** A positive judgement. Everything but `summary` has a default from the rule's metadata. */
export interface RuleMatch {
  /** Overrides the rule's default severity for this event (e.g. root without MFA → critical). */
  readonly severity?: Severity;
  /** Overrides the rule's title for this event. */
  readonly title?: string;
  /** One or two sentences a security engineer reads first: who did what to which resource. */
  readonly summary: string;
  /** Resource ARNs; defaults to the event's resources. */
  readonly resources?: readonly string[];
  /** The evidence (widened statements, the flags turned off, the count …). Never secrets. */
  readonly context?: Readonly<Record<string, unknown>>;
  /** Parts of the dedupe key after the rule id and account; defaults to [first resource, actor]. */
  readonly dedupe?: readonly string[];
}

export interface RuleMeta {
  /** Kebab-case, equal to the rule's folder name. */
  readonly id: string;
  readonly title: string;
  /** What the rule looks for and why it matters, a short paragraph. */
  readonly description: string;
  readonly category: Category;
  /** Default severity; `match` may raise or lower it per event, settings may override it. */
  readonly severity: Severity;
  /** Candidate events, or `'*'` for rules that look at every record (root activity, access denied). */
  readonly events: readonly EventSelector[] | '*';
  /**
   * For `events: '*'` rules: the EventBridge `detail` filter that narrows what the central bus
   * delivers to the detector (e.g. `{ userIdentity: { type: ['Root'] } }`). Without it a
   * wildcard rule subscribes to every CloudTrail event.
   */
  readonly eventPatternDetail?: Readonly<Record<string, unknown>>;
  readonly references: References;
  /** What to check and how to fix it, in Markdown. */
  readonly runbook: string;
  /** Ids of remediation actions that can answer this finding (the remediation issue provides them). */
  readonly remediation: readonly string[];
  /** Repeats with the same dedupe key inside this window count on the open finding. */
  readonly dedupeWindowMinutes: number;
}

export interface RuleDefinition extends RuleMeta {
  /** Threshold rules: the counter this event increments (before `match` runs). */
  readonly counter?: (event: ChangeEvent, settings: DetectionSettings) => CounterSpec | undefined;
  /** Pure judgement. Must not throw on missing fields; return undefined for no finding. */
  readonly match: (event: ChangeEvent, context: RuleContext) => RuleMatch | undefined;
}

export type Rule = Readonly<RuleDefinition>;

const RULE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Declares a rule. Checks the metadata that cannot be expressed in types (id shape, non-empty
 * runbook, event names present) so a malformed rule fails at import time, not in production.
 *
 * @example
 * export default defineRule({
 *   id: 'cloudtrail-logging-stopped', title: 'CloudTrail logging stopped', category: 'cloudtrail_tampering',
 *   severity: 'critical', events: [{ source: 'cloudtrail.amazonaws.com', names: ['StopLogging'] }], …,
 *   match: (event) => (event.success ? { summary: `${event.actor.arn} stopped trail …` } : undefined),
 * });
 */
export function defineRule(definition: RuleDefinition): Rule {
  if (!RULE_ID.test(definition.id)) throw new TypeError(`rule id "${definition.id}" must be kebab-case`);
  if (definition.runbook.trim().length === 0) throw new TypeError(`rule ${definition.id} has no runbook`);
  if (definition.events !== '*') {
    if (definition.events.length === 0) throw new TypeError(`rule ${definition.id} selects no events`);
    for (const selector of definition.events) {
      if (selector.names.length === 0)
        throw new TypeError(`rule ${definition.id}: ${selector.source} lists no event names`);
    }
  }
  return Object.freeze({ ...definition });
}
