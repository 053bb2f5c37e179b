import { err, ok, type Result } from '@trailwarden/core';
import { z } from 'zod';

// Secrets Manager's console stores key/value secrets as a JSON object; accept the usual key names.
const KeyValueSecret = z.union([
  z.object({ webhookUrl: z.string().min(1) }).transform((secret) => secret.webhookUrl),
  z.object({ url: z.string().min(1) }).transform((secret) => secret.url),
]);

/**
 * Reads the Slack incoming-webhook URL out of a secret's `SecretString`: either the URL itself,
 * or a JSON object with a `webhookUrl` (or `url`) key. The error text never contains the value.
 * Whether the URL is usable (https) is checked by `SlackWebhookClient`.
 *
 * @example
 * webhookUrlFromSecret('{"webhookUrl":"https://hooks.slack.com/services/T0/B0/X"}');
 * // { ok: true, value: 'https://hooks.slack.com/services/T0/B0/X' }
 */
export function webhookUrlFromSecret(secretString: string | undefined): Result<string, string> {
  const text = secretString?.trim() ?? '';
  if (text === '') return err('the secret has no SecretString (binary secrets are not supported)');
  if (!text.startsWith('{')) return ok(text);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return err('the secret starts with "{" but is not valid JSON');
  }
  const parsed = KeyValueSecret.safeParse(json);
  return parsed.success
    ? ok(parsed.data)
    : err('the secret is a JSON object without a "webhookUrl" (or "url") string');
}
