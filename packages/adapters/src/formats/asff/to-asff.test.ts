import { CATEGORIES, type Finding } from '@trailwarden/core';
import { describe, expect, it } from 'vitest';
import { AsffFindingSchema } from '../schemas/asff-schema.js';
import { findingOf } from '../test-findings.js';
import { ASFF_NAMESPACES, CATEGORY_ASFF_TYPES, CIS_TYPE } from './asff-types.js';
import { toAsff } from './to-asff.js';

const NOW = '2026-11-02T10:15:00.000Z';

describe('toAsff', () => {
  it('fills every required attribute for a root console sign-in', () => {
    // Prepare
    const finding = findingOf('root-console-login');
    // Act
    const asff = toAsff(finding, { now: NOW });
    // Assess
    expect(AsffFindingSchema.safeParse(asff).success).toBe(true);
    expect(asff).toMatchObject({
      SchemaVersion: '2018-10-08',
      Id: finding.id,
      ProductArn: `arn:aws:securityhub:${finding.region}:${finding.account}:product/${finding.account}/default`,
      GeneratorId: 'root-console-login',
      AwsAccountId: finding.account,
      CreatedAt: new Date(finding.time).toISOString(),
      UpdatedAt: new Date(finding.time).toISOString(),
      Severity: { Label: finding.severity.toUpperCase(), Original: finding.severity },
      Title: finding.title,
      Description: finding.summary,
      ProductName: 'trailwarden',
      Region: finding.region,
      Workflow: { Status: 'NEW' },
      RecordState: 'ACTIVE',
    });
    expect(asff.Types).toEqual([...CATEGORY_ASFF_TYPES.root_activity, CIS_TYPE]);
    expect(asff.Compliance).toEqual({
      Status: 'FAILED',
      RelatedRequirements: ['CIS AWS Foundations Benchmark v1.4.0/4.3'],
    });
    expect(asff.FindingProviderFields).toEqual({ Severity: asff.Severity, Types: asff.Types });
  });

  it('names the account as the resource when the finding names none', () => {
    const finding = findingOf('root-console-login');
    expect(finding.resources).toEqual([]);
    expect(toAsff(finding, { now: NOW }).Resources).toEqual([
      {
        Type: 'AwsAccount',
        Id: `AWS::::Account:${finding.account}`,
        Partition: 'aws',
        Region: finding.region,
      },
    ]);
  });

  it('types resources from their ARNs and places global ones in the event region', () => {
    // Prepare
    const finding: Finding = {
      ...findingOf('s3-bucket-policy-public'),
      region: 'eu-west-1',
      resources: [
        'arn:aws:s3:::payments-ledger',
        'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      ],
    };
    // Act
    const resources = toAsff(finding, { now: NOW }).Resources;
    // Assess
    expect(resources).toEqual([
      { Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::payments-ledger', Partition: 'aws', Region: 'eu-west-1' },
      {
        Type: 'AwsKmsKey',
        Id: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        Partition: 'aws',
        Region: 'us-east-1',
      },
    ]);
  });

  it('cuts a 5,000-character summary, a long title and a long runbook to their limits', () => {
    // Prepare
    const finding: Finding = {
      ...findingOf('iam-admin-policy-attached'),
      summary: `alice attached AdministratorAccess ${'and more '.repeat(600)}`.slice(0, 5000),
      title: 'T'.repeat(300),
      runbook: `**Fix**\n- ${'Detach the policy. '.repeat(300)}`,
    };
    expect(finding.summary).toHaveLength(5000);
    // Act
    const asff = toAsff(finding, { now: NOW });
    // Assess
    expect(asff.Description).toHaveLength(1024);
    expect(asff.Description.startsWith('alice attached AdministratorAccess')).toBe(true);
    expect(asff.Description.endsWith('…')).toBe(true);
    expect(asff.Title).toHaveLength(256);
    expect(asff.Remediation?.Recommendation.Text.length).toBeLessThanOrEqual(512);
    expect(AsffFindingSchema.safeParse(asff).success).toBe(true);
  });

  it('falls back to the title when the summary is blank', () => {
    const finding: Finding = { ...findingOf('iam-user-created'), summary: ' \n ' };
    expect(toAsff(finding, { now: NOW }).Description).toBe(finding.title);
  });

  it('takes the product ARN, generator prefix and partition from the options', () => {
    // Prepare
    const finding = findingOf('root-console-login');
    const productArn = 'arn:aws-us-gov:securityhub:us-gov-west-1:111122223333:product/111122223333/default';
    // Act
    const asff = toAsff(finding, {
      now: NOW,
      productArn,
      generatorPrefix: 'trailwarden/',
      awsPartition: 'aws-us-gov',
    });
    // Assess
    expect(asff.ProductArn).toBe(productArn);
    expect(asff.GeneratorId).toBe('trailwarden/root-console-login');
    expect(asff.Resources[0]?.Partition).toBe('aws-us-gov');
  });

  it('imports a member account finding under the security account and lists the member account', () => {
    // Prepare
    const finding = findingOf('cloudtrail-logging-stopped');
    // Act
    const asff = toAsff(finding, { now: NOW, importAccountId: '444455556666', importRegion: 'eu-central-1' });
    // Assess
    expect(asff.AwsAccountId).toBe('444455556666');
    expect(asff.ProductArn).toBe(
      'arn:aws:securityhub:eu-central-1:444455556666:product/444455556666/default',
    );
    expect(asff.Region).toBe(finding.region);
    expect(asff.Resources).toContainEqual(
      expect.objectContaining({ Type: 'AwsAccount', Id: `AWS::::Account:${finding.account}` }),
    );
    expect(asff.ProductFields['trailwarden/account']).toBe(finding.account);
    expect(AsffFindingSchema.safeParse(asff).success).toBe(true);
  });

  it('describes the API call with the caller address', () => {
    // Prepare
    const base = findingOf('cloudtrail-logging-stopped');
    const fromIp: Finding = { ...base, actor: { ...base.actor, sourceIp: '203.0.113.24' } };
    const fromService: Finding = {
      ...base,
      actor: { ...base.actor, sourceIp: 'cloudformation.amazonaws.com' },
    };
    const fromIpv6: Finding = { ...base, actor: { ...base.actor, sourceIp: '2001:db8::1' } };
    // Act / Assess
    expect(toAsff(fromIp, { now: NOW }).Action).toEqual({
      ActionType: 'AWS_API_CALL',
      AwsApiCallAction: {
        Api: base.eventName,
        ServiceName: base.eventSource,
        CallerType: 'remoteip',
        RemoteIpDetails: { IpAddressV4: '203.0.113.24' },
        FirstSeen: new Date(base.time).toISOString(),
        LastSeen: new Date(base.time).toISOString(),
      },
    });
    expect(toAsff(fromService, { now: NOW }).Action?.AwsApiCallAction).toMatchObject({
      CallerType: 'domain',
      DomainDetails: { Domain: 'cloudformation.amazonaws.com' },
    });
    expect(toAsff(fromIpv6, { now: NOW }).Action?.AwsApiCallAction.RemoteIpDetails).toBeUndefined();
  });

  it('gives Config compliance findings no API call', () => {
    const finding = findingOf('config-rule-noncompliant');
    const asff = toAsff(finding, { now: NOW });
    expect(asff.Action).toBeUndefined();
    expect(asff.Resources.map((resource) => resource.Id)).toEqual(finding.resources);
  });

  it('keeps evidence in string product fields within the budget, listing what did not fit', () => {
    // Prepare
    const context = Object.fromEntries(
      Array.from({ length: 60 }, (_, i) => [`key${i}`, { index: i, items: ['a'] }]),
    );
    const finding: Finding = { ...findingOf('iam-inline-policy-widening'), context };
    // Act
    const fields = toAsff(finding, { now: NOW }).ProductFields;
    // Assess
    expect(Object.keys(fields).length).toBeLessThanOrEqual(45);
    expect(Object.values(fields).every((value) => typeof value === 'string')).toBe(true);
    expect(fields['trailwarden/ruleId']).toBe('iam-inline-policy-widening');
    expect(fields['trailwarden/context/key0']).toBe('{"index":0,"items":["a"]}');
    expect(fields['trailwarden/contextOmitted']).toContain('key59');
  });

  it('replaces an unparseable event time by the injected now', () => {
    const finding: Finding = { ...findingOf('iam-user-created'), time: 'yesterday' };
    const asff = toAsff(finding, { now: NOW });
    expect(asff.CreatedAt).toBe(NOW);
    expect(AsffFindingSchema.safeParse(asff).success).toBe(true);
  });
});

describe('category → ASFF Types', () => {
  it.each(CATEGORIES.map((category) => [category]))('%s maps into the taxonomy', (category) => {
    const types = CATEGORY_ASFF_TYPES[category];
    expect(types.length).toBeGreaterThan(0);
    for (const type of types) {
      expect(ASFF_NAMESPACES.some((namespace) => type.startsWith(`${namespace}/`))).toBe(true);
      expect(type.split('/').length).toBeLessThanOrEqual(3);
    }
  });
});
