import { type LocalHttpServer, startLocalHttpServer } from '@trailwarden/testing/local-http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlertConfigError } from '../errors.js';
import { parseRetryAfter, SlackWebhookClient, type SlackWebhookClientOptions } from './webhook-client.js';

// The path of an incoming-webhook URL is the secret; tests check it never leaks.
const SECRET_PATH = '/services/T0EXAMPLE/B0EXAMPLE/s3cr3tT0kenXYZ';

let server: LocalHttpServer;
let sleeps: number[];

function client(options: Partial<SlackWebhookClientOptions> = {}) {
  return new SlackWebhookClient({
    webhookUrl: `${server.url}${SECRET_PATH}`,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0,
    ...options,
  });
}

beforeEach(async () => {
  server = await startLocalHttpServer();
  sleeps = [];
});

afterEach(async () => {
  await server.close();
});

describe('SlackWebhookClient against a local HTTP server', () => {
  it('posts the payload as JSON to the webhook path', async () => {
    // Prepare
    const payload = { text: 'hello', blocks: [{ type: 'divider' }] };

    // Act
    const sent = await client().post(payload);

    // Assess
    expect(sent).toEqual({ ok: true, value: { status: 200, attempts: 1 } });
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(SECRET_PATH);
    expect(request?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(request?.body ?? '')).toEqual(payload);
    expect(sleeps).toEqual([]);
  });

  it('waits as long as Retry-After says on 429, then succeeds', async () => {
    // Prepare
    server.respondWith({ status: 429, headers: { 'retry-after': '3' }, body: 'rate_limited' });

    // Act
    const sent = await client().post({ text: 'x' });

    // Assess
    expect(sent).toEqual({ ok: true, value: { status: 200, attempts: 2 } });
    expect(sleeps).toEqual([3000]);
    expect(server.requests).toHaveLength(2);
  });

  it('reads an HTTP-date Retry-After against the injected clock', async () => {
    // Prepare
    const now = Date.parse('2026-11-02T10:15:00Z');
    server.respondWith({ status: 429, headers: { 'retry-after': 'Mon, 02 Nov 2026 10:15:05 GMT' } });

    // Act
    const sent = await client({ now: () => now }).post({ text: 'x' });

    // Assess
    expect(sent.ok).toBe(true);
    expect(sleeps).toEqual([5000]);
  });

  it('gives up at once, retryable, when Retry-After is longer than it may wait', async () => {
    // Prepare
    server.respondWith({ status: 429, headers: { 'retry-after': '120' } });

    // Act
    const sent = await client({ maxRetryAfterMs: 30_000 }).post({ text: 'x' });

    // Assess
    expect(sent.ok).toBe(false);
    expect(!sent.ok && sent.error.details).toEqual({ status: 429, attempts: 1, retryable: true });
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries 5xx with exponential backoff, then succeeds', async () => {
    // Prepare
    server.respondWith({ status: 500, body: 'rollup_error' }, { status: 503 });

    // Act
    const sent = await client({ baseDelayMs: 500 }).post({ text: 'x' });

    // Assess: equal jitter with random() = 0 waits half of 500 ms, then half of 1000 ms
    expect(sent).toEqual({ ok: true, value: { status: 200, attempts: 3 } });
    expect(sleeps).toEqual([250, 500]);
    expect(server.requests).toHaveLength(3);
  });

  it('spreads the backoff with jitter but never below half of it', async () => {
    // Prepare
    server.respondWith({ status: 502 }, { status: 502 });

    // Act
    await client({ baseDelayMs: 1000, random: () => 0.999 }).post({ text: 'x' });

    // Assess: half the delay plus up to the other half (500 + 499.5, then 1000 + 999)
    expect(sleeps).toEqual([1000, 1999]);
  });

  it('retries a dropped connection', async () => {
    // Prepare
    server.respondWith('drop');

    // Act
    const sent = await client().post({ text: 'x' });

    // Assess
    expect(sent).toEqual({ ok: true, value: { status: 200, attempts: 2 } });
    expect(server.requests).toHaveLength(2);
  });

  it.each([
    { status: 400, body: 'invalid_payload' },
    { status: 403, body: 'action_prohibited' },
    { status: 404, body: 'channel_not_found' },
    { status: 410, body: 'channel_is_archived' },
  ])('does not retry $status $body', async ({ status, body }) => {
    // Prepare
    server.respondWith({ status, body });

    // Act
    const sent = await client().post({ text: 'x' });

    // Assess
    expect(sent.ok).toBe(false);
    expect(!sent.ok && sent.error.details).toEqual({
      status,
      attempts: 1,
      slackError: body,
      retryable: false,
    });
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('stops after the last attempt with a retryable error that does not reveal the URL', async () => {
    // Prepare
    server.respondWith(...Array.from({ length: 10 }, () => ({ status: 500, body: 'rollup_error' })));

    // Act
    const sent = await client({ maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 300 }).post({ text: 'x' });

    // Assess
    expect(server.requests).toHaveLength(4);
    expect(sleeps).toEqual([50, 100, 150]);
    expect(sent.ok).toBe(false);
    if (sent.ok) return;
    expect(sent.error.name).toBe('SlackWebhookError');
    expect(sent.error.message).toMatch(/gave up after 4 attempts.*HTTP 500 \(rollup_error\)/);
    expect(sent.error.details).toMatchObject({ status: 500, attempts: 4, retryable: true });
    expect(
      JSON.stringify({ message: sent.error.message, details: sent.error.details, stack: sent.error.stack }),
    ).not.toContain('s3cr3t');
  });

  it('keeps the URL out of network errors and of the client itself', async () => {
    // Prepare: nothing listens any more
    const url = `${server.url}${SECRET_PATH}`;
    await server.close();
    server = await startLocalHttpServer();

    // Act
    const closed = new SlackWebhookClient({
      webhookUrl: url,
      maxAttempts: 2,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    const sent = await closed.post({ text: 'x' });

    // Assess
    expect(sent.ok).toBe(false);
    if (sent.ok) return;
    expect(sent.error.details).toMatchObject({ attempts: 2, retryable: true });
    expect(sent.error.details.status).toBeUndefined();
    const everything = [
      sent.error.message,
      String(sent.error.cause),
      JSON.stringify(closed),
      String(closed),
    ].join('\n');
    expect(everything).not.toContain('s3cr3t');
  });
});

describe('SlackWebhookClient configuration', () => {
  it.each([
    { case: 'plain http to a remote host', url: 'http://hooks.slack.com/services/T/B/s3cr3t' },
    { case: 'not a URL', url: 'hooks.slack.com/services/T/B/s3cr3t' },
  ])('refuses $case without echoing it', ({ url }) => {
    // Act
    const create = () => new SlackWebhookClient({ webhookUrl: url });

    // Assess
    expect(create).toThrow(AlertConfigError);
    try {
      create();
    } catch (error) {
      expect(String(error)).not.toContain('s3cr3t');
    }
  });

  it('accepts https', () => {
    expect(
      () => new SlackWebhookClient({ webhookUrl: 'https://hooks.slack.com/services/T/B/x' }),
    ).not.toThrow();
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-02T10:15:00Z');
  it.each([
    { header: null, expected: undefined },
    { header: '0', expected: 0 },
    { header: ' 7 ', expected: 7000 },
    { header: 'Mon, 02 Nov 2026 10:15:30 GMT', expected: 30_000 },
    { header: 'Mon, 02 Nov 2026 10:14:00 GMT', expected: 0 },
    { header: 'soon', expected: undefined },
    { header: '-3', expected: undefined },
  ])('reads $header', ({ header, expected }) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});
