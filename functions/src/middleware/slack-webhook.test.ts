import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import middy from '@middy/core';
import { SlackWebhookClient } from '@trailwarden/adapters';
import { fakeLambdaContext } from '@trailwarden/testing/lambda-context';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { WebhookSecretError } from '../errors.js';
import { type SlackWebhookContext, type SlackWebhookOptions, slackWebhook } from './slack-webhook.js';

const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:444455556666:secret:slack-webhook-Ab12Cd';
const SECRET_PART = 'Zx9Kq4Lm7Np2Rs5Tv8Wy1Ab3';
const WEBHOOK_URL = `https://hooks.slack.com/services/T0EXAMPLE1/B0EXAMPLE2/${SECRET_PART}`;

const secrets = mockClient(SecretsManagerClient);

/** A handler that only reports what the middleware gave it, and the URLs the client factory saw. */
function harness(options: Partial<SlackWebhookOptions> = {}) {
  const urls: string[] = [];
  const handler = middy<unknown, SlackWebhookClient, Error, SlackWebhookContext>()
    .use(
      slackWebhook({
        client: new SecretsManagerClient({ region: 'eu-west-1' }),
        secretId: SECRET_ARN,
        createClient: (webhookUrl) => {
          const client = new SlackWebhookClient({ webhookUrl });
          urls.push(webhookUrl);
          return client;
        },
        ...options,
      }),
    )
    .handler(async (_event, context) => context.slackWebhook);
  const invoke = () => handler({}, fakeLambdaContext() as SlackWebhookContext);
  return { invoke, urls };
}

beforeEach(() => {
  secrets.reset();
});

afterAll(() => {
  secrets.restore();
});

describe('slackWebhook middleware', () => {
  it.each([
    ['a plain URL', WEBHOOK_URL],
    ['a key/value secret', JSON.stringify({ webhookUrl: WEBHOOK_URL })],
  ])('hands every invocation a webhook client read once from %s', async (_case, secretString) => {
    // Prepare
    secrets.on(GetSecretValueCommand).resolves({ ARN: SECRET_ARN, SecretString: secretString });
    const { invoke, urls } = harness();

    // Act
    const first = await invoke();
    const second = await invoke();

    // Assess
    expect(first).toBeInstanceOf(SlackWebhookClient);
    expect(second).toBe(first);
    expect(urls).toEqual([WEBHOOK_URL]);
    expect(secrets.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input)).toEqual([
      { SecretId: SECRET_ARN },
    ]);
  });

  it('makes concurrent first invocations share one read', async () => {
    // Prepare
    secrets.on(GetSecretValueCommand).resolves({ SecretString: WEBHOOK_URL });
    const { invoke } = harness();

    // Act
    const clients = await Promise.all([invoke(), invoke(), invoke()]);

    // Assess
    expect(new Set(clients).size).toBe(1);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('keeps one cache per middleware instance (one per execution environment)', async () => {
    // Prepare
    secrets.on(GetSecretValueCommand).resolves({ SecretString: WEBHOOK_URL });

    // Act
    await harness().invoke();
    await harness().invoke();

    // Assess
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('does not cache a failed read: the next invocation reads again', async () => {
    // Prepare
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    secrets.on(GetSecretValueCommand).rejectsOnce(throttled).resolves({ SecretString: WEBHOOK_URL });
    const { invoke } = harness();

    // Act
    const failed = invoke();
    await expect(failed).rejects.toBeInstanceOf(WebhookSecretError);
    await expect(failed).rejects.toMatchObject({
      message: `Slack webhook secret ${SECRET_ARN}: GetSecretValue failed: ThrottlingException: Rate exceeded`,
      cause: throttled,
    });
    const recovered = await invoke();

    // Assess
    expect(recovered).toBeInstanceOf(SlackWebhookClient);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it.each([
    ['a binary secret', { SecretBinary: new Uint8Array([1, 2, 3]) }, /has no SecretString/],
    [
      'a JSON secret without the key',
      { SecretString: JSON.stringify({ token: SECRET_PART }) },
      /without a "webhookUrl"/,
    ],
    [
      'a plain-http URL',
      { SecretString: `http://hooks.example.com/services/${SECRET_PART}` },
      /unusable webhook URL: AlertConfigError: .*must use https/,
    ],
    ['not a URL', { SecretString: `token-${SECRET_PART}` }, /unusable webhook URL: .*not a valid URL/],
  ])('refuses %s, naming the secret but never its value', async (_case, output, reason) => {
    // Prepare
    secrets.on(GetSecretValueCommand).resolves(output);
    const { invoke, urls } = harness();

    // Act
    const error = await invoke().then(
      () => undefined,
      (caught: unknown) => caught,
    );

    // Assess
    expect(error).toBeInstanceOf(WebhookSecretError);
    expect(error).toMatchObject({ secretId: SECRET_ARN, message: expect.stringMatching(reason) });
    expect(String(error)).not.toContain(SECRET_PART);
    expect(urls).toEqual([]);
  });
});
