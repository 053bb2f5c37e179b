import { describe, expect, it } from 'vitest';
import type { Finding } from '../findings/finding.js';
import { parseSettings } from '../settings/parse-settings.js';
import { checkSuppressions, matchSuppression } from './suppressions.js';

const NOW = new Date('2026-11-02T12:00:00Z');

const finding: Finding = {
  id: 'f-1',
  ruleId: 's3-bucket-policy-public',
  category: 's3_public_exposure',
  severity: 'critical',
  title: 'S3 bucket policy allows public access',
  summary: 'role deploy made bucket open-data-2026 public',
  eventId: 'e-1',
  eventName: 'PutBucketPolicy',
  eventSource: 's3.amazonaws.com',
  account: '444455556666',
  region: 'eu-west-1',
  time: '2026-11-02T10:00:00Z',
  actor: {
    type: 'AssumedRole',
    arn: 'arn:aws:sts::444455556666:assumed-role/data-publisher/session-7',
    mfa: false,
    provenance: 'human-api',
  },
  resources: ['arn:aws:s3:::open-data-2026'],
  context: {},
  references: {},
  runbook: '…',
  dedupeKey: 's3-bucket-policy-public|444455556666|arn:aws:s3:::open-data-2026',
  remediation: [],
};

const base = { owner: 'data-team', reason: 'public dataset', expires: '2027-01-31' };

describe('matchSuppression', () => {
  it.each([
    { name: 'rule id', scope: { rules: ['s3-bucket-policy-public'] }, matches: true },
    { name: 'other rule id', scope: { rules: ['s3-acl-public'] }, matches: false },
    { name: 'category', scope: { categories: ['s3_public_exposure'] }, matches: true },
    { name: 'account', scope: { accounts: ['444455556666'] }, matches: true },
    { name: 'other account', scope: { accounts: ['111122223333'] }, matches: false },
    { name: 'region', scope: { regions: ['eu-west-1'] }, matches: true },
    { name: 'other region', scope: { regions: ['us-east-1'] }, matches: false },
    { name: 'resource pattern with *', scope: { resources: ['arn:aws:s3:::open-data-*'] }, matches: true },
    { name: 'resource pattern with ?', scope: { resources: ['arn:aws:s3:::open-data-202?'] }, matches: true },
    {
      name: 'resource patterns are case-sensitive',
      scope: { resources: ['arn:aws:s3:::Open-Data-*'] },
      matches: false,
    },
    {
      name: 'session ARN pattern',
      scope: { principals: ['arn:aws:sts::444455556666:assumed-role/data-*/*'] },
      matches: true,
    },
    {
      name: 'role ARN of an assumed-role session',
      scope: { principals: ['arn:aws:iam::444455556666:role/data-publisher'] },
      matches: true,
    },
    {
      name: 'other role',
      scope: { principals: ['arn:aws:iam::444455556666:role/deploy-*'] },
      matches: false,
    },
    {
      name: 'every key must match',
      scope: { rules: ['s3-bucket-policy-public'], regions: ['us-east-1'] },
      matches: false,
    },
    {
      name: 'any value of a key may match',
      scope: {
        rules: ['s3-acl-public', 's3-bucket-policy-public'],
        accounts: ['111122223333', '444455556666'],
      },
      matches: true,
    },
  ])('$name → $matches', ({ scope, matches }) => {
    // Prepare
    const settings = parseSettings({ suppressions: [{ id: 'open-data', ...base, ...scope }] });
    // Act
    const ref = matchSuppression(finding, settings, NOW);
    // Assess
    expect(ref?.id).toBe(matches ? 'open-data' : undefined);
  });

  it('returns the reference a store keeps', () => {
    // Prepare
    const settings = parseSettings({
      suppressions: [{ id: 'open-data', ...base, rules: ['s3-bucket-policy-public'] }],
    });
    // Act
    const ref = matchSuppression(finding, settings, NOW);
    // Assess
    expect(ref).toEqual({
      id: 'open-data',
      owner: 'data-team',
      reason: 'public dataset',
      expires: '2027-01-31T00:00:00Z',
    });
  });

  it.each([
    { name: 'one second before expiry', now: '2027-01-30T23:59:59Z', applies: true },
    { name: 'at the expiry instant', now: '2027-01-31T00:00:00Z', applies: false },
    { name: 'after expiry', now: '2027-02-01T00:00:00Z', applies: false },
  ])('$name: applies = $applies', ({ now, applies }) => {
    // Prepare
    const settings = parseSettings({
      suppressions: [{ id: 'open-data', ...base, rules: ['s3-bucket-policy-public'] }],
    });
    // Act
    const check = checkSuppressions(finding, settings.suppressions, new Date(now));
    // Assess
    expect(check.applied?.id).toBe(applies ? 'open-data' : undefined);
    expect(check.expired.map((s) => s.id)).toEqual(applies ? [] : ['open-data']);
  });

  it('skips an expired suppression for a later one that still applies', () => {
    // Prepare
    const settings = parseSettings({
      suppressions: [
        { id: 'old', ...base, expires: '2026-10-01', rules: ['s3-bucket-policy-public'] },
        { id: 'renewed', ...base, expires: '2027-03-01', resources: ['arn:aws:s3:::open-data-*'] },
      ],
    });
    // Act
    const check = checkSuppressions(finding, settings.suppressions, NOW);
    // Assess
    expect(check.applied?.id).toBe('renewed');
    expect(check.expired.map((s) => s.id)).toEqual(['old']);
  });
});
