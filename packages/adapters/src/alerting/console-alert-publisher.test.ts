import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConsoleAlertPublisher, consoleAlertText } from './console-alert-publisher.js';
import { loadFinding } from './test-findings.js';

function collect() {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return { stream, text: () => chunks.join('') };
}

describe('consoleAlertText', () => {
  it('shows severity, title, rule, summary, time, id and link on three lines', () => {
    // Prepare
    const finding = loadFinding('root-console-login-critical');

    // Act
    const text = consoleAlertText(finding);

    // Assess
    expect(text.split('\n')).toEqual([
      'CRITICAL  Root user signed in to the console without MFA [root-console-login]',
      `          ${finding.summary}`,
      `          2026-11-02 10:15:00 UTC · finding ${finding.id} · https://us-east-1.console.aws.amazon.com/cloudtrail/home?region=us-east-1#/events/3a2f6d1e-9b4c-4e7a-8f21-6c5d4b3a2e10`,
      '',
    ]);
  });

  it('colours the severity only when asked, and counts repeats', () => {
    // Prepare
    const finding = loadFinding('s3-bucket-policy-public-critical');

    // Act
    const plain = consoleAlertText(finding);
    const coloured = consoleAlertText(finding, { color: true });

    // Assess
    expect(plain).not.toContain('\u001b[');
    expect(coloured.startsWith('\u001b[1;31mCRITICAL  \u001b[0m')).toBe(true);
    expect(plain.split('\n')[0]).toMatch(/\[s3-bucket-policy-public\] ×3$/);
  });

  it('keeps a multi-line summary on one line, cut to the width', () => {
    const text = consoleAlertText(
      loadFinding('iam-user-created-low', { summary: `a\nb ${'c'.repeat(500)}` }),
      { width: 60 },
    );
    const summaryLine = text.split('\n')[1] ?? '';
    expect(summaryLine.trim().startsWith('a b c')).toBe(true);
    expect(Array.from(summaryLine.trim())).toHaveLength(60);
  });
});

describe('ConsoleAlertPublisher', () => {
  it('writes every finding to the stream and reports each as sent', async () => {
    // Prepare
    const out = collect();
    const findings = [loadFinding('root-console-login-critical'), loadFinding('iam-user-created-low')];

    // Act
    const results = await new ConsoleAlertPublisher({ stream: out.stream }).publish(findings);

    // Assess
    expect(results).toEqual(findings.map((finding) => ({ id: finding.id, ok: true })));
    expect(out.text()).toBe(findings.map((finding) => consoleAlertText(finding)).join(''));
  });

  it('reports a failed write instead of throwing', async () => {
    // Prepare
    const broken = new Writable({
      write(_chunk, _encoding, callback) {
        callback(new Error('EPIPE: broken pipe'));
      },
    });
    broken.on('error', () => {});
    const finding = loadFinding('iam-user-created-low');

    // Act
    const [result] = await new ConsoleAlertPublisher({ stream: broken }).publish([finding]);

    // Assess
    expect(result?.ok).toBe(false);
    expect(result?.ok === false && (result.error.cause as Error).message).toBe('EPIPE: broken pipe');
  });

  it('reports writes to a destroyed stream', async () => {
    // Prepare
    const out = collect();
    out.stream.destroy();

    // Act
    const [result] = await new ConsoleAlertPublisher({ stream: out.stream }).publish([
      loadFinding('iam-user-created-low'),
    ]);

    // Assess
    expect(result?.ok).toBe(false);
  });
});
