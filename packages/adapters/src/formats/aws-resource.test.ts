import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { accountResource, describeResource, partitionOfRegion } from './aws-resource.js';

const ResourceCaseSchema = z.object({
  value: z.string(),
  asff: z.string(),
  cloudFormation: z.string(),
  id: z.string().optional(),
  partition: z.string().optional(),
  region: z.string().optional(),
  account: z.string().optional(),
  name: z.string().optional(),
});
const cases = z
  .array(ResourceCaseSchema)
  .parse(JSON.parse(readFileSync(new URL('./fixtures/resource-cases.json', import.meta.url), 'utf8')));

describe('describeResource', () => {
  it.each(cases.map((c) => [c.value, c] as const))('%s', (_value, resourceCase) => {
    // Act
    const resource = describeResource(resourceCase.value);
    // Assess
    expect(resource.kind).toEqual({ asff: resourceCase.asff, cloudFormation: resourceCase.cloudFormation });
    expect(resource.id).toBe(resourceCase.id ?? resourceCase.value);
    if (resourceCase.partition) expect(resource.partition).toBe(resourceCase.partition);
    if (resourceCase.region) expect(resource.region).toBe(resourceCase.region);
    if (resourceCase.account) expect(resource.account).toBe(resourceCase.account);
    if (resourceCase.name) expect(resource.name).toBe(resourceCase.name);
  });

  it('leaves the region out for global resources', () => {
    expect(describeResource('arn:aws:iam::111122223333:user/alice').region).toBeUndefined();
    expect(describeResource('arn:aws:s3:::payments-ledger').account).toBeUndefined();
  });
});

describe('accountResource', () => {
  it('uses the AwsAccount type and the AWS::::Account id form', () => {
    expect(accountResource('444455556666')).toEqual({
      id: 'AWS::::Account:444455556666',
      kind: { asff: 'AwsAccount', cloudFormation: 'AWS::::Account' },
      account: '444455556666',
    });
  });
});

describe('partitionOfRegion', () => {
  it.each([
    ['us-east-1', 'aws'],
    ['eu-central-1', 'aws'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['', 'aws'],
  ])('%s → %s', (region, partition) => {
    expect(partitionOfRegion(region)).toBe(partition);
  });
});
