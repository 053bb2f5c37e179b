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
