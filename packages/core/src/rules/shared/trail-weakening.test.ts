import { describe, expect, it } from 'vitest';
import type { TrailState } from '../../state/learners/cloudtrail.js';
import type { SelectorCoverage } from './event-selectors.js';
import type { TrailSettings } from './trail.js';
import { insightWeakenings, selectorWeakenings, updateTrailWeakenings } from './trail-weakening.js';

const ARN = 'arn:aws:cloudtrail:us-east-1:111122223333:trail/management-events';
const OWN_KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const known: TrailState = {
  arn: ARN,
  name: 'management-events',
  s3BucketName: 'aws-cloudtrail-logs-111122223333-5f1e2d',
  isMultiRegionTrail: true,
  includeGlobalServiceEvents: true,
  logFileValidationEnabled: true,
  isOrganizationTrail: false,
  kmsKeyId: OWN_KEY,
  cloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:111122223333:log-group:trail:*',
};
const ctx = {
  account: '111122223333',
  allowedAccounts: ['123456789012'],
  isTrailBucket: (bucket: string) => bucket === 'central-trail-logs',
};

describe('updateTrailWeakenings', () => {
  it.each<
    readonly [string, TrailSettings, TrailState | undefined, readonly (readonly [string, string, boolean])[]]
  >([
    [
      'validation off, known on',
      { logFileValidationEnabled: false },
      known,
      [['logFileValidationEnabled', 'high', true]],
    ],
    [
      'validation off, unknown before',
      { logFileValidationEnabled: false },
      undefined,
      [['logFileValidationEnabled', 'high', false]],
    ],
    [
      'validation already off',
      { logFileValidationEnabled: false },
      { ...known, logFileValidationEnabled: false },
      [],
    ],
    ['validation on', { logFileValidationEnabled: true }, undefined, []],
    [
      'multi-region and global events off',
      { isMultiRegionTrail: false, includeGlobalServiceEvents: false },
      known,
      [
        ['isMultiRegionTrail', 'high', true],
        ['includeGlobalServiceEvents', 'high', true],
      ],
    ],
    [
      'organization scope off',
      { isOrganizationTrail: false },
      { ...known, isOrganizationTrail: true },
      [['isOrganizationTrail', 'high', true]],
    ],
    ['bucket moved', { s3BucketName: 'exfil-drop-7731' }, known, [['s3BucketName', 'high', true]]],
    ['same bucket', { s3BucketName: known.s3BucketName }, known, []],
    ['unknown previous, known trail bucket', { s3BucketName: 'central-trail-logs' }, undefined, []],
    [
      'unknown previous, unknown bucket',
      { s3BucketName: 'exfil-drop-7731' },
      undefined,
      [['s3BucketName', 'medium', false]],
    ],
    ['encryption removed', { kmsKeyId: '' }, known, [['kmsKeyId', 'high', true]]],
    [
      'encryption "removed" from a trail known to have none',
      { kmsKeyId: '' },
      { ...known, kmsKeyId: undefined },
      [],
    ],
    [
      'key of an outside account',
      { kmsKeyId: 'arn:aws:kms:us-east-1:444455556666:key/0987dcba-09fe-87dc-65ba-ab0987654321' },
      undefined,
      [['kmsKeyId', 'high', false]],
    ],
    [
      'key of an allowed account',
      { kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/0987dcba-09fe-87dc-65ba-ab0987654321' },
      undefined,
      [],
    ],
    [
      'another key in the same account',
      { kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/5555aaaa-12ab-34cd-56ef-1234567890ab' },
      known,
      [['kmsKeyId', 'medium', true]],
    ],
    ['same key by id', { kmsKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' }, known, []],
    [
      'CloudWatch Logs removed',
      { cloudWatchLogsLogGroupArn: '' },
      known,
      [['cloudWatchLogsLogGroupArn', 'high', true]],
    ],
    ['nothing named', { name: 'management-events' }, known, []],
  ])('%s', (_name, requested, before, expected) => {
    // Act
    const weakenings = updateTrailWeakenings(requested, undefined, before, ctx);
    // Assess
    expect(weakenings.map((w) => [w.setting, w.severity, w.previousKnown])).toEqual(expected);
  });

  it('judges the key the response reports, not the alias the request named', () => {
    const outside = 'arn:aws:kms:us-east-1:444455556666:key/0987dcba-09fe-87dc-65ba-ab0987654321';
    const weakenings = updateTrailWeakenings(
      { kmsKeyId: 'alias/cloudtrail' },
      { kmsKeyId: outside },
      known,
      ctx,
    );
    expect(weakenings.map((w) => w.after)).toEqual([outside]);
  });
});

describe('selectorWeakenings', () => {
  const everything: SelectorCoverage = {
    managementWrites: true,
    managementReads: true,
    excludedSources: [],
    dataEvents: true,
  };
  it.each<readonly [string, SelectorCoverage | undefined, SelectorCoverage, readonly string[]]>([
    ['nothing lost', everything, everything, []],
    [
      'management off, unknown before',
      undefined,
      { ...everything, managementWrites: false, managementReads: false },
      ['high', 'medium'],
    ],
    ['reads dropped', everything, { ...everything, managementReads: false }, ['medium']],
    [
      'reads were already dropped',
      { ...everything, managementReads: false },
      { ...everything, managementReads: false },
      [],
    ],
    ['KMS newly excluded', everything, { ...everything, excludedSources: ['kms.amazonaws.com'] }, ['medium']],
    [
      'KMS was already excluded',
      { ...everything, excludedSources: ['kms.amazonaws.com'] },
      { ...everything, excludedSources: ['kms.amazonaws.com'] },
      [],
    ],
    ['data events dropped', everything, { ...everything, dataEvents: false }, ['medium']],
    ['data events unknown before', undefined, { ...everything, dataEvents: false }, []],
  ])('%s', (_name, before, after, severities) => {
    expect(selectorWeakenings(before, after).map((w) => w.severity)).toEqual(severities);
  });
});

describe('insightWeakenings', () => {
  it.each<readonly [string, readonly string[] | undefined, readonly string[], readonly string[]]>([
    ['insights removed', ['ApiCallRateInsight', 'ApiErrorRateInsight'], [], ['high']],
    ['one type removed', ['ApiCallRateInsight', 'ApiErrorRateInsight'], ['ApiCallRateInsight'], ['high']],
    ['insights off, unknown before', undefined, [], ['medium']],
    ['insights on', undefined, ['ApiCallRateInsight'], []],
    ['a type added', ['ApiCallRateInsight'], ['ApiCallRateInsight', 'ApiErrorRateInsight'], []],
  ])('%s', (_name, before, after, severities) => {
    expect(insightWeakenings(before, after).map((w) => w.severity)).toEqual(severities);
  });
});
