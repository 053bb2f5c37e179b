import { buildChangeEvent } from '@trailwarden/testing';
import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../events/change-event.js';
import { MemoryState } from '../memory-state.js';
import {
  accountPublicAccessBlockKey,
  bucketPolicyKey,
  bucketPublicAccessBlockKey,
  s3Learners,
} from './s3.js';

const s3 = (eventName: string, requestParameters: Record<string, unknown>): ChangeEvent =>
  buildChangeEvent({ eventSource: 's3.amazonaws.com', eventName, requestParameters });

function learn(state: MemoryState, event: ChangeEvent): void {
  for (const learner of s3Learners) {
    if (learner.events.some((s) => s.source === event.eventSource && s.names.includes(event.eventName))) {
      state.apply(learner.learn(event, state));
    }
  }
}

const policy = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }],
};
const block = (on: boolean) => ({
  PublicAccessBlockConfiguration: {
    BlockPublicAcls: on,
    IgnorePublicAcls: on,
    BlockPublicPolicy: on,
    RestrictPublicBuckets: on,
  },
});

describe('s3 learners', () => {
  it('remembers a bucket policy as JSON text and forgets it on delete', () => {
    // Prepare
    const state = new MemoryState();
    // Act
    learn(state, s3('PutBucketPolicy', { bucketName: 'payments-ledger', bucketPolicy: policy, policy: '' }));
    const stored = state.get(bucketPolicyKey('payments-ledger'));
    learn(state, s3('DeleteBucketPolicy', { bucketName: 'payments-ledger', policy: '' }));
    // Assess
    expect(stored && JSON.parse(stored)).toEqual(policy);
    expect(state.get(bucketPolicyKey('payments-ledger'))).toBeUndefined();
  });

  it('keeps a policy that arrives as a string as it is', () => {
    const state = new MemoryState();
    const text = JSON.stringify(policy);
    learn(state, s3('PutBucketPolicy', { bucketName: 'payments-ledger', bucketPolicy: text }));
    expect(state.get(bucketPolicyKey('payments-ledger'))).toBe(text);
  });

  it('remembers bucket and account Block Public Access, omitted flags as false', () => {
    // Prepare
    const state = new MemoryState();
    // Act
    learn(
      state,
      s3('PutBucketPublicAccessBlock', {
        bucketName: 'static-assets-prod',
        PublicAccessBlockConfiguration: { BlockPublicAcls: true },
      }),
    );
    learn(state, s3('PutAccountPublicAccessBlock', block(true)));
    // Assess
    expect(state.get(bucketPublicAccessBlockKey('static-assets-prod'))).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: false,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: false,
    });
    expect(state.get(accountPublicAccessBlockKey('111122223333'))?.RestrictPublicBuckets).toBe(true);
  });

  it.each([
    ['DeleteBucketPublicAccessBlock', bucketPublicAccessBlockKey('static-assets-prod')],
    ['DeleteAccountPublicAccessBlock', accountPublicAccessBlockKey('111122223333')],
  ])('forgets the configuration on %s', (eventName, key) => {
    const state = new MemoryState();
    learn(state, s3('PutBucketPublicAccessBlock', { bucketName: 'static-assets-prod', ...block(true) }));
    learn(state, s3('PutAccountPublicAccessBlock', block(true)));
    learn(state, s3(eventName, { bucketName: 'static-assets-prod' }));
    expect(state.get(key)).toBeUndefined();
  });

  it('ignores records without a bucket or configuration', () => {
    const state = new MemoryState();
    learn(state, s3('PutBucketPolicy', {}));
    learn(state, s3('PutBucketPublicAccessBlock', { bucketName: 'static-assets-prod' }));
    expect(state.size).toBe(0);
  });
});
