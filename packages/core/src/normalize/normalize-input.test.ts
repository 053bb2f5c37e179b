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

describe('normalizeInput: AWS Config', () => {
  it('reads a compliance change', () => {
    const event = normalized(fixture('eventbridge-config-compliance-change.json'));
    expect(event).toMatchObject({
      eventId: 'e5f6a7b8-c9d0-4e1f-2a3b-4c5d6e7f8091',
      eventSource: 'config.amazonaws.com',
      eventName: 'ComplianceChange',
      origin: 'config-eventbridge',
      account: A,
      region: 'us-east-1',
      time: '2024-03-01T18:00:10Z',
      success: true,
      resources: ['arn:aws:s3:::example-site'],
      requestParameters: {},
    });
    expect(event.config).toEqual({
      kind: 'compliance-change',
      configRuleName: 's3-bucket-public-read-prohibited',
      configRuleArn: `arn:aws:config:us-east-1:${A}:config-rule/config-rule-ab12cd`,
      resourceType: 'AWS::S3::Bucket',
      resourceId: 'example-site',
      complianceType: 'NON_COMPLIANT',
      previousComplianceType: 'COMPLIANT',
      annotation: 'The bucket policy allows public read access.',
    });
    expect(event.actor).toMatchObject({
      type: 'AWSService',
      invokedBy: 'config.amazonaws.com',
      provenance: 'aws-service',
    });
  });

  it('reads a first evaluation (no previous result)', () => {
    const item = fixture('eventbridge-config-compliance-change.json') as { detail: Record<string, unknown> };
    const { oldEvaluationResult: _old, ...detail } = item.detail;
    expect(normalized({ ...item, detail }).config?.previousComplianceType).toBeUndefined();
  });

  it('reads a configuration item change', () => {
    const event = normalized(fixture('eventbridge-config-item-change.json'));
    expect(event).toMatchObject({
      eventName: 'ConfigurationItemChange',
      origin: 'config-eventbridge',
      account: A,
      region: 'us-west-2',
    });
    expect(event.resources).toEqual([`arn:aws:ec2:us-west-2:${A}:security-group/sg-0a1b2c3d4e5f67890`]);
    expect(event.config).toMatchObject({
      kind: 'configuration-item-change',
      resourceType: 'AWS::EC2::SecurityGroup',
      resourceId: 'sg-0a1b2c3d4e5f67890',
    });
    expect(event.config?.configurationItem).toMatchObject({
      configurationItemStatus: 'OK',
      resourceName: 'bastion',
    });
  });

  it('reads an oversized configuration item change', () => {
    const event = normalized(fixture('eventbridge-config-oversized.json'));
    expect(event).toMatchObject({
      eventName: 'OversizedConfigurationItemChange',
      account: A,
      region: 'global',
    });
    expect(event.resources).toEqual([`arn:aws:iam::${A}:policy/data-platform-access`]);
    expect(event.config).toMatchObject({
      kind: 'oversized-configuration-item-change',
      resourceType: 'AWS::IAM::Policy',
      resourceId: 'ANPAEXAMPLEPOLICYID01',
    });
  });

  it.each([
    {
      file: 'config-invocation-change.json',
      config: {
        configRuleName: 'trailwarden-sg-world-open',
        resourceType: 'AWS::EC2::SecurityGroup',
        resourceId: 'sg-0a1b2c3d4e5f67890',
        ruleParameters: { allowedPorts: '443', maxOpenCidrs: '0' },
      },
      region: 'us-west-2',
      time: '2024-03-01T10:03:42.820Z',
      resources: [`arn:aws:ec2:us-west-2:${A}:security-group/sg-0a1b2c3d4e5f67890`],
    },
    {
      file: 'config-invocation-oversized.json',
      config: {
        configRuleName: 'trailwarden-iam-policy-admin',
        resourceType: 'AWS::IAM::Policy',
        resourceId: 'ANPAEXAMPLEPOLICYID01',
        ruleParameters: {},
      },
      region: 'global',
      time: '2024-03-01T19:10:12.004Z',
      resources: [`arn:aws:iam::${A}:policy/data-platform-access`],
    },
    {
      file: 'config-invocation-periodic.json',
      config: {
        configRuleName: 'trailwarden-access-key-age',
        resourceType: undefined,
        resourceId: undefined,
        configurationItem: undefined,
        ruleParameters: { maxAccessKeyAgeDays: '90' },
      },
      region: 'us-west-2',
      time: '2024-03-02T00:00:00.000Z',
      resources: [],
    },
  ])('reads a custom-rule invocation: $file', ({ file, config, region, time, resources }) => {
    // Prepare
    const item = fixture(file) as { resultToken: string };
    // Act
    const event = normalized(item);
    // Assess
    expect(event).toMatchObject({
      eventSource: 'config.amazonaws.com',
      eventName: 'CustomRuleInvocation',
      origin: 'config-rule-invocation',
      account: A,
      region,
      time,
      resources,
    });
    expect(event.config).toMatchObject({
      ...config,
      kind: 'custom-rule-invocation',
      resultToken: item.resultToken,
      configRuleArn: `arn:aws:config:us-west-2:${A}:config-rule/config-rule-ef34gh`,
    });
    expect(event.eventId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('gives two invocations of the same rule different ids (one per result token)', () => {
    const item = fixture('config-invocation-periodic.json') as Record<string, unknown>;
    expect(normalized(item).eventId).not.toBe(normalized({ ...item, resultToken: 'another-token' }).eventId);
  });
});

interface MalformedCase {
  readonly name: string;
  readonly input: unknown;
  readonly message: string;
  readonly path?: string;
  readonly cause?: string;
}

describe('normalizeInput: malformed items', () => {
  const cases: MalformedCase[] = fixture('malformed.json') as MalformedCase[];

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, { input, message, path, cause }) => {
    // Act
    const result = normalizeInput(input);
    // Assess
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.name).toBe('ParseError');
    expect(result.error.message).toBe(message);
    if (path !== undefined) expect(result.error.details.path).toBe(path);
    if (cause !== undefined) expect((result.error.cause as Error).name).toBe(cause);
  });
});

describe('normalizeInput: robustness', () => {
  const base = fixture('identity-iam-user.json') as Record<string, unknown>;

  it.each([
    ['requestParameters is an array', { requestParameters: ['bob'] }],
    ['requestParameters is a string', { requestParameters: 'userName=bob' }],
    ['userIdentity is a string', { userIdentity: 'alice' }],
    ['userIdentity.sessionContext is a number', { userIdentity: { type: 'AssumedRole', sessionContext: 5 } }],
    [
      'sessionIssuer is null',
      { userIdentity: { type: 'AssumedRole', sessionContext: { sessionIssuer: null, attributes: null } } },
    ],
    ['resources is an object', { resources: { ARN: 'arn:aws:s3:::x' } }],
    ['eventTime is a number', { eventTime: 1709284502000 }],
    ['awsRegion is null', { awsRegion: null }],
    ['userAgent is a number', { userAgent: 42 }],
    ['errorCode is a number', { errorCode: 403 }],
  ])('does not crash when %s', (_name, patch) => {
    const result = normalizeInput({ ...base, ...patch });
    expect(result.ok).toBe(true);
  });

  it('reads odd values safely', () => {
    const event = normalized({
      ...base,
      eventTime: 1709284502000,
      awsRegion: null,
      errorCode: 403,
      requestParameters: ['bob'],
    });
    expect(event).toMatchObject({
      time: '',
      timeMs: 0,
      region: '',
      errorCode: '403',
      success: false,
      requestParameters: {},
    });
  });

  it('reads an unparseable time as timeMs 0', () => {
    expect(normalized({ ...base, eventTime: 'yesterday' })).toMatchObject({ time: 'yesterday', timeMs: 0 });
  });

  it('normalizes a huge record without copying it', () => {
    // Prepare: a 4 MB policy document, as CreatePolicy records can be very large
    const statements = Array.from({ length: 20_000 }, (_, i) => ({
      Sid: `S${i}`,
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::bucket-${i}/*`,
    }));
    const record = {
      ...base,
      eventName: 'CreatePolicy',
      requestParameters: {
        policyName: 'huge',
        policyDocument: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
      },
    };
    // Act
    const started = performance.now();
    const event = normalized(record);
    const elapsed = performance.now() - started;
    // Assess
    expect(event.requestParameters).toBe(record.requestParameters);
    expect(event.raw).toBe(record);
    expect(elapsed).toBeLessThan(50);
  });

  it('normalizes a log file of 10 000 records, each independently', () => {
    const records = Array.from({ length: 10_000 }, (_, i) => ({ ...base, eventID: `id-${i}` }));
    const events = (splitDocument({ Records: records }) ?? []).map((r) => normalizeInput(r));
    expect(events.every((r) => r.ok)).toBe(true);
    expect(new Set(events.map((r) => (r.ok ? r.value.eventId : ''))).size).toBe(10_000);
  });
});
