import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { snsAlertMessage } from '@trailwarden/adapters';
import { type Finding, FindingSchema, type StoredFinding, StoredFindingSchema } from '@trailwarden/core';
import type { SNSEvent, SNSEventRecord } from 'aws-lambda';

/**
 * Test inputs for the functions, built from JSON fixtures: findings as the detector produces
 * them, and the SNS event Lambda receives when the alerts topic delivers a message.
 */

export type FindingFixture = 'cloudtrail-logging-stopped' | 'iam-access-key-created';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));
}

/**
 * A finding as the detection engine hands it to the store.
 *
 * @example
 * await store.record(loadFinding('cloudtrail-logging-stopped'), { windowMinutes: 60, now });
 */
export function loadFinding(name: FindingFixture): Finding {
  return FindingSchema.parse(fixture(`finding-${name}`));
}

/**
 * A freshly recorded finding, as the store returns it and the SNS publisher sends it.
 *
 * @example
 * const finding = loadStoredFinding('iam-access-key-created');
 */
export function loadStoredFinding(name: FindingFixture): StoredFinding {
  const finding = loadFinding(name);
  const recordedAt = new Date(Date.parse(finding.time) + 4_000).toISOString();
  return StoredFindingSchema.parse({
    ...finding,
    status: 'open',
    count: 1,
    firstSeen: recordedAt,
    lastSeen: recordedAt,
    alerted: false,
    history: [],
    updatedAt: recordedAt,
  });
}

/** What SNS puts in one Lambda record; the rest comes from the fixture's record. */
export interface SnsDelivery {
  readonly message: string;
  readonly subject?: string;
  readonly attributes?: Readonly<Record<string, { readonly Type: string; readonly Value: string }>>;
}

/**
 * The SNS delivery of a finding exactly as the SNS publisher builds it: for a Lambda subscriber
 * SNS picks the `lambda` entry of the `MessageStructure: 'json'` message, with the subject and
 * the message attributes (in Lambda's `{ Type, Value }` form).
 *
 * @example
 * const event = snsEvent([alertDelivery(finding)]);
 */
export function alertDelivery(finding: StoredFinding): SnsDelivery {
  const built = snsAlertMessage(finding);
  if (!built.ok) throw built.error;
  const structure = JSON.parse(built.value.message) as Record<string, string>;
  const message = structure.lambda;
  if (message === undefined) throw new Error('the SNS message structure has no lambda entry');
  return {
    message,
    subject: built.value.subject,
    attributes: Object.fromEntries(
      Object.entries(built.value.messageAttributes).map(([name, value]) => [
        name,
        { Type: value.DataType ?? 'String', Value: value.StringValue ?? '' },
      ]),
    ),
  };
}

/**
 * An SNS-to-Lambda event (fixtures/sns-event.json, shaped as AWS documents it) with one record
 * per delivery, each with its own message id.
 *
 * @example
 * await handler(snsEvent([{ message: 'not json' }]), fakeLambdaContext());
 */
export function snsEvent(deliveries: readonly SnsDelivery[]): SNSEvent {
  const template = (fixture('sns-event') as SNSEvent).Records[0] as SNSEventRecord;
  return {
    Records: deliveries.map((delivery) => ({
      ...template,
      Sns: {
        ...template.Sns,
        MessageId: randomUUID(),
        Message: delivery.message,
        Subject: delivery.subject ?? template.Sns.Subject,
        MessageAttributes: delivery.attributes ?? {},
      },
    })),
  };
}

/** The fixture event unchanged: what the Lambda console's SNS test event sends. */
export function consoleTestEvent(): SNSEvent {
  return fixture('sns-event') as SNSEvent;
}
