import { describe, expect, it } from 'vitest';
import { webhookUrlFromSecret } from './webhook-secret.js';

const URL = 'https://hooks.slack.com/services/T0EXAMPLE1/B0EXAMPLE2/Zx9Kq4Lm7Np2Rs5Tv8Wy1Ab3';

describe('webhookUrlFromSecret', () => {
  it.each([
    ['the URL itself', URL],
    ['the URL with a trailing newline (pasted)', `${URL}\n`],
    ['a key/value secret with webhookUrl', JSON.stringify({ webhookUrl: URL })],
    ['a key/value secret with url', JSON.stringify({ url: URL, channel: '#security' })],
  ])('reads %s', (_case, secretString) => {
    expect(webhookUrlFromSecret(secretString)).toEqual({ ok: true, value: URL });
  });

  it.each([
    ['no SecretString (binary secret)', undefined, /no SecretString/],
    ['an empty string', '  ', /no SecretString/],
    ['broken JSON', `{"webhookUrl": "${URL}"`, /not valid JSON/],
    ['JSON without the key', JSON.stringify({ webhook: URL }), /without a "webhookUrl"/],
    ['JSON with a non-string value', JSON.stringify({ webhookUrl: 42 }), /without a "webhookUrl"/],
  ])('refuses %s without echoing the value', (_case, secretString, reason) => {
    // Act
    const result = webhookUrlFromSecret(secretString);
    // Assess
    expect(result).toEqual({ ok: false, error: expect.stringMatching(reason) });
    expect(JSON.stringify(result)).not.toContain('Zx9Kq4Lm7Np2Rs5Tv8Wy1Ab3');
  });
});
