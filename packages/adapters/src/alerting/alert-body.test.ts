import { describe, expect, it } from 'vitest';
import { alertBody, parseAlertBody } from './alert-body.js';
import { loadFinding } from './test-findings.js';

describe('parseAlertBody', () => {
  it('reads back what alertBody wrote', () => {
    // Prepare
    const finding = loadFinding('s3-bucket-policy-public-critical');
    const message = JSON.stringify(alertBody(finding, { consoleUrl: 'https://example.com/x' }));

    // Act
    const parsed = parseAlertBody(message);

    // Assess
    expect(parsed).toEqual({
      ok: true,
      value: { type: 'trailwarden.finding', version: 1, finding, consoleUrl: 'https://example.com/x' },
    });
  });

  it.each([
    { case: 'not JSON', message: '{"type":', error: /not JSON/ },
    { case: 'another document', message: '{"Records":[]}', error: /not a trailwarden finding/ },
    {
      case: 'a future version',
      message: JSON.stringify({ ...alertBody(loadFinding('iam-user-created-low')), version: 2 }),
      error: /not a trailwarden finding/,
    },
    {
      case: 'an unknown severity',
      message: JSON.stringify(
        alertBody(loadFinding('iam-user-created-low', { severity: 'urgent' as never })),
      ),
      error: /not a trailwarden finding/,
    },
  ])('refuses $case', ({ message, error }) => {
    // Act
    const parsed = parseAlertBody(message);

    // Assess
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.name).toBe('ParseError');
      expect(parsed.error.message).toMatch(error);
    }
  });

  it('names the field that is wrong', () => {
    const body = alertBody(loadFinding('iam-user-created-low', { count: 0 }));
    const parsed = parseAlertBody(JSON.stringify(body));
    expect(!parsed.ok && parsed.error.details.path).toBe('finding.count');
  });
});
