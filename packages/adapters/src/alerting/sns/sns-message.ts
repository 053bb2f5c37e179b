import type { MessageAttributeValue } from '@aws-sdk/client-sns';
import { err, ok, type Result, type StoredFinding } from '@trailwarden/core';
import { alertBody, type TrimNote } from '../alert-body.js';
import { chatbotNotification } from '../chatbot.js';
import { findingConsoleUrl } from '../console-links.js';
import { renderEmailText } from '../email-text.js';
import { AlertPublishError } from '../errors.js';
import { fitFinding } from '../fit-finding.js';
import { alertSubject } from '../subject.js';
import { utf8Bytes } from '../text.js';

/** SNS refuses messages (body plus attributes) over 256 KiB, and PublishBatch calls over the same in total. */
export const SNS_MAX_MESSAGE_BYTES = 262_144;

/** One finding, ready for `Publish` or a `PublishBatch` entry. */
export interface SnsAlertMessage {
  readonly findingId: string;
  readonly subject: string;
  /** The per-protocol JSON structure (`MessageStructure: 'json'`). */
  readonly message: string;
  readonly messageAttributes: Record<string, MessageAttributeValue>;
  /** What SNS counts against its size limit: the message plus attribute names, types and values. */
  readonly bytes: number;
  readonly trimmed?: TrimNote;
}

export interface SnsMessageOptions {
  /**
   * Put an AWS Chatbot custom notification in the `https` entry (Chatbot subscribes to the
   * topic over HTTPS) instead of the JSON body. Other HTTPS subscribers then get it too, so use
   * a topic whose only HTTPS subscriber is Chatbot.
   */
  readonly chatbot?: boolean;
  /** Size ceiling; defaults to {@link SNS_MAX_MESSAGE_BYTES}. */
  readonly maxBytes?: number;
}

/**
 * Message attributes every alert carries, so each subscription can filter with a filter
 * policy (e.g. `{"severity": ["high", "critical"]}` for the email list). SNS refuses empty
 * attribute values, hence `unknown`.
 */
export function alertMessageAttributes(finding: StoredFinding): Record<string, MessageAttributeValue> {
  const attributes: Record<string, string> = {
    severity: finding.severity,
    category: finding.category,
    ruleId: finding.ruleId,
    account: finding.account,
    region: finding.region,
    provenance: finding.actor.provenance,
  };
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      { DataType: 'String', StringValue: value || 'unknown' },
    ]),
  );
}

/**
 * Builds the SNS message for one finding: an ASCII subject of at most 99 characters,
 * `MessageStructure: 'json'` with `default`, `sqs`, `lambda` and `https` = the JSON alert body
 * (or the Chatbot notification on `https`) and `email` = the plain-text rendering, plus the
 * filterable attributes. When it would exceed the size limit the evidence is trimmed, and the
 * body says so; an error only when even the trimmed form cannot fit.
 *
 * @example
 * const built = snsAlertMessage(finding);
 * if (built.ok) await sns.send(new PublishCommand({ TopicArn, Subject: built.value.subject,
 *   Message: built.value.message, MessageStructure: 'json', MessageAttributes: built.value.messageAttributes }));
 */
export function snsAlertMessage(
  finding: StoredFinding,
  options: SnsMessageOptions = {},
): Result<SnsAlertMessage, AlertPublishError> {
  const maxBytes = options.maxBytes ?? SNS_MAX_MESSAGE_BYTES;
  const subject = alertSubject(finding);
  const messageAttributes = alertMessageAttributes(finding);
  const attributeBytes = Object.entries(messageAttributes).reduce(
    (sum, [name, value]) =>
      sum + utf8Bytes(name) + utf8Bytes(value.DataType ?? '') + utf8Bytes(value.StringValue ?? ''),
    0,
  );
  const consoleUrl = findingConsoleUrl(finding);
  const render = (candidate: StoredFinding, trimmed: TrimNote | undefined): string => {
    const json = JSON.stringify(alertBody(candidate, { consoleUrl, trimmed }));
    return JSON.stringify({
      default: json,
      email: renderEmailText(candidate, { consoleUrl, trimmed }),
      sqs: json,
      lambda: json,
      https: options.chatbot ? JSON.stringify(chatbotNotification(candidate, { consoleUrl })) : json,
    });
  };

  const fitted = fitFinding(
    finding,
    'SNS 256 KB message limit',
    (candidate, trimmed) => utf8Bytes(render(candidate, trimmed)) + attributeBytes <= maxBytes,
  );
  if (!fitted) {
    return err(
      new AlertPublishError(
        `alert for finding ${finding.id} exceeds ${maxBytes} bytes even with its evidence removed`,
        {
          findingId: finding.id,
          code: 'MessageTooLarge',
          senderFault: true,
        },
      ),
    );
  }
  const message = render(fitted.finding, fitted.trimmed);
  return ok({
    findingId: finding.id,
    subject,
    message,
    messageAttributes,
    bytes: utf8Bytes(message) + attributeBytes,
    ...(fitted.trimmed !== undefined && { trimmed: fitted.trimmed }),
  });
}
