import type { AlertPublisher, PublishResult, StoredFinding } from '@trailwarden/core';
import { AlertPublishError } from '../errors.js';
import { type SlackMessage, slackMessage } from './block-kit.js';
import type { SlackWebhookClient } from './webhook-client.js';

export interface SlackAlertPublisherOptions {
  readonly client: SlackWebhookClient;
  /** Builds the message; defaults to {@link slackMessage}. */
  readonly render?: (finding: StoredFinding) => SlackMessage;
}

/**
 * Sends each finding to Slack as a Block Kit message, one after the other (Slack allows about
 * one message per second per webhook, and the client already waits out 429s). Reports per
 * finding; a failure is `ok: false` with an {@link AlertPublishError} whose cause is the
 * {@link SlackWebhookError}.
 *
 * @example
 * const slack = new SlackAlertPublisher({ client: new SlackWebhookClient({ webhookUrl }) });
 * const results = await slack.publish([finding]);
 */
export class SlackAlertPublisher implements AlertPublisher {
  readonly #client: SlackWebhookClient;
  readonly #render: (finding: StoredFinding) => SlackMessage;

  constructor(options: SlackAlertPublisherOptions) {
    this.#client = options.client;
    this.#render = options.render ?? slackMessage;
  }

  async publish(findings: readonly StoredFinding[]): Promise<readonly PublishResult[]> {
    const results: PublishResult[] = [];
    for (const finding of findings) results.push(await this.#publishOne(finding));
    return results;
  }

  async #publishOne(finding: StoredFinding): Promise<PublishResult> {
    let message: SlackMessage;
    try {
      message = this.#render(finding);
    } catch (cause) {
      return {
        id: finding.id,
        ok: false,
        error: new AlertPublishError(
          `could not render the Slack message for finding ${finding.id}`,
          { findingId: finding.id },
          { cause },
        ),
      };
    }
    const sent = await this.#client.post(message);
    if (sent.ok) return { id: finding.id, ok: true };
    const { status, slackError } = sent.error.details;
    return {
      id: finding.id,
      ok: false,
      error: new AlertPublishError(
        `Slack did not take the alert for finding ${finding.id}: ${sent.error.message}`,
        {
          findingId: finding.id,
          ...(slackError !== undefined && { code: slackError }),
          ...(status !== undefined && { senderFault: status >= 400 && status < 500 && status !== 429 }),
        },
        { cause: sent.error },
      ),
    };
  }
}
