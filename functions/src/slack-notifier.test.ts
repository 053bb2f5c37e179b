import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { slackMessage } from '@trailwarden/adapters';
import { fakeLambdaContext } from '@trailwarden/testing/lambda-context';
import { type LocalHttpServer, startLocalHttpServer } from '@trailwarden/testing/local-http';
import type { SNSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SlackWebhookContext } from './middleware/slack-webhook.js';
import { alertDelivery, consoleTestEvent, loadStoredFinding, snsEvent } from './test-events.js';
import { type CapturedLogs, captureLogs } from './test-logs.js';

/**
 * The slack-notifier module as Lambda loads it: env read at cold start, the real Slack webhook
 * client posting to a local HTTP server, Powertools Logger. Only Secrets Manager, which has no
 * local emulator, is mocked at the SDK boundary. Each test starts from a cold start.
 */

const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:trailwarden/slack-webhook-Xk3p9Q';
const WEBHOOK_PATH = '/services/T0EXAMPLE1/B0EXAMPLE2/Zx9Kq4Lm7Np2Rs5Tv8Wy1Ab3';

const secrets = mockClient(SecretsManagerClient);
const secretValue = { ARN: SECRET_ARN, Name: 'trailwarden/slack-webhook' };
let slack: LocalHttpServer;
let logs: CapturedLogs;

type Handler = (event: SNSEvent, context: SlackWebhookContext) => Promise<void>;

/** A new execution environment: the handler module evaluated afresh, as on a Lambda cold start. */
async function coldStart(): Promise<Handler> {
  vi.resetModules();
  const module = await import('./slack-notifier.js');
  return module.handler;
}

function invoke(handler: Handler, event: SNSEvent): Promise<void> {
  // The middleware adds `slackWebhook`; Lambda passes a plain context.
  return handler(
    event,
    fakeLambdaContext({ functionName: 'trailwarden-slack-notifier' }) as SlackWebhookContext,
  );
}

beforeAll(async () => {
  slack = await startLocalHttpServer();
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('SLACK_WEBHOOK_SECRET_ARN', SECRET_ARN);
});

afterAll(async () => {
  secrets.restore();
  vi.unstubAllEnvs();
  await slack.close();
});

beforeEach(() => {
  secrets.reset();
  secrets.on(GetSecretValueCommand).resolves({ ...secretValue, SecretString: `${slack.url}${WEBHOOK_PATH}` });
  (slack.requests as unknown[]).length = 0;
  logs = captureLogs();
});

afterEach(() => {
  logs.restore();
});

describe('slack-notifier', () => {
  it('posts each finding as Block Kit, reading the webhook secret once across two invocations', async () => {
    // Prepare
    const handler = await coldStart();
    const critical = loadStoredFinding('cloudtrail-logging-stopped');
    const medium = loadStoredFinding('iam-access-key-created');

    // Act
    await invoke(handler, snsEvent([alertDelivery(critical)]));
    await invoke(handler, snsEvent([alertDelivery(medium)]));

    // Assess
    const calls = secrets.commandCalls(GetSecretValueCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({ SecretId: SECRET_ARN });
    expect(slack.requests.map((request) => [request.method, request.path])).toEqual([
      ['POST', WEBHOOK_PATH],
      ['POST', WEBHOOK_PATH],
    ]);
    expect(slack.requests[0]?.headers['content-type']).toMatch(/^application\/json/);
    const bodies = slack.requests.map((request) => JSON.parse(request.body) as unknown);
    expect(bodies).toEqual([
      JSON.parse(JSON.stringify(slackMessage(critical))),
      JSON.parse(JSON.stringify(slackMessage(medium))),
    ]);
    const posted = logs.lines().filter((line) => line.message === 'alert posted to Slack');
    expect(posted.map((line) => [line.findingId, line.severity])).toEqual([
      [critical.id, 'critical'],
      [medium.id, 'medium'],
    ]);
    expect(posted[0]).toMatchObject({
      service: 'trailwarden-slack-notifier',
      function_name: 'trailwarden-slack-notifier',
      function_request_id: expect.any(String),
    });
    expect(logs.raw()).not.toContain(WEBHOOK_PATH);
  });

  it('posts the good records, logs each malformed one with its reason, then fails the invocation for the DLQ', async () => {
    // Prepare
    const handler = await coldStart();
    const finding = loadStoredFinding('cloudtrail-logging-stopped');
    const good = alertDelivery(finding);
    const unknownVersion = { message: good.message.replace('"version":1', '"version":2') };
    const noSeverity = { message: good.message.replace('"severity":"critical",', '') };
    const event = snsEvent([{ message: 'not json {' }, good, unknownVersion, noSeverity]);
    const ids = event.Records.map((record) => record.Sns.MessageId);

    // Act
    const outcome = invoke(handler, event);
    await expect(outcome).rejects.toMatchObject({
      name: 'NotificationBatchError',
      total: 4,
      failures: [
        { messageId: ids[0], reason: 'alert body is not JSON' },
        { messageId: ids[2], reason: expect.stringMatching(/not a trailwarden finding/) },
        { messageId: ids[3], reason: expect.stringMatching(/not a trailwarden finding/) },
      ],
    });

    // Assess
    expect(slack.requests).toHaveLength(1);
    expect(JSON.parse(slack.requests[0]?.body ?? '')).toEqual(
      JSON.parse(JSON.stringify(slackMessage(finding))),
    );
    const errors = logs.lines().filter((line) => line.level === 'ERROR');
    expect(errors.map((line) => [line.messageId, line.path])).toEqual([
      [ids[0], undefined],
      [ids[2], 'version'],
      [ids[3], 'finding.severity'],
    ]);
    expect(errors[0]).toMatchObject({
      message: expect.stringMatching(/not a trailwarden alert/),
      topicArn: 'arn:aws:sns:us-east-1:111122223333:trailwarden-alerts',
      reason: 'alert body is not JSON',
    });
  });

  it("fails the console's SNS test event without posting anything", async () => {
    // Prepare
    const handler = await coldStart();
    const event = consoleTestEvent();

    // Act / Assess
    await expect(invoke(handler, event)).rejects.toMatchObject({
      name: 'NotificationBatchError',
      failures: [{ messageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e', reason: 'alert body is not JSON' }],
    });
    expect(slack.requests).toHaveLength(0);
  });

  it('fails the invocation when Slack refuses the message, naming the finding but not the webhook', async () => {
    // Prepare: Slack's answer to a payload it cannot take; a 4xx is not retried
    const handler = await coldStart();
    const finding = loadStoredFinding('iam-access-key-created');
    slack.respondWith({ status: 400, body: 'invalid_blocks' });

    // Act
    const outcome = invoke(handler, snsEvent([alertDelivery(finding)]));
    await expect(outcome).rejects.toMatchObject({
      name: 'NotificationBatchError',
      failures: [{ findingId: finding.id, reason: expect.stringMatching(/HTTP 400 \(invalid_blocks\)/) }],
    });

    // Assess
    expect(slack.requests).toHaveLength(1);
    const [error] = logs.lines().filter((line) => line.level === 'ERROR');
    expect(error).toMatchObject({ message: 'Slack did not take the alert', findingId: finding.id });
    const thrown = await outcome.catch((caught: unknown) => String(caught));
    expect(`${logs.raw()}${thrown}`).not.toContain(WEBHOOK_PATH);
  });

  it('fails the invocation, posting nothing, when the secret cannot be read; the next invocation reads it again', async () => {
    // Prepare
    const handler = await coldStart();
    secrets
      .on(GetSecretValueCommand)
      .rejectsOnce(
        Object.assign(new Error('Secrets Manager can’t find the specified secret.'), {
          name: 'ResourceNotFoundException',
        }),
      )
      .resolves({ ...secretValue, SecretString: `${slack.url}${WEBHOOK_PATH}` });
    const event = snsEvent([alertDelivery(loadStoredFinding('cloudtrail-logging-stopped'))]);

    // Act
    const first = invoke(handler, event);
    await expect(first).rejects.toMatchObject({
      name: 'WebhookSecretError',
      message: expect.stringContaining(`${SECRET_ARN}: GetSecretValue failed: ResourceNotFoundException`),
    });
    await invoke(handler, event);

    // Assess
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
    expect(slack.requests).toHaveLength(1);
  });
});
