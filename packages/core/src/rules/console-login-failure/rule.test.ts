import { buildChangeEvent, describeRuleFixtures } from '@trailwarden/testing';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../events/change-event.js';
import { parseDetectionSettings } from '../../settings/detection-settings.js';
import { MemoryState } from '../../state/memory-state.js';
import rule from './rule.js';

describeRuleFixtures(rule, new URL('./fixtures/', import.meta.url));

const visitor: Actor = {
  type: 'IAMUser',
  accountId: '111122223333',
  userName: 'alice',
  mfaUsed: false,
  viaConsole: true,
  provenance: 'human-console',
  sourceIp: '192.0.2.10',
};

const failure = (overrides: Parameters<typeof buildChangeEvent>[0] = {}) =>
  buildChangeEvent({
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    eventType: 'AwsConsoleSignIn',
    success: false,
    errorMessage: 'Failed authentication',
    responseElements: { ConsoleLogin: 'Failure' },
    ...overrides,
  });

describe('console-login-failure judgement', () => {
  const settings = parseDetectionSettings({
    thresholds: { consoleLoginFailures: { count: 3, windowMinutes: 5 } },
  });

  it('counts failures per source IP over the configured window', () => {
    // Act
    const spec = rule.counter?.(failure({ actor: visitor }), settings);
    // Assess
    expect(spec).toEqual({ key: 'console-login-failure#ip:192.0.2.10', windowSeconds: 300 });
  });

  it('counts per user when the record has no source address', () => {
    // Act
    const spec = rule.counter?.(failure({ actor: { ...visitor, sourceIp: undefined } }), settings);
    // Assess
    expect(spec?.key).toBe('console-login-failure#user:111122223333/alice');
  });

  it('does not count successful sign-ins', () => {
    // Prepare
    const success = buildChangeEvent({
      eventSource: 'signin.amazonaws.com',
      eventName: 'ConsoleLogin',
      responseElements: { ConsoleLogin: 'Success' },
    });
    // Act / Assess
    expect(rule.counter?.(success, settings)).toBeUndefined();
  });

  it('keys a burst apart from single failures so the burst is announced', () => {
    // Prepare
    const event = failure({ actor: visitor });
    const state = new MemoryState();
    // Act
    const single = rule.match(event, { settings, state, count: 1 });
    const burst = rule.match(event, { settings, state, count: 3 });
    // Assess
    expect([single?.severity, burst?.severity]).toEqual(['low', 'medium']);
    expect(single?.dedupe).not.toEqual(burst?.dedupe);
  });
});
