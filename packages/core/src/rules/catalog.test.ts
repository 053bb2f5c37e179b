import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadRuleFixtures, runFixture } from '@trailwarden/testing';
import { describe, expect, it } from 'vitest';
import { CLOUDTRAIL_EVENTBRIDGE_DETAIL_TYPES } from '../events/schemas/eventbridge.js';
import { CATEGORIES } from '../findings/category.js';
import { normalizeInput } from '../normalize/index.js';
import { CATALOG } from './catalog.js';
import { deriveEventPatterns, patternMatches } from './event-patterns.js';

// Meta-tests that keep the catalog honest (style.md, principle 6).
const rulesDir = fileURLToPath(new URL('./', import.meta.url));
const NOT_RULE_FOLDERS = new Set(['shared']);
const ruleFolders = readdirSync(rulesDir).filter(
  (entry) => statSync(`${rulesDir}/${entry}`).isDirectory() && !NOT_RULE_FOLDERS.has(entry),
);
const fixturesOf = (id: string) => loadRuleFixtures(`${rulesDir}/${id}/fixtures`);

describe('rule catalog', () => {
  it('has unique ids', () => {
    const ids = CATALOG.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lists every rule folder, and every listed rule has its folder', () => {
    expect([...ruleFolders].sort()).toEqual(CATALOG.map((rule) => rule.id).sort());
  });

  it('covers every category', () => {
    expect(new Set(CATALOG.map((rule) => rule.category))).toEqual(new Set(CATEGORIES));
  });

  describe.each(CATALOG.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
    it('lives in a folder named after its id, with a test beside it', () => {
      expect(existsSync(`${rulesDir}/${id}/rule.ts`)).toBe(true);
      expect(existsSync(`${rulesDir}/${id}/rule.test.ts`)).toBe(true);
    });

    it('has a runbook with a fix, and references', () => {
      expect(rule.runbook.length).toBeGreaterThan(200);
      expect(rule.description.length).toBeGreaterThan(20);
      const refs = rule.references;
      const standards = [...(refs.cis ?? []), ...(refs.securityHub ?? []), ...(refs.mitre ?? [])];
      expect(standards.length).toBeGreaterThan(0);
      expect(refs.links?.length ?? 0).toBeGreaterThan(0);
      expect(rule.dedupeWindowMinutes).toBeGreaterThan(0);
    });

    it('has at least one matching and one non-matching fixture', () => {
      const fixtures = fixturesOf(id);
      expect(fixtures.filter((f) => f.expectMatch).length).toBeGreaterThanOrEqual(1);
      expect(fixtures.filter((f) => !f.expectMatch).length).toBeGreaterThanOrEqual(1);
    });

    it('only matches its fixtures through the whole catalog, as the engine runs it', () => {
      for (const fixture of fixturesOf(id)) {
        const own = runFixture(fixture).findings.filter((finding) => finding.ruleId === id);
        expect(own.length, fixture.name).toBe(fixture.expectMatch ? 1 : 0);
      }
    });

    it('is reachable through the EventBridge patterns derived from the catalog', () => {
      const patterns = deriveEventPatterns(CATALOG);
      for (const fixture of fixturesOf(id).filter((f) => f.expectMatch)) {
        const event = normalizeInput(fixture.items.at(-1));
        if (!event.ok) throw event.error;
        if (event.value.eventSource === 'config.amazonaws.com') continue;
        const envelope = { 'detail-type': CLOUDTRAIL_EVENTBRIDGE_DETAIL_TYPES[0], detail: event.value.raw };
        expect(
          patterns.some((pattern) => patternMatches(pattern, envelope)),
          fixture.name,
        ).toBe(true);
      }
    });
  });
});
