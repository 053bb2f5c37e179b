import { describe, expect, it } from 'vitest';
import { runbookRecommendation } from './runbook-text.js';
import { catalogFindings } from './test-findings.js';

describe('runbookRecommendation', () => {
  it('puts the fix first, keeps commands as text and drops Markdown markers', () => {
    // Prepare
    const runbook = [
      '## Root user console sign-in',
      '',
      '**Check**',
      '1. Ask the account owner whether a root-only task was planned.',
      '',
      '**Fix**',
      '- Reset the root password and check for root keys:',
      "  `aws iam get-account-summary --query 'SummaryMap.AccountAccessKeysPresent'`",
    ].join('\n');
    // Act
    const text = runbookRecommendation(runbook, 512);
    // Assess
    expect(text).toBe(
      "Fix: Reset the root password and check for root keys: aws iam get-account-summary --query 'SummaryMap.AccountAccessKeysPresent' Check: Ask the account owner whether a root-only task was planned.",
    );
  });

  it('keeps a runbook without sections as one paragraph', () => {
    expect(runbookRecommendation('Rotate the key.\nThen tell the owner.', 512)).toBe(
      'Rotate the key. Then tell the owner.',
    );
  });

  it('fits every catalog runbook into 512 characters, fix steps first', () => {
    for (const { name, finding } of catalogFindings()) {
      const text = runbookRecommendation(finding.runbook, 512);
      expect(text.length, name).toBeLessThanOrEqual(512);
      expect(text, name).toMatch(/\S/);
      expect(text, name).not.toMatch(/\*\*|`/);
      if (/\*\*Fix\*\*/.test(finding.runbook)) expect(text.startsWith('Fix:'), name).toBe(true);
    }
  });
});
