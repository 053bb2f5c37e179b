import type { Rule } from '@trailwarden/core';
import { describe, expect, it } from 'vitest';
import { findingsOf, loadRuleFixtures } from './rule-fixtures.js';

/**
 * The table-driven test every rule folder runs: each `match-*` fixture yields exactly one
 * finding of the rule (with the expected severity, title, summary and context keys when the
 * fixture says so) and each `nomatch-*` fixture yields none.
 *
 * @example
 * // packages/core/src/rules/<id>/rule.test.ts
 * describeRuleFixtures(rule, new URL('./fixtures/', import.meta.url));
 */
export function describeRuleFixtures(rule: Rule, fixturesDir: URL): void {
  const fixtures = loadRuleFixtures(fixturesDir);
  describe(`${rule.id} fixtures`, () => {
    it('has positive and negative fixtures', () => {
      expect(fixtures.some((f) => f.expectMatch)).toBe(true);
      expect(fixtures.some((f) => !f.expectMatch)).toBe(true);
    });
    it.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
      // Prepare / Act
      const findings = findingsOf(rule, fixture);
      // Assess
      if (!fixture.expectMatch) {
        expect(findings).toEqual([]);
        return;
      }
      expect(findings).toHaveLength(1);
      const [finding] = findings;
      const expectation = fixture.expect ?? {};
      if (expectation.severity) expect(finding?.severity).toBe(expectation.severity);
      if (expectation.titleIncludes) expect(finding?.title).toContain(expectation.titleIncludes);
      if (expectation.summaryIncludes) expect(finding?.summary).toContain(expectation.summaryIncludes);
      for (const key of expectation.contextKeys ?? []) expect(finding?.context).toHaveProperty(key);
    });
  });
}
