import { CATALOG, type Finding, SEVERITIES } from '@trailwarden/core';
import { describe, expect, it } from 'vitest';
import packageJson from '../../../package.json' with { type: 'json' };
import { OcsfDetectionFindingSchema } from '../schemas/ocsf-schema.js';
import { findingOf } from '../test-findings.js';
import { OCSF_SEVERITY } from './ocsf-enums.js';
import { toOcsf } from './to-ocsf.js';

const NOW = '2026-11-02T10:15:00.000Z';

describe('toOcsf', () => {
  it('fills the required attributes of a Detection Finding for a fresh finding', () => {
    // Prepare
    const finding = findingOf('root-console-login');
    const eventMs = Date.parse(finding.time);
    // Act
    const event = toOcsf(finding, { now: NOW });
    // Assess
    expect(OcsfDetectionFindingSchema.safeParse(event).success).toBe(true);
    expect(event).toMatchObject({
      activity_id: 1,
      activity_name: 'Create',
      category_uid: 2,
      class_uid: 2004,
      type_uid: 200401,
      severity_id: OCSF_SEVERITY[finding.severity].id,
      status_id: 1,
      status: 'New',
      time: eventMs,
      count: 1,
      message: finding.summary,
      metadata: {
        version: '1.1.0',
        uid: finding.id,
        correlation_uid: finding.dedupeKey,
        product: { name: 'trailwarden', vendor_name: 'trailwarden', version: packageJson.version },
      },
      finding_info: {
        uid: finding.id,
        title: finding.title,
        desc: finding.summary,
        types: ['root_activity'],
        created_time: eventMs,
        first_seen_time: eventMs,
        last_seen_time: eventMs,
        analytic: { uid: 'root-console-login', type_id: 1, type: 'Rule' },
      },
      cloud: { provider: 'AWS', region: finding.region, account: { uid: finding.account, type_id: 10 } },
      api: { operation: 'ConsoleLogin', service: { name: 'signin.amazonaws.com' } },
    });
  });

  it('names the analytic after the catalog rule', () => {
    const rule = CATALOG.find((candidate) => candidate.id === 'root-console-login');
    expect(toOcsf(findingOf('root-console-login'), { now: NOW }).finding_info.analytic.name).toBe(
      rule?.title,
    );
  });

  it('puts the actor and the caller address in the evidence', () => {
    // Prepare
    const finding = findingOf('root-console-login');
    // Act
    const [evidence] = toOcsf(finding, { now: NOW }).evidences ?? [];
    // Assess
    expect(evidence).toEqual({
      actor: {
        user: {
          type_id: 2,
          type: 'Admin',
          uid: finding.actor.arn,
          account: { uid: finding.account, type: 'AWS Account', type_id: 10 },
        },
        session: { is_mfa: finding.actor.mfa },
      },
      api: { operation: 'ConsoleLogin', service: { name: 'signin.amazonaws.com' } },
      src_endpoint: { ip: finding.actor.sourceIp },
    });
  });

  it('reports an AWS service caller as a system user with its domain', () => {
    // Prepare
    const base = findingOf('cloudtrail-logging-stopped');
    const finding: Finding = {
      ...base,
      actor: {
        type: 'AWSService',
        principalId: 'cloudformation.amazonaws.com',
        sourceIp: 'cloudformation.amazonaws.com',
        mfa: false,
        provenance: 'aws-service',
      },
    };
    // Act
    const [evidence] = toOcsf(finding, { now: NOW }).evidences ?? [];
    // Assess
    expect(evidence?.actor).toEqual({
      user: {
        type_id: 3,
        type: 'System',
        uid: 'cloudformation.amazonaws.com',
        account: expect.objectContaining({ uid: base.account }),
      },
    });
    expect(evidence?.src_endpoint).toEqual({ domain: 'cloudformation.amazonaws.com' });
  });

  it('maps every severity to its OCSF id and caption', () => {
    for (const severity of SEVERITIES) {
      const event = toOcsf({ ...findingOf('iam-user-created'), severity }, { now: NOW });
      expect([event.severity_id, event.severity]).toEqual([
        OCSF_SEVERITY[severity].id,
        OCSF_SEVERITY[severity].caption,
      ]);
      expect(OcsfDetectionFindingSchema.safeParse(event).success).toBe(true);
    }
    expect(SEVERITIES.map((severity) => OCSF_SEVERITY[severity].id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('types resources with CloudFormation names and falls back to the account', () => {
    // Prepare
    const withResources: Finding = {
      ...findingOf('iam-admin-policy-attached'),
      resources: ['arn:aws:iam::111122223333:role/github-deploy', 'arn:aws:s3:::payments-ledger'],
    };
    // Act
    const resources = toOcsf(withResources, { now: NOW }).resources;
    const fallback = toOcsf(findingOf('root-console-login'), { now: NOW }).resources;
    // Assess
    expect(resources).toEqual([
      {
        uid: 'arn:aws:iam::111122223333:role/github-deploy',
        type: 'AWS::IAM::Role',
        name: 'github-deploy',
        region: withResources.region,
        cloud_partition: 'aws',
      },
      {
        uid: 'arn:aws:s3:::payments-ledger',
        type: 'AWS::S3::Bucket',
        name: 'payments-ledger',
        region: withResources.region,
        cloud_partition: 'aws',
      },
    ]);
    expect(fallback).toEqual([expect.objectContaining({ uid: '111122223333', type: 'AWS::::Account' })]);
  });

  it('gives Config compliance findings no API call', () => {
    const event = toOcsf(findingOf('config-rule-noncompliant'), { now: NOW });
    expect(event.api).toBeUndefined();
    expect(event.evidences?.[0]?.api).toBeUndefined();
    expect(OcsfDetectionFindingSchema.safeParse(event).success).toBe(true);
  });

  it('keeps the runbook as remediation and the rest in unmapped', () => {
    // Prepare
    const finding = findingOf('root-console-login');
    // Act
    const event = toOcsf(finding, { now: NOW });
    // Assess
    expect(event.remediation).toEqual({ desc: finding.runbook.trim(), references: finding.references.links });
    expect(event.unmapped).toMatchObject({
      rule_id: finding.ruleId,
      category: finding.category,
      dedupe_key: finding.dedupeKey,
      context: finding.context,
      references: { cis: ['4.3'] },
    });
  });

  it('falls back to the title, then the rule id, when texts are blank', () => {
    const base = findingOf('iam-user-created');
    const noSummary = toOcsf({ ...base, summary: '  ' }, { now: NOW });
    const nothing = toOcsf({ ...base, summary: '', title: '' }, { now: NOW });
    expect([noSummary.message, noSummary.finding_info.desc]).toEqual([base.title, base.title]);
    expect([nothing.message, nothing.finding_info.title]).toEqual(['iam-user-created', 'iam-user-created']);
    expect(OcsfDetectionFindingSchema.safeParse(nothing).success).toBe(true);
  });

  it('takes the product version and vendor from the options', () => {
    const event = toOcsf(findingOf('iam-user-created'), {
      now: NOW,
      productVersion: '9.9.9',
      vendorName: 'Example Corp',
    });
    expect(event.metadata.product).toEqual({
      name: 'trailwarden',
      vendor_name: 'Example Corp',
      version: '9.9.9',
    });
  });
});
