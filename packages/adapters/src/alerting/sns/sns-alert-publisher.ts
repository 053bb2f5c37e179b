import {
  PublishBatchCommand,
  type PublishBatchRequestEntry,
  PublishCommand,
  type SNSClient,
  SNSServiceException,
} from '@aws-sdk/client-sns';
import type { AlertPublisher, PublishResult, StoredFinding } from '@trailwarden/core';
import { AlertPublishError } from '../errors.js';
import {
  SNS_MAX_MESSAGE_BYTES,
  type SnsAlertMessage,
  type SnsMessageOptions,
  snsAlertMessage,
} from './sns-message.js';

/** SNS takes at most ten entries per PublishBatch call. */
export const SNS_BATCH_MAX_ENTRIES = 10;

export interface SnsAlertPublisherOptions extends SnsMessageOptions {
  /** Created once per cold start by the caller and injected (tests point it at fauxqs). */
  readonly client: SNSClient;
  readonly topicArn: string;
}

/**
 * Publishes findings to the alerts topic. One finding goes out with `Publish`; several go out
 * with `PublishBatch`, ten per call and at most 256 KiB per call. Results come back per finding
 * in input order: a rejected entry or a failed call makes those findings `ok: false` with an
 * {@link AlertPublishError}, so the outbox retries exactly them; it never throws.
 *
 * @example
 * const publisher = new SnsAlertPublisher({ client: new SNSClient({}), topicArn: env.ALERTS_TOPIC_ARN });
 * const results = await publisher.publish(findings);
 */
export class SnsAlertPublisher implements AlertPublisher {
  readonly #client: SNSClient;
  readonly #topicArn: string;
  readonly #options: SnsMessageOptions;

  constructor(options: SnsAlertPublisherOptions) {
    const { client, topicArn, ...messageOptions } = options;
    this.#client = client;
    this.#topicArn = topicArn;
    this.#options = messageOptions;
  }

  async publish(findings: readonly StoredFinding[]): Promise<readonly PublishResult[]> {
    const results = new Map<number, PublishResult>();
    const ready: { index: number; message: SnsAlertMessage }[] = [];
    findings.forEach((finding, index) => {
      const built = buildMessage(finding, this.#options);
      if (built.ok) ready.push({ index, message: built.value });
      else results.set(index, { id: finding.id, ok: false, error: built.error });
    });

    if (ready.length === 1 && ready[0]) {
      results.set(ready[0].index, await this.#publishOne(ready[0].message));
    } else {
      for (const batch of batches(ready, this.#options.maxBytes ?? SNS_MAX_MESSAGE_BYTES)) {
        for (const [index, result] of await this.#publishBatch(batch)) results.set(index, result);
      }
    }
    return findings.map(
      (finding, index) =>
        results.get(index) ?? {
          id: finding.id,
          ok: false,
          error: new AlertPublishError(`no publish result for finding ${finding.id}`, {
            findingId: finding.id,
          }),
        },
    );
  }

  async #publishOne(message: SnsAlertMessage): Promise<PublishResult> {
    try {
      const output = await this.#client.send(
        new PublishCommand({
          TopicArn: this.#topicArn,
          Subject: message.subject,
          Message: message.message,
          MessageStructure: 'json',
          MessageAttributes: message.messageAttributes,
        }),
      );
      return {
        id: message.findingId,
        ok: true,
        ...(output.MessageId !== undefined && { messageId: output.MessageId }),
      };
    } catch (cause) {
      return { id: message.findingId, ok: false, error: callError('Publish', message.findingId, cause) };
    }
  }

  async #publishBatch(
    batch: readonly { index: number; message: SnsAlertMessage }[],
  ): Promise<Map<number, PublishResult>> {
    const results = new Map<number, PublishResult>();
    // Entry ids only need to be unique within the call; finding ids may be longer than SNS allows.
    const byEntryId = new Map(batch.map((item, position) => [`f${position}`, item]));
    const entries: PublishBatchRequestEntry[] = [...byEntryId].map(([Id, { message }]) => ({
      Id,
      Subject: message.subject,
      Message: message.message,
      MessageStructure: 'json',
      MessageAttributes: message.messageAttributes,
    }));
    try {
      const output = await this.#client.send(
        new PublishBatchCommand({ TopicArn: this.#topicArn, PublishBatchRequestEntries: entries }),
      );
      for (const entry of output.Successful ?? []) {
        const item = entry.Id === undefined ? undefined : byEntryId.get(entry.Id);
        if (!item) continue;
        results.set(item.index, {
          id: item.message.findingId,
          ok: true,
          ...(entry.MessageId !== undefined && { messageId: entry.MessageId }),
        });
      }
      for (const entry of output.Failed ?? []) {
        const item = entry.Id === undefined ? undefined : byEntryId.get(entry.Id);
        if (!item) continue;
        const findingId = item.message.findingId;
        results.set(item.index, {
          id: findingId,
          ok: false,
          error: new AlertPublishError(
            `SNS rejected the alert for finding ${findingId}: ${entry.Code}${entry.Message ? `: ${entry.Message}` : ''}`,
            { findingId, code: entry.Code, senderFault: entry.SenderFault },
          ),
        });
      }
    } catch (cause) {
      // The whole call failed (throttled, no permission, network): none of its entries went out.
      for (const { index, message } of batch) {
        results.set(index, {
          id: message.findingId,
          ok: false,
          error: callError('PublishBatch', message.findingId, cause),
        });
      }
    }
    return results;
  }
}

function buildMessage(finding: StoredFinding, options: SnsMessageOptions) {
  try {
    return snsAlertMessage(finding, options);
  } catch (cause) {
    // Rendering only fails on evidence JSON cannot hold (a BigInt, a cycle); report, don't throw.
    return {
      ok: false as const,
      error: new AlertPublishError(
        `could not render the alert for finding ${finding.id}`,
        { findingId: finding.id },
        { cause },
      ),
    };
  }
}

function callError(operation: string, findingId: string, cause: unknown): AlertPublishError {
  const name = cause instanceof Error ? cause.name : 'Error';
  const text = cause instanceof Error ? cause.message : String(cause);
  return new AlertPublishError(
    `SNS ${operation} failed for finding ${findingId}: ${name}: ${text}`,
    {
      findingId,
      code: name,
      ...(cause instanceof SNSServiceException && { senderFault: cause.$fault === 'client' }),
    },
    { cause },
  );
}

/** Groups messages into PublishBatch calls: at most ten entries and `maxBytes` in total each. */
function batches<T extends { message: SnsAlertMessage }>(items: readonly T[], maxBytes: number): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    if (
      current.length === SNS_BATCH_MAX_ENTRIES ||
      (current.length > 0 && bytes + item.message.bytes > maxBytes)
    ) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += item.message.bytes;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
