import { err, ok, type Result } from '@trailwarden/core';
import { AlertConfigError, SlackWebhookError } from '../errors.js';

export interface SlackWebhookClientOptions {
  /** The incoming-webhook URL. It is the credential: it is never logged or put in an error. */
  readonly webhookUrl: string;
  /** Attempts in total, first included. Default 4. */
  readonly maxAttempts?: number;
  /** First backoff delay; doubles per attempt. Default 500 ms. */
  readonly baseDelayMs?: number;
  /** Ceiling of one backoff delay. Default 8 s. */
  readonly maxDelayMs?: number;
  /**
   * Longest `Retry-After` waited for. A longer one ends the attempts with a retryable error:
   * a Lambda should not sleep through its timeout, the outbox will send the alert later.
   * Default 30 s.
   */
  readonly maxRetryAfterMs?: number;
  /** Per-attempt timeout. Default 10 s. */
  readonly timeoutMs?: number;
  /** Injected for tests: waits between attempts. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Injected for tests: epoch ms, used to read an HTTP-date `Retry-After`. */
  readonly now?: () => number;
  /** Injected for tests: in [0, 1), spreads backoff so concurrent notifiers do not retry in step. */
  readonly random?: () => number;
}

/** A delivered message. */
export interface SlackDelivery {
  readonly status: number;
  readonly attempts: number;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Posts JSON payloads to a Slack incoming webhook. Retries network errors, timeouts and 5xx
 * with exponential backoff (with jitter), honours `Retry-After` on 429, and does not retry
 * other 4xx (Slack's `invalid_payload`, `channel_not_found` … will not change on a retry).
 * Returns a result instead of throwing.
 *
 * @example
 * const slack = new SlackWebhookClient({ webhookUrl: secret.url });
 * const sent = await slack.post(slackMessage(finding));
 * if (!sent.ok) logger.warn('slack delivery failed', { error: sent.error.message });
 */
export class SlackWebhookClient {
  readonly #url: URL;
  readonly #maxAttempts: number;
  readonly #baseDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #maxRetryAfterMs: number;
  readonly #timeoutMs: number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;
  readonly #random: () => number;

  constructor(options: SlackWebhookClientOptions) {
    this.#url = parseWebhookUrl(options.webhookUrl);
    this.#maxAttempts = Math.max(1, options.maxAttempts ?? 4);
    this.#baseDelayMs = options.baseDelayMs ?? 500;
    this.#maxDelayMs = options.maxDelayMs ?? 8_000;
    this.#maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
  }

  /** Keeps the URL out of `console.log(client)`, `JSON.stringify` and error reports. */
  toJSON(): { readonly host: string } {
    return { host: this.#url.host };
  }

  async post(payload: unknown): Promise<Result<SlackDelivery, SlackWebhookError>> {
    const body = JSON.stringify(payload);
    let failure: SlackWebhookError | undefined;
    for (let attempt = 1; attempt <= this.#maxAttempts; attempt++) {
      let delay = this.#backoff(attempt);
      try {
        const response = await fetch(this.#url, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body,
          signal: AbortSignal.timeout(this.#timeoutMs),
        });
        // Read the body either way: Slack's error text is in it, and it frees the connection. A body
        // that breaks off must not turn a delivered 200 into a retry (Slack would post it twice).
        const text = await response.text().then(
          (body) => body.slice(0, 200).trim(),
          () => '',
        );
        if (response.ok) return ok({ status: response.status, attempts: attempt });
        const retryable = response.status === 429 || response.status >= 500;
        failure = new SlackWebhookError(
          `Slack webhook answered HTTP ${response.status}${text ? ` (${text})` : ''} on attempt ${attempt}`,
          { status: response.status, attempts: attempt, ...(text && { slackError: text }), retryable },
        );
        if (!retryable) return err(failure);
        if (response.status === 429) {
          const retryAfter = parseRetryAfter(response.headers.get('retry-after'), this.#now());
          if (retryAfter !== undefined) {
            if (retryAfter > this.#maxRetryAfterMs) {
              return err(
                new SlackWebhookError(
                  `Slack webhook rate-limited the alert for ${Math.ceil(retryAfter / 1000)} s, longer than the ${this.#maxRetryAfterMs / 1000} s this client waits`,
                  { status: 429, attempts: attempt, retryable: true },
                ),
              );
            }
            delay = retryAfter;
          }
        }
      } catch (cause) {
        failure = new SlackWebhookError(
          `Slack webhook request failed on attempt ${attempt}: ${this.#redact(describeNetworkError(cause))}`,
          { attempts: attempt, retryable: true },
          { cause: this.#scrub(cause) },
        );
      }
      if (attempt < this.#maxAttempts) await this.#sleep(delay);
    }
    return err(
      new SlackWebhookError(
        `Slack webhook gave up after ${this.#maxAttempts} attempts: ${failure?.message ?? 'no answer'}`,
        { ...(failure?.details ?? { retryable: true }), attempts: this.#maxAttempts },
        { cause: failure },
      ),
    );
  }

  #backoff(attempt: number): number {
    const exponential = Math.min(this.#maxDelayMs, this.#baseDelayMs * 2 ** (attempt - 1));
    // "Equal jitter": at least half the delay, so retries still back off.
    return Math.round(exponential / 2 + (exponential / 2) * this.#random());
  }

  #redact(text: string): string {
    return text.replaceAll(this.#url.pathname, '/[redacted]');
  }

  /** Drops a network error whose text would reveal the webhook path (the secret part of the URL). */
  #scrub(cause: unknown): unknown {
    const secret = this.#url.pathname;
    let current: unknown = cause;
    for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
      if (current.message.includes(secret) || (current.stack ?? '').includes(secret)) return undefined;
      current = current.cause;
    }
    return cause;
  }
}

function parseWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // Not echoing the value: a malformed secret is still a secret.
    throw new AlertConfigError('Slack webhook URL is not a valid URL');
  }
  const local = url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !local) {
    throw new AlertConfigError(
      'Slack webhook URL must use https (plain http is allowed only for a local test server)',
    );
  }
  return url;
}

/**
 * `Retry-After` in milliseconds: delta-seconds or an HTTP date (RFC 9110). Undefined when absent
 * or unreadable, so the normal backoff applies.
 */
export function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date names its weekday and month; `Date.parse` alone would read '-3' as a year.
  if (!/[a-z]{3}/i.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

function describeNetworkError(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  if (cause.name === 'TimeoutError') return 'timed out';
  const inner = cause.cause;
  const code = inner && typeof inner === 'object' && 'code' in inner ? String(inner.code) : undefined;
  return code ? `${cause.message} (${code})` : cause.message;
}
