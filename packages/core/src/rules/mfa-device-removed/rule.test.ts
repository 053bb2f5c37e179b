import { buildChangeEvent, describeRuleFixtures } from '@trailwarden/testing';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../events/change-event.js';
import { DEFAULT_DETECTION_SETTINGS } from '../../settings/detection-settings.js';
import { MemoryState } from '../../state/memory-state.js';
import rule from './rule.js';

describeRuleFixtures(rule, new URL('./fixtures/', import.meta.url));

const context = { settings: DEFAULT_DETECTION_SETTINGS, state: new MemoryState(), count: 0 };
const alice: Actor = {
  type: 'IAMUser',
  arn: 'arn:aws:iam::111122223333:user/alice',
  accountId: '111122223333',
  userName: 'alice',
  mfaUsed: true,
  viaConsole: false,
  provenance: 'human-api',
};
const root: Actor = { ...alice, type: 'Root', arn: 'arn:aws:iam::111122223333:root', userName: undefined };

describe('mfa-device-removed target', () => {
  it.each([
    [
      'root deactivating its own named device',
      'DeactivateMFADevice',
      root,
      { serialNumber: 'arn:aws:iam::111122223333:mfa/ops-yubikey' },
      'root',
    ],
    [
      'anyone deleting the root virtual device',
      'DeleteVirtualMFADevice',
      alice,
      { serialNumber: 'arn:aws:iam::111122223333:mfa/root-account-mfa-device' },
      'root',
    ],
    [
      'a user deactivating its own device',
      'DeactivateMFADevice',
      alice,
      { serialNumber: 'arn:aws:iam::111122223333:mfa/alice' },
      'standard',
    ],
    [
      'root deleting a device of unknown owner',
      'DeleteVirtualMFADevice',
      root,
      { serialNumber: 'arn:aws:iam::111122223333:mfa/carol' },
      'unknown',
    ],
  ])('%s → %s', (_name, eventName, actor, requestParameters, privilege) => {
    // Prepare
    const event = buildChangeEvent({ eventName, actor, requestParameters });
    // Act
    const match = rule.match(event, context);
    // Assess
    expect(match?.context?.privilege).toBe(privilege);
    expect(match?.severity).toBe(privilege === 'root' ? 'critical' : 'high');
  });
});
