import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  CATALOG,
  DetectionEngine,
  type Finding,
  MemoryState,
  normalizeInput,
  parseDetectionSettings,
  type Rule,
  type Severity,
  splitDocument,
} from '@trailwarden/core';

/** What a fixture file may say about the finding it should (or should not) produce. */
export interface FixtureExpectation {
  readonly severity?: Severity;
  readonly titleIncludes?: string;
  readonly summaryIncludes?: string;
  /** Keys that must be present in the finding's `context`. */
  readonly contextKeys?: readonly string[];
}

export interface RuleFixture {
  /** File name without `.json`, e.g. `match-root-without-mfa`. */
  readonly name: string;
  readonly file: string;
  /** From the file name: `match-*` must produce a finding of the rule, `nomatch-*` must not. */
  readonly expectMatch: boolean;
  /** Inputs in order; only the last is judged, the earlier ones build up state. */
  readonly items: readonly unknown[];
  readonly expect?: FixtureExpectation;
  readonly settings?: unknown;
}

/**
 * Loads a rule's fixtures. A fixture is a JSON file named `match-*.json` or `nomatch-*.json`:
 * either one input (a CloudTrail record, an EventBridge event …) or a CloudTrail log file
 * `{"Records":[…]}` whose last record is judged after the earlier ones taught the state.
 * Optional top-level `expect` and `settings` keys refine the fixture.
 *
 * @example
 * const fixtures = loadRuleFixtures(new URL('./fixtures/', import.meta.url));
 */
export function loadRuleFixtures(dir: URL | string): RuleFixture[] {
  const path = typeof dir === 'string' ? dir : fileURLToPath(dir);
  return readdirSync(path)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.json'.length);
      if (!name.startsWith('match-') && !name.startsWith('nomatch-')) {
        throw new Error(`fixture ${path}/${file}: name must start with match- or nomatch-`);
      }
      const document: unknown = JSON.parse(readFileSync(`${path}/${file}`, 'utf8'));
      const wrapper =
        document !== null && typeof document === 'object' ? (document as Record<string, unknown>) : {};
      const items = splitDocument(document) ?? [document];
      return {
        name,
        file: `${path}/${file}`,
        expectMatch: name.startsWith('match-'),
        items,
        ...(wrapper.expect !== undefined && { expect: wrapper.expect as FixtureExpectation }),
        ...(wrapper.settings !== undefined && { settings: wrapper.settings }),
      };
    });
}

export interface FixtureRun {
  /** Findings for the judged (last) item, from every rule given. */
  readonly findings: readonly Finding[];
  /** Findings produced by the earlier items. */
  readonly earlier: readonly Finding[];
}

/**
 * Runs a fixture through normalization and the detection engine with fresh in-memory state.
 * Throws when an item does not normalize or a rule throws: fixtures must be well-formed.
 */
export function runFixture(fixture: RuleFixture, rules: readonly Rule[] = CATALOG): FixtureRun {
  const settings = parseDetectionSettings(fixture.settings ?? {});
  const engine = new DetectionEngine(rules, { settings });
  const state = new MemoryState();
  const earlier: Finding[] = [];
  let findings: readonly Finding[] = [];
  fixture.items.forEach((item, index) => {
    const normalized = normalizeInput(item, { deployRoles: settings.deployRoles });
    if (!normalized.ok) throw new Error(`${fixture.file} item ${index}: ${normalized.error.message}`);
    const result = engine.detect(normalized.value, state);
    if (result.errors.length > 0) {
      throw new Error(
        `${fixture.file} item ${index}: ${result.errors.map((e) => `${e.message}: ${String(e.cause)}`).join('; ')}`,
      );
    }
    if (index === fixture.items.length - 1) findings = result.findings;
    else earlier.push(...result.findings);
  });
  return { findings, earlier };
}

/** Findings of one rule for a fixture's judged item. */
export function findingsOf(rule: Pick<Rule, 'id'>, fixture: RuleFixture, rules?: readonly Rule[]): Finding[] {
  return runFixture(fixture, rules).findings.filter((finding) => finding.ruleId === rule.id);
}
