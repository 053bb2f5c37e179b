/**
 * Errors raised by the alert publishers. Publishers never throw them for one finding: they
 * come back as `PublishResult.error` so the outbox can retry exactly the findings that failed.
 */

/** A channel refused or could not take one finding's alert. */
export class AlertPublishError extends Error {
  override readonly name = 'AlertPublishError';
  constructor(
    message: string,
    readonly details: {
      readonly findingId: string;
      /** The channel's error code, e.g. SNS `InvalidParameter` or a Slack `invalid_payload`. */
      readonly code?: string;
      /**
       * True when the channel blamed the request (invalid parameter, too large, HTTP 4xx) rather
       * than itself; such alerts fail again until the message or the configuration changes.
       */
      readonly senderFault?: boolean;
    },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A Slack incoming-webhook call failed for good (after retries, or at once for a 4xx). The
 * message names the HTTP status and Slack's error text, never the webhook URL: the URL is the
 * credential.
 */
export class SlackWebhookError extends Error {
  override readonly name = 'SlackWebhookError';
  constructor(
    message: string,
    readonly details: {
      /** HTTP status of the last attempt; undefined when it never got an answer (network error, timeout). */
      readonly status?: number;
      readonly attempts: number;
      /** Slack's short error text (`invalid_payload`, `channel_not_found` …) when it sent one. */
      readonly slackError?: string;
      readonly retryable: boolean;
    },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A publisher was configured with an unusable value (e.g. a webhook URL that is not https). */
export class AlertConfigError extends Error {
  override readonly name = 'AlertConfigError';
}
