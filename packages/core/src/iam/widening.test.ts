import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parsePolicy } from './parse.js';
import type { TrustContext } from './types.js';
import { compareGrants } from './widening.js';

const TRUST: TrustContext = {
  ownerAccount: '111122223333',
  allowedAccounts: ['123456789012'],
  organizationId: 'o-a1b2c3d4e5',
};

const Fixture = z.object({
  description: z.string(),
  /** The previous document, or null when there is none. */
  old: z.unknown(),
  new: z.unknown(),
  expect: z.object({
    widened: z.boolean(),
    /** Added grants as `kind@statement`. */
    addedGrants: z.array(z.string()),
    addedPermissions: z.array(z.object({ action: z.string(), resource: z.string() })),
    addedPrincipals: z.array(z.string()),
    /** One text fragment per expected removed restriction, in order. */
    removedRestrictions: z.array(z.string()),
  }),
});

const dir = fileURLToPath(new URL('./fixtures/widening/', import.meta.url));
const fixtures = readdirSync(dir)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => ({ file, ...Fixture.parse(JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'))) }));

describe('compareGrants fixtures', () => {
  it('has many fixtures, widening and not', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
    expect(fixtures.filter((f) => !f.expect.widened).length).toBeGreaterThanOrEqual(12);
  });

  it.each(fixtures.map((f) => [f.file, f] as const))('%s', (_file, fixture) => {
    // Prepare
    const oldDoc = fixture.old === null ? undefined : parsePolicy(fixture.old);
    const newDoc = parsePolicy(fixture.new);

    // Act
    const report = compareGrants(oldDoc, newDoc, TRUST);

    // Assess
    const why = fixture.description;
    expect(
      report.addedGrants.map((g) => `${g.kind}@${g.statement}`),
      why,
    ).toEqual(fixture.expect.addedGrants);
    expect(
      report.addedPermissions.map(({ action, resource }) => ({ action, resource })),
      why,
    ).toEqual(fixture.expect.addedPermissions);
    expect(report.addedPrincipals, why).toEqual(fixture.expect.addedPrincipals);
    expect(report.removedRestrictions, why).toHaveLength(fixture.expect.removedRestrictions.length);
    fixture.expect.removedRestrictions.forEach((fragment, i) => {
      expect(report.removedRestrictions[i], why).toContain(fragment);
    });
    expect(report.widened, why).toBe(fixture.expect.widened);
  });
});

describe('compareGrants', () => {
  it('reports nothing when a document is compared with itself, for every grants fixture', () => {
    // Prepare
    const dir = fileURLToPath(new URL('./fixtures/grants/', import.meta.url));
    const docs = readdirSync(dir).map((file) =>
      parsePolicy(
        z.object({ policy: z.unknown() }).parse(JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'))).policy,
      ),
    );

    // Act
    const widened = docs.filter((doc) => compareGrants(doc, doc, TRUST).widened);

    // Assess
    expect(docs.length).toBeGreaterThan(40);
    expect(widened).toEqual([]);
  });

  it('records the new statement index of an added permission', () => {
    // Prepare
    const oldDoc = parsePolicy({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
    const newDoc = parsePolicy({
      Statement: [
        { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' },
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: '*' },
      ],
    });

    // Act
    const report = compareGrants(oldDoc, newDoc);

    // Assess
    expect(report.addedPermissions).toEqual([{ action: 's3:PutObject', resource: '*', statement: 1 }]);
  });
});
