import { buildChangeEvent, describeRuleFixtures } from '@trailwarden/testing';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTION_SETTINGS } from '../../settings/detection-settings.js';
import { patternMatches } from '../event-patterns.js';
import rule, { isUnauthorizedErrorCode } from './rule.js';

describeRuleFixtures(rule, new URL('./fixtures/', import.meta.url));

describe('unauthorized-api-call judgement', () => {
  it.each([
    ['AccessDenied', true],
    ['AccessDeniedException', true],
    ['UnauthorizedOperation', true],
    ['Client.UnauthorizedOperation', true],
    ['UnauthorizedAccess', true],
    ['ThrottlingException', false],
    ['NoSuchEntity', false],
    ['InvalidClientTokenId', false],
  ])('%s is an unauthorized error code: %s', (code, expected) => {
    // Act / Assess
    expect(isUnauthorizedErrorCode(code)).toBe(expected);
    // The EventBridge filter must deliver exactly the same codes.
    expect(patternMatches(rule.eventPatternDetail, { errorCode: code })).toBe(expected);
  });

  it('counts nothing for successful calls, so the counter stays off the hot path', () => {
    // Prepare
    const event = buildChangeEvent({ eventSource: 's3.amazonaws.com', eventName: 'ListBuckets' });
    // Act / Assess
    expect(rule.counter?.(event, DEFAULT_DETECTION_SETTINGS)).toBeUndefined();
  });

  it('counts denied calls per principal, over the configured window', () => {
    // Prepare
    const event = buildChangeEvent({
      eventSource: 's3.amazonaws.com',
      eventName: 'ListBuckets',
      success: false,
      errorCode: 'AccessDenied',
    });
    // Act
    const spec = rule.counter?.(event, DEFAULT_DETECTION_SETTINGS);
    // Assess
    expect(spec).toEqual({
      key: 'unauthorized-api-call#arn:aws:iam::111122223333:user/alice',
      windowSeconds: DEFAULT_DETECTION_SETTINGS.thresholds.unauthorizedApiCalls.windowMinutes * 60,
    });
  });
});
