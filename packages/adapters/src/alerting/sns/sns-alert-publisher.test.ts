import type { SNSClient } from '@aws-sdk/client-sns';
import type { Message } from '@aws-sdk/client-sqs';
import type { StoredFinding } from '@trailwarden/core';
import { type LocalQueue, type LocalSns, startLocalSns } from '@trailwarden/testing/local-sns';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseAlertBody } from '../alert-body.js';
import { alertSubject } from '../subject.js';
import { loadFinding } from '../test-findings.js';
import { SnsAlertPublisher } from './sns-alert-publisher.js';

/**
 * SNS → SQS through fauxqs, an in-process SNS/SQS emulator, with the real SDK on the wire.
 *
 * What fauxqs 1.9.2 does and does not emulate (read from its source, asserted below):
 * - filter policies on message attributes: yes, AWS semantics (exact, prefix, anything-but …);
 * - message attributes in the SNS envelope, and as SQS attributes with raw delivery: yes;
 * - Subject in the envelope: yes (it does not validate length or characters; unit tests do);
 * - `MessageStructure: 'json'`: NO. It delivers the whole per-protocol structure as the
 *   message, where AWS delivers only the `sqs` entry (or `default`). The tests therefore read
 *   the `sqs` entry out of the structure, which is what AWS would have delivered;
 * - PublishBatch: yes, with per-entry `Failed` for entries over 256 KiB (it does not enforce
 *   the 256 KiB total per call that AWS enforces; the publisher enforces it itself).
 */

let local: LocalSns;
let topicArn: string;
let pager: LocalQueue;
let pagerRaw: LocalQueue;
let everything: LocalQueue;

const HIGH_AND_CRITICAL = { severity: ['high', 'critical'] };

/** What AWS would deliver to an SQS subscriber: fauxqs hands over the whole structure, AWS only its `sqs` entry. */
function deliveredBody(structureJson: string): string {
  const structure = JSON.parse(structureJson) as Record<string, string>;
  return structure.sqs ?? structure.default ?? '';
}

function envelopeOf(message: Message) {
  return JSON.parse(message.Body ?? '') as {
    Type: string;
    Subject: string | null;
    Message: string;
    MessageAttributes: Record<string, { Type: string; Value: string }>;
  };
}

function countCommands(client: SNSClient): string[] {
  const seen: string[] = [];
  client.middlewareStack.add(
    (next, context) => (args) => {
      seen.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'countCommands' },
  );
  return seen;
}

beforeAll(async () => {
  local = await startLocalSns();
  topicArn = await local.createTopic('trailwarden-alerts');
  pager = await local.createQueue('pager');
  pagerRaw = await local.createQueue('pager-raw');
  everything = await local.createQueue('everything');
  await local.subscribeQueue(topicArn, pager, { filterPolicy: HIGH_AND_CRITICAL });
  await local.subscribeQueue(topicArn, pagerRaw, {
    filterPolicy: HIGH_AND_CRITICAL,
    rawMessageDelivery: true,
  });
  await local.subscribeQueue(topicArn, everything);
});

afterAll(async () => {
  await local?.stop();
});

beforeEach(async () => {
  // Leave no message from one test for the next.
  for (const queue of [pager, pagerRaw, everything]) await local.purge(queue);
});

describe('SnsAlertPublisher through fauxqs', () => {
  it('delivers a critical finding to the filtered subscription with its subject, attributes and JSON body', async () => {
    // Prepare
    const finding = loadFinding('root-console-login-critical');
    const publisher = new SnsAlertPublisher({ client: local.sns, topicArn });

    // Act
    const results = await publisher.publish([finding]);
    const [delivered] = await local.receive(pager, { count: 1 });

    // Assess
    expect(results).toEqual([{ id: finding.id, ok: true, messageId: expect.any(String) }]);
    const envelope = envelopeOf(delivered as Message);
    expect(envelope.Type).toBe('Notification');
    expect(envelope.Subject).toBe(alertSubject(finding));
    expect(envelope.MessageAttributes).toMatchObject({
      severity: { Type: 'String', Value: 'critical' },
      category: { Type: 'String', Value: 'root_activity' },
      ruleId: { Type: 'String', Value: 'root-console-login' },
      account: { Type: 'String', Value: '111122223333' },
    });
    // fauxqs passes the per-protocol structure through whole (see above)
    expect(Object.keys(JSON.parse(envelope.Message)).sort()).toEqual([
      'default',
      'email',
      'https',
      'lambda',
      'sqs',
    ]);
    const body = parseAlertBody(deliveredBody(envelope.Message));
    expect(body.ok && body.value.finding).toEqual(finding);
  });

  it('with raw delivery, hands the attributes over as SQS message attributes', async () => {
    // Prepare
    const finding = loadFinding('config-restricted-ssh-high');
    const publisher = new SnsAlertPublisher({ client: local.sns, topicArn });

    // Act
    await publisher.publish([finding]);
    const [delivered] = await local.receive(pagerRaw, { count: 1 });

    // Assess
    expect(delivered?.MessageAttributes).toMatchObject({
      severity: { DataType: 'String', StringValue: 'high' },
      ruleId: { DataType: 'String', StringValue: 'config-rule-noncompliant' },
      account: { DataType: 'String', StringValue: '123456789012' },
      category: { DataType: 'String', StringValue: 'noncompliant_resource' },
    });
    const body = parseAlertBody(deliveredBody(delivered?.Body ?? ''));
    expect(body.ok && body.value.finding.id).toBe(finding.id);
  });

  it('filters a low finding out of the high/critical subscription but not out of the unfiltered one', async () => {
    // Prepare
    const low = loadFinding('iam-user-created-low');
    const critical = loadFinding('s3-bucket-policy-public-critical');
    const publisher = new SnsAlertPublisher({ client: local.sns, topicArn });

    // Act
    const results = await publisher.publish([low, critical]);
    const all = await local.receive(everything, { count: 2 });
    const paged = await local.receiveFor(pager, 1500);

    // Assess
    expect(results.map((result) => result.ok)).toEqual([true, true]);
    const idsOf = (messages: Message[]) =>
      messages.map((message) => {
        const body = parseAlertBody(deliveredBody(envelopeOf(message).Message));
        return body.ok ? body.value.finding.id : 'unparseable';
      });
    expect(idsOf(all).sort()).toEqual([low.id, critical.id].sort());
    expect(idsOf(paged)).toEqual([critical.id]);
  });

  it('publishes many findings ten per PublishBatch call and reports each', async () => {
    // Prepare
    const findings: StoredFinding[] = Array.from({ length: 23 }, (_, i) =>
      loadFinding('iam-user-created-low', { id: `finding-${i}`, eventId: `event-${i}` }),
    );
    const publisher = new SnsAlertPublisher({ client: local.sns, topicArn });
    const commands = countCommands(local.sns);

    // Act
    const results = await publisher.publish(findings);
    const delivered = await local.receive(everything, { count: 23, timeoutMs: 10_000 });
    local.sns.middlewareStack.remove('countCommands');

    // Assess
    expect(commands).toEqual(['PublishBatchCommand', 'PublishBatchCommand', 'PublishBatchCommand']);
    expect(results.map((result) => result.id)).toEqual(findings.map((finding) => finding.id));
    expect(results.every((result) => result.ok && typeof result.messageId === 'string')).toBe(true);
    expect(delivered).toHaveLength(23);
  });

  it('keeps each PublishBatch call within 256 KiB in total', async () => {
    // Prepare: three findings of roughly 100 KiB of alert each
    const findings = Array.from({ length: 3 }, (_, i) =>
      loadFinding('s3-bucket-policy-public-critical', {
        id: `large-${i}`,
        context: { note: 'n'.repeat(20_000) },
      }),
    );
    const publisher = new SnsAlertPublisher({ client: local.sns, topicArn });
    const commands = countCommands(local.sns);

    // Act
    const results = await publisher.publish(findings);
    local.sns.middlewareStack.remove('countCommands');

    // Assess
    expect(commands).toEqual(['PublishBatchCommand', 'PublishBatchCommand']);
    expect(results.every((result) => result.ok)).toBe(true);
  });

  it('maps a rejected batch entry to that finding only', async () => {
    // Prepare: allow the builder more than SNS takes, so the emulator rejects the middle entry
    const big = loadFinding('s3-bucket-policy-public-critical', {
      id: 'too-big',
      context: { blob: 'x'.repeat(80_000) },
    });
    const findings = [loadFinding('iam-user-created-low'), big, loadFinding('root-console-login-critical')];
    const publisher = new SnsAlertPublisher({ client: local.sns, topicArn, maxBytes: 2_000_000 });

    // Act
    const results = await publisher.publish(findings);

    // Assess
    expect(results.map((result) => [result.id, result.ok])).toEqual([
      [findings[0]?.id, true],
      ['too-big', false],
      [findings[2]?.id, true],
    ]);
    const failed = results[1];
    expect(failed && !failed.ok && failed.error.name).toBe('AlertPublishError');
    expect(failed && !failed.ok && failed.error.message).toMatch(/too-big.*InvalidParameter/);
  });

  it.each([1, 3])(
    'reports every finding as failed, without throwing, when the call fails (%i findings)',
    async (count) => {
      // Prepare
      const findings = Array.from({ length: count }, (_, i) =>
        loadFinding('iam-user-created-low', { id: `f${i}` }),
      );
      const publisher = new SnsAlertPublisher({
        client: local.sns,
        topicArn: 'arn:aws:sns:us-east-1:000000000000:no-such-topic',
      });

      // Act
      const results = await publisher.publish(findings);

      // Assess
      expect(results).toHaveLength(count);
      for (const [i, result] of results.entries()) {
        expect(result.id).toBe(`f${i}`);
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.error.message).toMatch(/SNS (Publish|PublishBatch) failed/);
          expect(result.error.cause).toBeInstanceOf(Error);
        }
      }
    },
  );

  it('returns nothing for nothing', async () => {
    const publisher = new SnsAlertPublisher({ client: local.sns, topicArn });
    expect(await publisher.publish([])).toEqual([]);
  });
});
