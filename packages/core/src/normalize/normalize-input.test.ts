import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../events/change-event.js';
import { normalizeInput } from './normalize-input.js';
import { splitDocument } from './split-document.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

function normalized(item: unknown): ChangeEvent {
  const result = normalizeInput(item);
  if (!result.ok) throw result.error;
  return result.value;
}

const A = '111122223333';

describe('normalizeInput: EventBridge CloudTrail detail-types', () => {
  it.each([
    {
      file: 'eventbridge-api-call.json',
      expected: {
        eventSource: 's3.amazonaws.com',
        eventName: 'PutBucketPolicy',
        eventType: 'AwsApiCall',
        eventId: '3e5c1a2b-9f8d-4e7c-b6a5-0d1c2b3a4f5e',
        time: '2024-03-01T15:00:02Z',
        success: true,
        readOnly: false,
        resources: ['arn:aws:s3:::example-site'],
      },
      actor: { type: 'AssumedRole', userName: 'infra-apply', provenance: 'deploy-pipeline' },
    },
    {
      file: 'eventbridge-console-sign-in.json',
      expected: {
        eventSource: 'signin.amazonaws.com',
        eventName: 'ConsoleLogin',
        eventType: 'AwsConsoleSignIn',
        success: true,
        requestParameters: {},
        resources: [],
      },
      actor: { type: 'Root', mfaUsed: true, viaConsole: true, provenance: 'human-console' },
    },
    {
      file: 'eventbridge-service-event.json',
      expected: {
        eventSource: 'kms.amazonaws.com',
        eventName: 'DeleteKey',
        eventType: 'AwsServiceEvent',
        success: true,
        resources: [`arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`],
      },
      actor: { type: 'AWSService', invokedBy: 'kms.amazonaws.com', accountId: A, provenance: 'aws-service' },
    },
    {
      file: 'eventbridge-console-action.json',
      expected: {
        eventSource: 'health.amazonaws.com',
        eventName: 'DescribeEventAggregates',
        eventType: 'AwsConsoleAction',
        readOnly: true,
      },
      actor: {
        type: 'IAMUser',
        userName: 'alice',
        mfaUsed: true,
        viaConsole: true,
        sessionIssuer: undefined,
        provenance: 'human-console',
      },
    },
  ])('$file', ({ file, expected, actor }) => {
    // Prepare
    const item = fixture(file) as { detail: unknown };
    // Act
    const event = normalized(item);
    // Assess
    expect(event).toMatchObject({ ...expected, origin: 'eventbridge', account: A, region: 'us-east-1' });
    expect(event.actor).toMatchObject(actor);
    expect(event.raw).toEqual(item.detail);
  });

  it('uses the envelope id, account, region and time when the detail lacks them', () => {
    // Prepare
    const item = fixture('eventbridge-api-call.json') as { detail: Record<string, unknown> };
    const {
      eventID: _id,
      recipientAccountId: _acct,
      awsRegion: _region,
      eventTime: _time,
      userIdentity: _who,
      ...detail
    } = item.detail;
    // Act
    const event = normalized({ ...item, detail });
    // Assess
    expect(event).toMatchObject({
      eventId: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
      account: A,
      region: 'us-east-1',
      time: '2024-03-01T15:00:04Z',
    });
    expect(event.timeMs).toBe(Date.parse('2024-03-01T15:00:04Z'));
  });
});

describe('normalizeInput: console sign-in', () => {
  it('reads a successful sign-in with MFA', () => {
    const event = normalized(fixture('console-login-success.json'));
    expect(event).toMatchObject({ eventName: 'ConsoleLogin', success: true, errorCode: undefined });
    expect(event.actor).toMatchObject({
      type: 'IAMUser',
      userName: 'alice',
      mfaUsed: true,
      viaConsole: true,
      provenance: 'human-console',
    });
  });

  it('reads a failed sign-in from responseElements and errorMessage', () => {
    const event = normalized(fixture('console-login-failure.json'));
    expect(event).toMatchObject({
      success: false,
      errorCode: undefined,
      errorMessage: 'Failed authentication',
    });
    expect(event.actor).toMatchObject({
      userName: 'alice',
      mfaUsed: false,
      viaConsole: true,
      sourceIp: '203.0.113.250',
    });
  });

  it('does not take MFAUsed from additionalEventData of other services', () => {
    const record = fixture('identity-iam-user.json') as Record<string, unknown>;
    const event = normalized({ ...record, additionalEventData: { MFAUsed: 'Yes' } });
    expect(event.actor.mfaUsed).toBe(false);
  });
});

describe('normalizeInput: failed calls, null parameters, missing eventID', () => {
  it('reads an access-denied call with null parameters and no eventID', () => {
    // Prepare
    const record = fixture('failed-call-null-parameters.json');
    // Act
    const event = normalized(record);
    // Assess
    expect(event).toMatchObject({
      success: false,
      errorCode: 'AccessDenied',
      requestParameters: {},
      responseElements: {},
      additionalEventData: {},
      resources: [],
    });
    expect(event.errorMessage).toContain('is not authorized to perform: cloudtrail:StopLogging');
    expect(event.eventId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('hashes a record without eventID the same whatever the key order, and differently when it differs', () => {
    const record = fixture('failed-call-null-parameters.json') as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(record).reverse());
    const other = { ...record, eventTime: '2024-03-01T20:00:01Z' };
    expect(normalized(reordered).eventId).toBe(normalized(record).eventId);
    expect(normalized(other).eventId).not.toBe(normalized(record).eventId);
  });

  it.each([
    ['a missing errorCode', {}, true],
    ['an empty errorCode', { errorCode: '' }, true],
    ['an errorCode', { errorCode: 'Client.UnauthorizedOperation' }, false],
  ])('treats %s as success=%s', (_name, extra, success) => {
    const record = fixture('identity-iam-user.json') as Record<string, unknown>;
    expect(normalized({ ...record, ...extra }).success).toBe(success);
  });

  it.each([
    [false, false],
    ['true', true],
    ['false', false],
    [undefined, undefined],
    ['yes', undefined],
  ])('reads readOnly %j as %j', (readOnly, expected) => {
    const record = fixture('identity-iam-user.json') as Record<string, unknown>;
    expect(normalized({ ...record, readOnly }).readOnly).toBe(expected);
  });
});

describe('normalizeInput: lookup-events output', () => {
  it('normalizes every entry of a lookup-events page', () => {
    // Prepare
    const entries = splitDocument(fixture('lookup-events.json')) ?? [];
    // Act
    const events = entries.map(normalized);
    // Assess
    expect(events.map((e) => [e.eventName, e.eventId, e.origin])).toEqual([
      ['DeleteTrail', '0ec5f4d2-6f23-4d9c-a1b0-5f1d2a9e8c11', 'lookup-events'],
      ['CreateUser', '9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5e', 'lookup-events'],
    ]);
    expect(events[0]?.resources).toEqual([`arn:aws:cloudtrail:us-east-1:${A}:trail/management-events`]);
    expect(events[1]?.resources).toEqual([`arn:aws:iam::${A}:user/service/svc-backup`]);
    expect(events[0]?.actor).toMatchObject({ type: 'IAMUser', userName: 'alice', provenance: 'human-api' });
  });

  it('uses EventId when the embedded record has no eventID', () => {
    const entry = {
      EventId: 'c0ffee00-0000-4000-8000-000000000001',
      CloudTrailEvent: '{"eventSource":"iam.amazonaws.com","eventName":"ListUsers"}',
    };
    expect(normalized(entry)).toMatchObject({
      eventId: 'c0ffee00-0000-4000-8000-000000000001',
      eventName: 'ListUsers',
      time: '',
      timeMs: 0,
      account: '',
      region: '',
    });
  });
});
