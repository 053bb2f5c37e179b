import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collectResources, configResourceArn, partitionOf } from './resources.js';

interface ResourceCase {
  readonly name: string;
  readonly eventSource: string;
  readonly region: string;
  readonly requestParameters: Record<string, unknown>;
  readonly responseElements?: Record<string, unknown>;
  readonly resources?: unknown;
  readonly expected: readonly string[];
}

const cases: ResourceCase[] = JSON.parse(
  readFileSync(new URL('./fixtures/resource-cases.json', import.meta.url), 'utf8'),
);
const ACCOUNT = '111122223333';

describe('collectResources', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    // Prepare
    const scope = { partition: partitionOf(c.region), region: c.region, account: ACCOUNT };
    // Act
    const arns = collectResources(
      c.eventSource,
      c.resources,
      c.requestParameters,
      c.responseElements ?? {},
      scope,
    );
    // Assess
    expect(arns).toEqual(c.expected);
  });

  it('ignores a resources field that is not an array and entries without an ARN', () => {
    const scope = { partition: 'aws', region: 'us-east-1', account: ACCOUNT };
    expect(collectResources('s3.amazonaws.com', { ARN: 'arn:aws:s3:::x' }, {}, {}, scope)).toEqual([]);
    expect(
      collectResources('s3.amazonaws.com', [null, 'x', { type: 'AWS::S3::Bucket' }], {}, {}, scope),
    ).toEqual([]);
  });
});

describe('configResourceArn', () => {
  const scope = { partition: 'aws', region: 'us-west-2', account: ACCOUNT };
  it.each([
    ['AWS::S3::Bucket', 'example-site', 'arn:aws:s3:::example-site'],
    [
      'AWS::EC2::SecurityGroup',
      'sg-0a1b2c3d4e5f67890',
      `arn:aws:ec2:us-west-2:${ACCOUNT}:security-group/sg-0a1b2c3d4e5f67890`,
    ],
    [
      'AWS::KMS::Key',
      '1234abcd-12ab-34cd-56ef-1234567890ab',
      `arn:aws:kms:us-west-2:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    ],
    ['AWS::SNS::Topic', `arn:aws:sns:us-west-2:${ACCOUNT}:alerts`, `arn:aws:sns:us-west-2:${ACCOUNT}:alerts`],
    ['AWS::IAM::User', 'AIDAEXAMPLEUSERID001', undefined],
    ['AWS::DynamoDB::Table', 'orders', undefined],
  ])('%s %s → %s', (type, id, expected) => {
    expect(configResourceArn(type, id, scope)).toBe(expected);
  });
});

describe('partitionOf', () => {
  it.each([
    ['us-east-1', 'aws'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-east-1', 'aws-us-gov'],
    ['', 'aws'],
  ])('%s → %s', (region, expected) => {
    expect(partitionOf(region)).toBe(expected);
  });
});
