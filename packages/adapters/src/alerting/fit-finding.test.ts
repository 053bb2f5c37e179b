import { describe, expect, it } from 'vitest';
import { fitFinding } from './fit-finding.js';
import { loadFinding } from './test-findings.js';

const sizeOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

describe('fitFinding', () => {
  it('leaves a finding that fits untouched', () => {
    // Prepare
    const finding = loadFinding('root-console-login-critical');

    // Act
    const fitted = fitFinding(finding, 'test limit', () => true);

    // Assess
    expect(fitted).toEqual({ finding });
  });

  it('cuts the largest evidence first and keeps the small facts', () => {
    // Prepare
    const finding = loadFinding('s3-bucket-policy-public-critical', {
      context: {
        bucket: 'example-reports-bucket',
        policy: { Statement: 'x'.repeat(50_000) },
        principal: '*',
      },
    });

    // Act
    const fitted = fitFinding(
      finding,
      'test limit',
      (candidate, note) => sizeOf({ candidate, note }) <= 20_000,
    );

    // Assess
    expect(fitted?.finding.context).toEqual({
      bucket: 'example-reports-bucket',
      policy: `[trimmed: ${sizeOf(finding.context.policy)} bytes]`,
      principal: '*',
    });
    expect(fitted?.trimmed).toEqual({
      reason: `evidence trimmed to fit the test limit; the complete finding is in the findings store under id ${finding.id}`,
      contextKeys: ['policy'],
      fields: [],
      originalContextBytes: sizeOf(finding.context),
    });
  });

  it.each([
    { case: 'the largest alone is enough', limit: 45_000, cut: ['big'] },
    { case: 'both large values must go', limit: 15_000, cut: ['big', 'medium'] },
  ])('cuts only as much as needed when $case', ({ limit, cut }) => {
    // Prepare
    const finding = loadFinding('s3-bucket-policy-public-critical', {
      context: { small: 'kept', medium: 'm'.repeat(30_000), big: 'b'.repeat(50_000) },
    });

    // Act
    const fitted = fitFinding(
      finding,
      'test limit',
      (candidate, note) => sizeOf({ candidate, note }) <= limit,
    );

    // Assess
    expect(fitted?.trimmed?.contextKeys).toEqual(cut);
    expect(fitted?.finding.context.small).toBe('kept');
  });

  it('drops all evidence when many small values add up', () => {
    // Prepare
    const context = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i]));
    const finding = loadFinding('iam-user-created-low', { context });
    const limit = sizeOf(loadFinding('iam-user-created-low', { context: {} })) + 2000;

    // Act
    const fitted = fitFinding(finding, 'test limit', (candidate) => sizeOf(candidate) <= limit);

    // Assess
    expect(fitted?.finding.context).toEqual({});
    expect(fitted?.trimmed?.contextKeys).toHaveLength(2000);
  });

  it('shortens free text and resources as a last resort, then gives up', () => {
    // Prepare
    const finding = loadFinding('iam-user-created-low', {
      runbook: 'r'.repeat(100_000),
      resources: Array.from({ length: 1000 }, (_, i) => `arn:aws:iam::111122223333:user/u${i}`),
    });

    // Act
    const fitted = fitFinding(finding, 'test limit', (candidate) => sizeOf(candidate) <= 10_000);
    const impossible = fitFinding(finding, 'test limit', () => false);

    // Assess
    expect(fitted?.finding.runbook).toHaveLength(2000);
    expect(fitted?.finding.resources).toHaveLength(20);
    expect(fitted?.trimmed?.fields).toEqual(['runbook', 'resources']);
    expect(impossible).toBeUndefined();
  });
});
