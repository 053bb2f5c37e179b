import { buildChangeEvent } from '@trailwarden/testing';
import { describe, expect, it } from 'vitest';
import { MemoryState } from '../memory-state.js';
import {
  IAM_PASSWORD_POLICY_DEFAULTS,
  passwordPolicyFromRequest,
  passwordPolicyKey,
  passwordPolicyLearner,
} from './password-policy.js';

describe('passwordPolicyFromRequest', () => {
  it('fills what the request leaves out with IAM defaults (no partial updates)', () => {
    // Act
    const policy = passwordPolicyFromRequest({ minimumPasswordLength: 14, requireSymbols: true });
    // Assess
    expect(policy).toEqual({
      ...IAM_PASSWORD_POLICY_DEFAULTS,
      minimumPasswordLength: 14,
      requireSymbols: true,
    });
  });

  it('reads numbers and booleans written as strings, and ignores junk', () => {
    // Act
    const policy = passwordPolicyFromRequest({
      minimumPasswordLength: '16',
      requireNumbers: 'true',
      maxPasswordAge: null,
    });
    // Assess
    expect(policy.minimumPasswordLength).toBe(16);
    expect(policy.requireNumbers).toBe(true);
    expect(policy.maxPasswordAge).toBe(0);
  });
});

describe('passwordPolicyLearner', () => {
  it('remembers the policy an update put in force, per account', () => {
    // Prepare
    const state = new MemoryState();
    const event = buildChangeEvent({
      eventName: 'UpdateAccountPasswordPolicy',
      account: '444455556666',
      requestParameters: { minimumPasswordLength: 20, passwordReusePrevention: 24 },
    });
    // Act
    state.apply(passwordPolicyLearner.learn(event, state));
    // Assess
    expect(state.get(passwordPolicyKey('444455556666'))).toMatchObject({
      minimumPasswordLength: 20,
      passwordReusePrevention: 24,
    });
    expect(state.get(passwordPolicyKey('111122223333'))).toBeUndefined();
  });

  it('forgets the policy when it is deleted', () => {
    // Prepare
    const state = new MemoryState();
    state.apply(
      passwordPolicyLearner.learn(
        buildChangeEvent({
          eventName: 'UpdateAccountPasswordPolicy',
          requestParameters: { minimumPasswordLength: 14 },
        }),
        state,
      ),
    );
    // Act
    state.apply(
      passwordPolicyLearner.learn(buildChangeEvent({ eventName: 'DeleteAccountPasswordPolicy' }), state),
    );
    // Assess
    expect(state.get(passwordPolicyKey('111122223333'))).toBeUndefined();
  });
});
