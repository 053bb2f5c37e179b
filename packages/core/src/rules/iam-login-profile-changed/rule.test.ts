import { describeRuleFixtures, loadRuleFixtures, runFixture } from '@trailwarden/testing';
import { describe, expect, it } from 'vitest';
import rule from './rule.js';

const fixturesDir = new URL('./fixtures/', import.meta.url);
describeRuleFixtures(rule, fixturesDir);

describe('iam-login-profile-changed evidence', () => {
  it.each(
    loadRuleFixtures(fixturesDir)
      .filter((fixture) => fixture.expectMatch)
      .map((f) => [f.name, f] as const),
  )('%s: the finding carries nothing of the password', (_name, fixture) => {
    // Act
    const findings = runFixture(fixture, [rule]).findings;
    // Assess
    expect(findings).toHaveLength(1);
    const finding = findings[0];
    expect(Object.keys(finding?.context ?? {})).not.toContain('password');
    expect(JSON.stringify(finding)).not.toContain('HIDDEN_DUE_TO_SECURITY_REASONS');
  });
});
