import type { Actor, ChangeEvent } from '@trailwarden/core';

/**
 * Builds a normalized event for unit tests of the engine and pipeline, where a full
 * CloudTrail record would only add noise. Rule tests use real-shaped JSON fixtures instead.
 *
 * @example
 * const event = buildChangeEvent({ eventSource: 'iam.amazonaws.com', eventName: 'CreateUser' });
 */
export function buildChangeEvent(
  overrides: Omit<Partial<ChangeEvent>, 'actor'> & { actor?: Partial<Actor> } = {},
): ChangeEvent {
  const { actor, ...rest } = overrides;
  const time = rest.time ?? '2026-11-02T10:15:00Z';
  return {
    eventId: 'e7a4b6f0-3c1d-4b7a-9d2e-0f1a2b3c4d5e',
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateUser',
    eventType: 'AwsApiCall',
    time,
    timeMs: Date.parse(time),
    account: '111122223333',
    region: 'us-east-1',
    readOnly: false,
    success: true,
    requestParameters: {},
    responseElements: {},
    additionalEventData: {},
    resources: [],
    origin: 'cloudtrail-record',
    raw: {},
    ...rest,
    actor: {
      type: 'IAMUser',
      arn: 'arn:aws:iam::111122223333:user/alice',
      accountId: '111122223333',
      principalId: 'AIDAEXAMPLEALICE',
      userName: 'alice',
      mfaUsed: true,
      viaConsole: false,
      provenance: 'human-api',
      ...actor,
    },
  };
}
