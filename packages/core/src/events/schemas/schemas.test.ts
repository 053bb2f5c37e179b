import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CloudTrailRecordSchema } from './cloudtrail-record.js';
import {
  ConfigComplianceChangeDetailSchema,
  ConfigurationItemChangeDetailSchema,
  OversizedConfigurationItemChangeDetailSchema,
} from './config-events.js';
import {
  ConfigRuleInvocationSchema,
  InvokingEventSchema,
  RuleParametersSchema,
} from './config-rule-invocation.js';
import { EventBridgeEnvelopeSchema } from './eventbridge.js';
import { LookupEventsOutputSchema } from './lookup-events.js';
import { UserIdentitySchema } from './user-identity.js';

// The normalization fixtures are real-shaped AWS inputs; every schema must accept its own.
const dir = new URL('../../normalize/fixtures/', import.meta.url);
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(name, dir), 'utf8'));
const files = readdirSync(dir).filter((file) => file.endsWith('.json'));
const byPrefix = (prefix: string) => files.filter((file) => file.startsWith(prefix));

function expectValid(schema: z.ZodType, value: unknown): void {
  const result = schema.safeParse(value);
  expect(result.success, result.success ? '' : JSON.stringify(result.error.issues)).toBe(true);
}

describe('CloudTrailRecordSchema', () => {
  const records = [
    ...byPrefix('identity-'),
    ...byPrefix('console-login'),
    'failed-call-null-parameters.json',
  ];

  it.each(records)('accepts %s', (file) => {
    expectValid(CloudTrailRecordSchema, fixture(file));
  });

  it('keeps unknown fields and null parameters', () => {
    const record = fixture('identity-root.json');
    const parsed = CloudTrailRecordSchema.parse(record);
    expect(parsed.tlsDetails).toEqual(record.tlsDetails);
    expect(parsed.requestParameters).toBeNull();
  });

  it.each([
    ['eventName missing', { eventSource: 'iam.amazonaws.com' }, 'eventName'],
    ['eventSource a number', { eventSource: 5, eventName: 'CreateUser' }, 'eventSource'],
    [
      'readOnly a word',
      { eventSource: 'iam.amazonaws.com', eventName: 'CreateUser', readOnly: 'maybe' },
      'readOnly',
    ],
  ])('rejects a record with %s', (_name, record, path) => {
    const result = CloudTrailRecordSchema.safeParse(record);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([path]);
  });
});

describe('UserIdentitySchema', () => {
  it.each(byPrefix('identity-'))('accepts the identity of %s', (file) => {
    expectValid(UserIdentitySchema, fixture(file).userIdentity);
  });

  it('accepts an identity type it does not know', () => {
    expectValid(UserIdentitySchema, { type: 'AgentIdentity', principalId: 'x' });
  });
});

describe('EventBridgeEnvelopeSchema and Config payloads', () => {
  it.each(byPrefix('eventbridge-'))('accepts the envelope of %s', (file) => {
    expectValid(EventBridgeEnvelopeSchema, fixture(file));
  });

  it.each([
    ['eventbridge-config-compliance-change.json', ConfigComplianceChangeDetailSchema],
    ['eventbridge-config-item-change.json', ConfigurationItemChangeDetailSchema],
    ['eventbridge-config-oversized.json', OversizedConfigurationItemChangeDetailSchema],
    ['eventbridge-api-call.json', CloudTrailRecordSchema],
  ] as const)('accepts the detail of %s', (file, schema) => {
    expectValid(schema, fixture(file).detail);
  });

  it('rejects an envelope without detail-type', () => {
    const { 'detail-type': _dropped, ...envelope } = fixture('eventbridge-api-call.json');
    expect(EventBridgeEnvelopeSchema.safeParse(envelope).success).toBe(false);
  });
});

describe('ConfigRuleInvocationSchema', () => {
  it.each(byPrefix('config-invocation-'))('accepts %s and its embedded JSON', (file) => {
    const invocation = ConfigRuleInvocationSchema.parse(fixture(file));
    expectValid(InvokingEventSchema, JSON.parse(invocation.invokingEvent));
    expectValid(RuleParametersSchema, JSON.parse(invocation.ruleParameters ?? '{}'));
  });
});

describe('LookupEventsOutputSchema', () => {
  it('accepts lookup-events output and each embedded record', () => {
    const output = LookupEventsOutputSchema.parse(fixture('lookup-events.json'));
    expect(output.Events).toHaveLength(2);
    for (const entry of output.Events) expectValid(CloudTrailRecordSchema, JSON.parse(entry.CloudTrailEvent));
  });
});
