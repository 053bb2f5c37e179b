import { describe, expect, it } from 'vitest';
import {
  type RecorderScope,
  readDeliveryChannel,
  readRecorder,
  recorderNarrowing,
} from './config-recorder.js';

const full: RecorderScope = {
  name: 'default',
  strategy: 'ALL_SUPPORTED_RESOURCE_TYPES',
  includeGlobalResourceTypes: true,
  resourceTypes: [],
  excludedResourceTypes: [],
  recordingFrequency: 'CONTINUOUS',
};

describe('readRecorder', () => {
  it.each([
    [
      'no recording group: all regional types, no global types',
      { name: 'default' },
      { strategy: 'ALL_SUPPORTED_RESOURCE_TYPES', includeGlobalResourceTypes: false },
    ],
    [
      'allSupported',
      { name: 'main', recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } },
      { name: 'main', strategy: 'ALL_SUPPORTED_RESOURCE_TYPES', includeGlobalResourceTypes: true },
    ],
    [
      'inclusion list without a strategy',
      { name: 'default', recordingGroup: { allSupported: false, resourceTypes: ['AWS::S3::Bucket'] } },
      { strategy: 'INCLUSION_BY_RESOURCE_TYPES', resourceTypes: ['AWS::S3::Bucket'] },
    ],
    [
      'exclusion strategy and daily recording',
      {
        name: 'default',
        recordingGroup: {
          allSupported: false,
          exclusionByResourceTypes: { resourceTypes: ['AWS::EC2::NetworkInterface'] },
          recordingStrategy: { useOnly: 'EXCLUSION_BY_RESOURCE_TYPES' },
        },
        recordingMode: { recordingFrequency: 'DAILY' },
      },
      {
        strategy: 'EXCLUSION_BY_RESOURCE_TYPES',
        excludedResourceTypes: ['AWS::EC2::NetworkInterface'],
        recordingFrequency: 'DAILY',
      },
    ],
  ])('%s', (_name, configurationRecorder, expected) => {
    expect(readRecorder({ configurationRecorder })).toMatchObject(expected);
  });

  it('returns undefined without a recorder', () => {
    expect(readRecorder({})).toBeUndefined();
  });
});

describe('readDeliveryChannel', () => {
  it('reads the destination', () => {
    expect(
      readDeliveryChannel({
        deliveryChannel: {
          name: 'default',
          s3BucketName: 'config-bucket',
          snsTopicARN: 'arn:aws:sns:us-east-1:111122223333:config',
        },
      }),
    ).toEqual({
      name: 'default',
      s3BucketName: 'config-bucket',
      snsTopicARN: 'arn:aws:sns:us-east-1:111122223333:config',
    });
  });
});

describe('recorderNarrowing', () => {
  const inclusion = {
    ...full,
    strategy: 'INCLUSION_BY_RESOURCE_TYPES',
    includeGlobalResourceTypes: false,
    resourceTypes: ['AWS::S3::Bucket', 'AWS::IAM::Role'],
  };
  const exclusion = {
    ...full,
    strategy: 'EXCLUSION_BY_RESOURCE_TYPES',
    includeGlobalResourceTypes: false,
    excludedResourceTypes: ['AWS::EC2::NetworkInterface'],
  };
  it.each<
    readonly [string, RecorderScope | undefined, RecorderScope, readonly (readonly [string, string])[]]
  >([
    ['full recorder, nothing known', undefined, full, []],
    ['full recorder again', full, full, []],
    [
      'inclusion list after a full recorder',
      full,
      inclusion,
      [['records only 2 selected resource types', 'high']],
    ],
    [
      'inclusion list, previous unknown',
      undefined,
      inclusion,
      [['records only 2 selected resource types', 'high']],
    ],
    ['inclusion list that grew', { ...inclusion, resourceTypes: ['AWS::S3::Bucket'] }, inclusion, []],
    [
      'inclusion list that lost a type',
      inclusion,
      { ...inclusion, resourceTypes: ['AWS::S3::Bucket'] },
      [['records only 1 selected resource type', 'high']],
    ],
    ['exclusions after a full recorder', full, exclusion, [['excludes 1 selected resource type', 'high']]],
    ['same exclusions again', exclusion, exclusion, []],
    ['exclusions after an inclusion list (records more)', inclusion, exclusion, []],
    [
      'global types dropped from a known recorder',
      full,
      { ...full, includeGlobalResourceTypes: false },
      [['stopped recording global resource types', 'high']],
    ],
    [
      'global types off, previous unknown',
      undefined,
      { ...full, includeGlobalResourceTypes: false },
      [['does not record global resource types', 'medium']],
    ],
    [
      'global types were already off',
      { ...full, includeGlobalResourceTypes: false },
      { ...full, includeGlobalResourceTypes: false },
      [],
    ],
    [
      'daily instead of continuous',
      full,
      { ...full, recordingFrequency: 'DAILY' },
      [['records daily instead of continuously', 'medium']],
    ],
  ])('%s', (_name, before, after, expected) => {
    // Act
    const narrowed = recorderNarrowing(before, after);
    // Assess
    expect(narrowed.map((n) => n.severity)).toEqual(expected.map(([, severity]) => severity));
    for (const [i, [what]] of expected.entries()) expect(narrowed[i]?.what).toContain(what);
  });
});
