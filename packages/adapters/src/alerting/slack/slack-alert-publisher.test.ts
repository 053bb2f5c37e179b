import { type LocalHttpServer, startLocalHttpServer } from '@trailwarden/testing/local-http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlertPublishError } from '../errors.js';
import { loadFinding } from '../test-findings.js';
import { slackMessage } from './block-kit.js';
import { SlackAlertPublisher } from './slack-alert-publisher.js';
import { SlackWebhookClient } from './webhook-client.js';

let server: LocalHttpServer;

const publisher = () =>
  new SlackAlertPublisher({
    client: new SlackWebhookClient({
      webhookUrl: `${server.url}/services/T0EXAMPLE/B0EXAMPLE/s3cr3t`,
      sleep: async () => {},
      maxAttempts: 2,
    }),
  });

beforeEach(async () => {
  server = await startLocalHttpServer();
});

afterEach(async () => {
  await server.close();
});

describe('SlackAlertPublisher', () => {
  it('posts one Block Kit message per finding, in order', async () => {
    // Prepare
    const findings = [loadFinding('root-console-login-critical'), loadFinding('iam-user-created-low')];

    // Act
    const results = await publisher().publish(findings);

    // Assess
    expect(results).toEqual(findings.map((finding) => ({ id: finding.id, ok: true })));
    expect(server.requests.map((request) => JSON.parse(request.body))).toEqual(findings.map(slackMessage));
  });

  it('reports a refused finding and carries on with the next', async () => {
    // Prepare
    const findings = [loadFinding('s3-bucket-policy-public-critical'), loadFinding('iam-user-created-low')];
    server.respondWith({ status: 400, body: 'invalid_blocks' });

    // Act
    const results = await publisher().publish(findings);

    // Assess
    const [first, second] = results;
    expect(second).toEqual({ id: findings[1]?.id, ok: true });
    expect(first?.ok).toBe(false);
    if (first?.ok !== false) return;
    expect(first.error).toBeInstanceOf(AlertPublishError);
    expect((first.error as AlertPublishError).details).toEqual({
      findingId: findings[0]?.id,
      code: 'invalid_blocks',
      senderFault: true,
    });
    expect((first.error.cause as Error).name).toBe('SlackWebhookError');
  });

  it("reports an outage as retryable (not the sender's fault)", async () => {
    // Prepare
    server.respondWith({ status: 503 }, { status: 503 });

    // Act
    const [result] = await publisher().publish([loadFinding('iam-user-created-low')]);

    // Assess
    expect(result?.ok === false && (result.error as AlertPublishError).details.senderFault).toBe(false);
    expect(server.requests).toHaveLength(2);
  });

  it('reports a finding it cannot render without posting it', async () => {
    // Prepare
    const broken = new SlackAlertPublisher({
      client: new SlackWebhookClient({ webhookUrl: `${server.url}/services/T/B/x` }),
      render: () => {
        throw new TypeError('cannot render');
      },
    });

    // Act
    const [result] = await broken.publish([loadFinding('iam-user-created-low')]);

    // Assess
    expect(result?.ok).toBe(false);
    expect(server.requests).toHaveLength(0);
  });
});
