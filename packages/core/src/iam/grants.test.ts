import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { analyzeGrants, isServiceWildcard } from './grants.js';
import { parsePolicy } from './parse.js';
import type { TrustContext } from './types.js';

/** Trust used unless a fixture brings its own: we own 111122223333, allow 123456789012, org o-a1b2c3d4e5. */
const DEFAULT_TRUST: TrustContext = {
  ownerAccount: '111122223333',
  allowedAccounts: ['123456789012'],
  organizationId: 'o-a1b2c3d4e5',
};

const Fixture = z.object({
  description: z.string(),
  policy: z.unknown(),
  trust: z
    .object({
      ownerAccount: z.string().optional(),
      allowedAccounts: z.array(z.string()).optional(),
      organizationId: z.string().optional(),
    })
    .optional(),
  expect: z.object({
    admin: z.boolean(),
    /** Every grant as `kind@statement`, in report order. */
    grants: z.array(z.string()),
    /** Partial grants that must appear (matched in order against grants of the same kind when given). */
    match: z.array(z.record(z.string(), z.unknown())).optional(),
  }),
});

const dir = fileURLToPath(new URL('./fixtures/grants/', import.meta.url));
const fixtures = readdirSync(dir)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => ({ file, ...Fixture.parse(JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'))) }));

describe('analyzeGrants fixtures', () => {
  it('has many fixtures, positive and negative', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
    expect(fixtures.filter((f) => f.expect.grants.length === 0).length).toBeGreaterThanOrEqual(15);
  });

  it.each(fixtures.map((f) => [f.file, f] as const))('%s', (_file, fixture) => {
    // Prepare
    const doc = parsePolicy(fixture.policy);

    // Act
    const report = analyzeGrants(doc, fixture.trust ?? DEFAULT_TRUST);

    // Assess
    expect(
      report.grants.map((g) => `${g.kind}@${g.statement}`),
      fixture.description,
    ).toEqual(fixture.expect.grants);
    expect(report.admin).toBe(fixture.expect.admin);
    for (const partial of fixture.expect.match ?? []) {
      expect(report.grants, fixture.description).toContainEqual(expect.objectContaining(partial));
    }
    for (const grant of report.grants) expect(grant.detail.length).toBeGreaterThan(0);
  });
});

describe('isServiceWildcard', () => {
  it.each<[string, boolean]>([
    ['s3:*', true],
    ['S3:*', true],
    ['*', true],
    ['*:*', true],
    ['*:Get*', true],
    ['s?:GetObject', true],
    ['s3:Get*', false],
    ['s3:GetObject', false],
    ['ec2:Describe*', false],
  ])('%s → %s', (pattern, expected) => {
    expect(isServiceWildcard(pattern)).toBe(expected);
  });
});

describe('analyzeGrants without a trust context', () => {
  it('still reports public principals and admin', () => {
    // Prepare
    const doc = parsePolicy({
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::example-bucket/*',
        },
      ],
    });

    // Act
    const report = analyzeGrants(doc);

    // Assess
    expect(report.grants.map((g) => g.kind)).toEqual(['admin', 'public-principal']);
  });
});
