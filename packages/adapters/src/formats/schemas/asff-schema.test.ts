import { describe, expect, it } from 'vitest';
import { toAsff } from '../asff/to-asff.js';
import { findingOf } from '../test-findings.js';
import { AsffFindingSchema } from './asff-schema.js';

/** A valid ASFF finding to break one attribute at a time. */
function validAsff(): Record<string, unknown> {
  const asff: Record<string, unknown> = {
    ...toAsff(findingOf('cloudtrail-logging-stopped'), { now: '2026-11-02T10:15:00Z' }),
  };
  expect(AsffFindingSchema.safeParse(asff).success).toBe(true);
  return asff;
}

/** The required top-level attributes (asff-required-attributes.html). */
const REQUIRED = [
  'SchemaVersion',
  'Id',
  'ProductArn',
  'GeneratorId',
  'AwsAccountId',
  'Types',
  'CreatedAt',
  'UpdatedAt',
  'Severity',
  'Title',
  'Description',
  'Resources',
] as const;

describe('AsffFindingSchema', () => {
  it.each(REQUIRED.map((key) => [key]))('rejects a finding without %s', (key) => {
    // Prepare
    const asff = validAsff();
    delete asff[key];
    // Act / Assess
    expect(AsffFindingSchema.safeParse(asff).success).toBe(false);
  });

  const resource = { Type: 'AwsAccount', Id: 'AWS::::Account:111122223333' };
  it.each([
    ['a 257-character title', { Title: 't'.repeat(257) }],
    ['a 1,025-character description', { Description: 'd'.repeat(1025) }],
    ['a blank description', { Description: '   ' }],
    ['an 11-digit account', { AwsAccountId: '11112222333' }],
    ['a schema version other than 2018-10-08', { SchemaVersion: '2019-01-01' }],
    ['no resources', { Resources: [] }],
    ['33 resources', { Resources: Array.from({ length: 33 }, () => resource) }],
    ['a resource without an id', { Resources: [{ Type: 'AwsAccount' }] }],
    ['an unknown partition', { Resources: [{ ...resource, Partition: 'aws-iso' }] }],
    ['no types', { Types: [] }],
    ['51 types', { Types: Array.from({ length: 51 }, () => 'TTPs/Defense Evasion') }],
    ['a type outside the taxonomy', { Types: ['Misconfiguration/Logging'] }],
    ['a date without a zone', { CreatedAt: '2024-05-14T10:02:13' }],
    ['a severity label that does not exist', { Severity: { Label: 'SEVERE', Original: 'high' } }],
    ['a 513-character recommendation', { Remediation: { Recommendation: { Text: 'r'.repeat(513) } } }],
    [
      '51 product fields',
      { ProductFields: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) },
    ],
    ['a product field longer than 2,048', { ProductFields: { k: 'v'.repeat(2049) } }],
    ['a non-string product field', { ProductFields: { count: 3 } }],
    ['a misspelt attribute', { Titel: 'x' }],
    [
      'a default product of another account',
      { ProductArn: 'arn:aws:securityhub:us-east-1:444455556666:product/444455556666/default' },
    ],
  ])('rejects %s', (_case, patch) => {
    expect(AsffFindingSchema.safeParse({ ...validAsff(), ...patch }).success).toBe(false);
  });
});
