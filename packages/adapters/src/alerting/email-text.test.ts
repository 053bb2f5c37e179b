import { describe, expect, it } from 'vitest';
import { renderEmailText } from './email-text.js';
import { loadFinding } from './test-findings.js';

describe('renderEmailText', () => {
  it('reads top to bottom: title, summary, facts, evidence, runbook, ids and link', () => {
    // Prepare
    const finding = loadFinding('root-console-login-critical');

    // Act
    const text = renderEmailText(finding);

    // Assess
    const lines = text.split('\n');
    expect(lines[0]).toBe('[CRITICAL] Root user signed in to the console without MFA');
    expect(lines[2]).toBe(finding.summary);
    expect(text).toContain('Severity:   CRITICAL');
    expect(text).toContain('Rule:       root-console-login (root_activity)');
    expect(text).toContain('Who:        root (human-console, no MFA, from 192.0.2.10)');
    expect(text).toContain('What:       signin.amazonaws.com ConsoleLogin');
    expect(text).toContain('Where:      account 111122223333, region us-east-1');
    expect(text).toContain('Resources:  arn:aws:iam::111122223333:root');
    expect(text).toContain('When:       2026-11-02 10:15:00 UTC');
    expect(text).toContain('\nEvidence\n  mfaUsed: false\n  sourceIp: 192.0.2.10\n');
    expect(text).toContain('\nRunbook\n\n## Root user console sign-in\n');
    expect(text).toContain('CIS AWS Foundations: 4.3');
    expect(text).toContain('MITRE ATT&CK: T1078.004');
    expect(text).toContain(`Finding id: ${finding.id}`);
    expect(text).toContain(
      'Console:    https://us-east-1.console.aws.amazon.com/cloudtrail/home?region=us-east-1#/events/3a2f6d1e-9b4c-4e7a-8f21-6c5d4b3a2e10',
    );
    // Sections come in reading order
    const order = ['Severity:', 'Evidence', 'Runbook', 'References', 'Finding id:', 'Console:'].map((s) =>
      text.indexOf(s),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('lists every resource and says how often a finding repeated', () => {
    // Prepare
    const finding = loadFinding('s3-bucket-policy-public-critical', {
      resources: ['arn:aws:s3:::example-reports-bucket', 'arn:aws:s3:::example-reports-bucket/*'],
    });

    // Act
    const text = renderEmailText(finding);

    // Assess
    expect(text).toContain(
      'Resources:  arn:aws:s3:::example-reports-bucket\n            arn:aws:s3:::example-reports-bucket/*',
    );
    expect(text).toContain(
      'Status:     open, seen 3 times (first 2026-11-03 08:45:15 UTC, last 2026-11-03 09:01:40 UTC)',
    );
  });

  it('says when the evidence was trimmed and where the rest is', () => {
    // Prepare
    const finding = loadFinding('iam-user-created-low', { context: {} });
    const trimmed = {
      reason:
        'evidence trimmed to fit the SNS 256 KB message limit; the complete finding is in the findings store under id 0b7e',
      contextKeys: ['policy'],
      fields: [],
      originalContextBytes: 300_000,
    };

    // Act
    const text = renderEmailText(finding, { trimmed });

    // Assess
    expect(text).toContain(`Evidence\n  (${trimmed.reason})`);
  });

  it('omits the console line when the region is unknown', () => {
    const text = renderEmailText(loadFinding('iam-user-created-low', { region: '' }));
    expect(text).not.toContain('Console:');
  });
});
