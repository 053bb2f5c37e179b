import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { MiddlewareObj, Request } from '@middy/core';
import { SlackWebhookClient } from '@trailwarden/adapters';
import type { Context } from 'aws-lambda';
import { WebhookSecretError } from '../errors.js';
import { webhookUrlFromSecret } from './webhook-secret.js';

/** The Lambda context once {@link slackWebhook} ran: the webhook client is ready to post. */
export interface SlackWebhookContext extends Context {
  slackWebhook: SlackWebhookClient;
}

export interface SlackWebhookOptions {
  /** Created once per cold start by the handler module. */
  readonly client: SecretsManagerClient;
  /** ARN (or name) of the secret holding the webhook URL. */
  readonly secretId: string;
  /** Builds the webhook client from the URL; defaults to a `SlackWebhookClient` with its default retries. */
  readonly createClient?: (webhookUrl: string) => SlackWebhookClient;
}

const defaults = {
  createClient: (webhookUrl: string) => new SlackWebhookClient({ webhookUrl }),
} satisfies Partial<SlackWebhookOptions>;

/**
 * middy middleware that reads the Slack webhook URL from Secrets Manager on the first
 * invocation of an execution environment and hands every invocation a ready
 * `SlackWebhookClient` as `context.slackWebhook`. The URL is the credential: it is cached in
 * memory only, never logged or put into an error. A failed read is not cached, so the next
 * invocation (Lambda's retry) reads again. A rotated URL is picked up by new execution
 * environments (the next cold start).
 *
 * @example
 * export const handler = middy<SNSEvent, void, Error, SlackWebhookContext>()
 *   .use(slackWebhook({ client: new SecretsManagerClient({}), secretId: env.SLACK_WEBHOOK_SECRET_ARN }))
 *   .handler(async (event, context) => { await context.slackWebhook.post(message); });
 */
export function slackWebhook(
  options: SlackWebhookOptions,
): MiddlewareObj<unknown, unknown, Error, SlackWebhookContext> {
  const { client, secretId } = options;
  const createClient = options.createClient ?? defaults.createClient;
  let cached: Promise<SlackWebhookClient> | undefined;

  const load = async (): Promise<SlackWebhookClient> => {
    let secretString: string | undefined;
    try {
      const output = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
      secretString = output.SecretString;
    } catch (cause) {
      throw new WebhookSecretError(secretId, `GetSecretValue failed: ${errorText(cause)}`, { cause });
    }
    const url = webhookUrlFromSecret(secretString);
    if (!url.ok) throw new WebhookSecretError(secretId, url.error);
    try {
      return createClient(url.value);
    } catch (cause) {
      // SlackWebhookClient's own message says what is wrong without echoing the URL.
      throw new WebhookSecretError(secretId, `unusable webhook URL: ${errorText(cause)}`, { cause });
    }
  };

  const slackWebhookMiddlewareBefore = async (
    request: Request<unknown, unknown, Error, SlackWebhookContext>,
  ): Promise<void> => {
    cached ??= load().catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    request.context.slackWebhook = await cached;
  };

  return { name: 'slackWebhook', before: slackWebhookMiddlewareBefore };
}

function errorText(cause: unknown): string {
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
}
