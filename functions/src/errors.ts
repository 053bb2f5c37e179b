/**
 * Errors raised by the Lambda entry points. Each one fails the invocation on purpose: Lambda
 * then retries it (asynchronous invocations: twice) and finally hands the event to the
 * function's dead-letter queue, so nothing is dropped silently.
 */

/** One environment variable that is missing or unusable. */
export interface EnvironmentProblem {
  readonly variable: string;
  readonly problem: string;
}

/**
 * The function's configuration (environment variables) is missing or invalid. Thrown at cold
 * start, before any event is handled, and names every variable at fault.
 */
export class EnvironmentError extends Error {
  override readonly name = 'EnvironmentError';
  constructor(
    readonly functionName: string,
    readonly problems: readonly EnvironmentProblem[],
  ) {
    super(
      `${functionName}: invalid environment: ${problems.map((p) => `${p.variable} ${p.problem}`).join('; ')}`,
    );
  }
}

/**
 * The Slack webhook URL could not be read from Secrets Manager, or the secret does not hold a
 * usable one. The message names the secret and the reason, never the secret's value.
 */
export class WebhookSecretError extends Error {
  override readonly name = 'WebhookSecretError';
  constructor(
    readonly secretId: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Slack webhook secret ${secretId}: ${reason}`, options);
  }
}

/** Why one SNS record of an invocation was not delivered. */
export interface RecordFailure {
  /** The SNS `MessageId`, to find the message in the dead-letter queue. */
  readonly messageId: string;
  /** Present when the message was a readable finding. */
  readonly findingId?: string;
  readonly reason: string;
}

/**
 * Some records of an SNS invocation could not be delivered (malformed message, Slack refused
 * or unreachable). Thrown after every other record was handled, so the invocation fails and
 * Lambda's asynchronous retries, then the dead-letter queue, take over.
 */
export class NotificationBatchError extends Error {
  override readonly name = 'NotificationBatchError';
  constructor(
    readonly failures: readonly RecordFailure[],
    readonly total: number,
  ) {
    super(
      `${failures.length} of ${total} SNS records not delivered to Slack: ${failures
        .map((failure) => `${failure.messageId} (${failure.reason})`)
        .join('; ')}`,
    );
  }
}
