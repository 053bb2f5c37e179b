import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../events/change-event.js';
import { normalizeInput } from './normalize-input.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

function normalized(item: unknown): ChangeEvent {
  const result = normalizeInput(item);
  if (!result.ok) throw result.error;
  return result.value;
}

const A = '111122223333';

describe('normalizeInput: AWS Config', () => {
  it('reads a compliance change', () => {
    const event = normalized(fixture('eventbridge-config-compliance-change.json'));
    expect(event).toMatchObject({
      eventId: 'e5f6a7b8-c9d0-4e1f-2a3b-4c5d6e7f8091',
      eventSource: 'config.amazonaws.com',
      eventName: 'ComplianceChange',
      origin: 'config-eventbridge',
      account: A,
      region: 'us-east-1',
      time: '2024-03-01T18:00:10Z',
      success: true,
      resources: ['arn:aws:s3:::example-site'],
      requestParameters: {},
    });
    expect(event.config).toEqual({
      kind: 'compliance-change',
      configRuleName: 's3-bucket-public-read-prohibited',
      configRuleArn: `arn:aws:config:us-east-1:${A}:config-rule/config-rule-ab12cd`,
      resourceType: 'AWS::S3::Bucket',
      resourceId: 'example-site',
      complianceType: 'NON_COMPLIANT',
      previousComplianceType: 'COMPLIANT',
      annotation: 'The bucket policy allows public read access.',
    });
    expect(event.actor).toMatchObject({
      type: 'AWSService',
      invokedBy: 'config.amazonaws.com',
      provenance: 'aws-service',
    });
  });

  it('reads a first evaluation (no previous result)', () => {
    const item = fixture('eventbridge-config-compliance-change.json') as { detail: Record<string, unknown> };
    const { oldEvaluationResult: _old, ...detail } = item.detail;
    expect(normalized({ ...item, detail }).config?.previousComplianceType).toBeUndefined();
  });

  it('reads a configuration item change', () => {
    const event = normalized(fixture('eventbridge-config-item-change.json'));
    expect(event).toMatchObject({
      eventName: 'ConfigurationItemChange',
      origin: 'config-eventbridge',
      account: A,
      region: 'us-west-2',
    });
    expect(event.resources).toEqual([`arn:aws:ec2:us-west-2:${A}:security-group/sg-0a1b2c3d4e5f67890`]);
    expect(event.config).toMatchObject({
      kind: 'configuration-item-change',
      resourceType: 'AWS::EC2::SecurityGroup',
      resourceId: 'sg-0a1b2c3d4e5f67890',
    });
    expect(event.config?.configurationItem).toMatchObject({
      configurationItemStatus: 'OK',
      resourceName: 'bastion',
    });
  });

  it('reads an oversized configuration item change', () => {
    const event = normalized(fixture('eventbridge-config-oversized.json'));
    expect(event).toMatchObject({
      eventName: 'OversizedConfigurationItemChange',
      account: A,
      region: 'global',
    });
    expect(event.resources).toEqual([`arn:aws:iam::${A}:policy/data-platform-access`]);
    expect(event.config).toMatchObject({
      kind: 'oversized-configuration-item-change',
      resourceType: 'AWS::IAM::Policy',
      resourceId: 'ANPAEXAMPLEPOLICYID01',
    });
  });

  it.each([
    {
      file: 'config-invocation-change.json',
      config: {
        configRuleName: 'trailwarden-sg-world-open',
        resourceType: 'AWS::EC2::SecurityGroup',
        resourceId: 'sg-0a1b2c3d4e5f67890',
        ruleParameters: { allowedPorts: '443', maxOpenCidrs: '0' },
      },
      region: 'us-west-2',
      time: '2024-03-01T10:03:42.820Z',
      resources: [`arn:aws:ec2:us-west-2:${A}:security-group/sg-0a1b2c3d4e5f67890`],
    },
    {
      file: 'config-invocation-oversized.json',
      config: {
        configRuleName: 'trailwarden-iam-policy-admin',
        resourceType: 'AWS::IAM::Policy',
        resourceId: 'ANPAEXAMPLEPOLICYID01',
        ruleParameters: {},
      },
      region: 'global',
      time: '2024-03-01T19:10:12.004Z',
      resources: [`arn:aws:iam::${A}:policy/data-platform-access`],
    },
    {
      file: 'config-invocation-periodic.json',
      config: {
        configRuleName: 'trailwarden-access-key-age',
        resourceType: undefined,
        resourceId: undefined,
        configurationItem: undefined,
        ruleParameters: { maxAccessKeyAgeDays: '90' },
      },
      region: 'us-west-2',
      time: '2024-03-02T00:00:00.000Z',
      resources: [],
    },
  ])('reads a custom-rule invocation: $file', ({ file, config, region, time, resources }) => {
    // Prepare
    const item = fixture(file) as { resultToken: string };
    // Act
    const event = normalized(item);
    // Assess
    expect(event).toMatchObject({
      eventSource: 'config.amazonaws.com',
      eventName: 'CustomRuleInvocation',
      origin: 'config-rule-invocation',
      account: A,
      region,
      time,
      resources,
    });
    expect(event.config).toMatchObject({
      ...config,
      kind: 'custom-rule-invocation',
      resultToken: item.resultToken,
      configRuleArn: `arn:aws:config:us-west-2:${A}:config-rule/config-rule-ef34gh`,
    });
    expect(event.eventId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('gives two invocations of the same rule different ids (one per result token)', () => {
    const item = fixture('config-invocation-periodic.json') as Record<string, unknown>;
    expect(normalized(item).eventId).not.toBe(normalized({ ...item, resultToken: 'another-token' }).eventId);
  });
});
