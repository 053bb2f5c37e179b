import { buildChangeEvent } from '@trailwarden/testing';
import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../events/change-event.js';
import { MemoryState } from '../memory-state.js';
import { trailBucketKey, trailKey } from './cloudtrail.js';
import { configRecorderKey, deliveryChannelKey } from './config.js';
import { learnersFor } from './index.js';

const ARN = 'arn:aws:cloudtrail:us-east-1:111122223333:trail/management-events';
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

const call = (
  eventSource: string,
  eventName: string,
  requestParameters: Record<string, unknown>,
  responseElements: Record<string, unknown> = {},
): ChangeEvent => buildChangeEvent({ eventSource, eventName, requestParameters, responseElements });
const trailCall = (
  eventName: string,
  request: Record<string, unknown>,
  response: Record<string, unknown> = {},
) => call('cloudtrail.amazonaws.com', eventName, request, response);

function learn(state: MemoryState, ...events: ChangeEvent[]): void {
  for (const event of events) {
    for (const learner of learnersFor(event.eventSource, event.eventName)) {
      state.apply(learner.learn(event, state));
    }
  }
}

const created = {
  name: 'management-events',
  s3BucketName: 'trail-logs-a',
  includeGlobalServiceEvents: true,
  isMultiRegionTrail: true,
  trailARN: ARN,
  logFileValidationEnabled: true,
  isOrganizationTrail: false,
  kmsKeyId: KEY,
};

describe('cloudtrail learners', () => {
  it('learns a trail from CreateTrail and merges UpdateTrail, clearing emptied settings', () => {
    // Prepare
    const state = new MemoryState();
    // Act
    learn(
      state,
      trailCall('CreateTrail', { name: 'management-events', s3BucketName: 'trail-logs-a' }, created),
      trailCall('UpdateTrail', { name: ARN, kmsKeyId: '', enableLogFileValidation: false }),
    );
    // Assess
    const trail = state.get(trailKey(ARN));
    expect(trail).toMatchObject({
      arn: ARN,
      name: 'management-events',
      s3BucketName: 'trail-logs-a',
      logFileValidationEnabled: false,
      isMultiRegionTrail: true,
    });
    expect(trail?.kmsKeyId).toBeUndefined();
  });

  it('keeps a bucket as a trail bucket after the trail moves away or is deleted', () => {
    const state = new MemoryState();
    learn(
      state,
      trailCall('CreateTrail', { name: 'management-events', s3BucketName: 'trail-logs-a' }, created),
      trailCall(
        'UpdateTrail',
        { name: 'management-events', s3BucketName: 'trail-logs-b' },
        { ...created, s3BucketName: 'trail-logs-b' },
      ),
      trailCall('DeleteTrail', { name: 'management-events' }),
    );
    expect(state.get(trailBucketKey('trail-logs-a'))?.trails).toEqual([ARN]);
    expect(state.get(trailBucketKey('trail-logs-b'))?.trails).toEqual([ARN]);
    expect(state.get(trailKey(ARN))).toBeUndefined();
  });

  it('learns event selectors (from the response) and insight types', () => {
    const state = new MemoryState();
    const selectors = [
      {
        readWriteType: 'WriteOnly',
        includeManagementEvents: true,
        dataResources: [],
        excludeManagementEventSources: [],
      },
    ];
    learn(
      state,
      trailCall(
        'PutEventSelectors',
        { trailName: 'management-events', eventSelectors: selectors },
        { trailARN: ARN, eventSelectors: selectors },
      ),
      trailCall('PutInsightSelectors', {
        trailName: ARN,
        insightSelectors: [{ insightType: 'ApiCallRateInsight' }],
      }),
    );
    expect(state.get(trailKey(ARN))).toEqual({
      arn: ARN,
      selectors: { managementWrites: true, managementReads: false, excludedSources: [], dataEvents: false },
      insightTypes: ['ApiCallRateInsight'],
    });
  });

  it('learns AWS Config recorders and delivery channels, and forgets deleted ones', () => {
    // Prepare
    const state = new MemoryState();
    const scope = { account: '111122223333', region: 'us-east-1' };
    // Act
    learn(
      state,
      call('config.amazonaws.com', 'PutConfigurationRecorder', {
        configurationRecorder: {
          name: 'default',
          recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
        },
      }),
      call('config.amazonaws.com', 'PutDeliveryChannel', {
        deliveryChannel: { name: 'default', s3BucketName: 'config-bucket' },
      }),
    );
    const recorder = state.get(configRecorderKey(scope, 'default'));
    learn(state, call('config.amazonaws.com', 'DeleteDeliveryChannel', { deliveryChannelName: 'default' }));
    // Assess
    expect(recorder?.includeGlobalResourceTypes).toBe(true);
    expect(state.get(deliveryChannelKey(scope, 'default'))).toBeUndefined();
  });
});
