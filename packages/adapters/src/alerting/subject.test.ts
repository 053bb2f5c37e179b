import { describe, expect, it } from 'vitest';
import { alertSubject, SNS_SUBJECT_MAX } from './subject.js';
import { type FindingFixture, loadFinding } from './test-findings.js';

const FIXTURES: FindingFixture[] = [
  'root-console-login-critical',
  'iam-user-created-low',
  's3-bucket-policy-public-critical',
  'config-restricted-ssh-high',
];

describe('alertSubject', () => {
  it('reads severity, title and account', () => {
    // Prepare
    const finding = loadFinding('root-console-login-critical');

    // Act
    const subject = alertSubject(finding);

    // Assess
    expect(subject).toBe('[CRITICAL] Root user signed in to the console without MFA - 111122223333');
  });

  it.each([
    {
      case: 'a very long title',
      title: `Policy ${'arn:aws:iam::111122223333:policy/very-long-name/'.repeat(5)} widened`,
    },
    { case: 'newlines and tabs', title: 'Bucket\nexample-reports-bucket\tis public\r\n' },
    { case: 'non-ASCII text', title: 'Clé KMS désactivée — données chiffrées inaccessibles 🔐' },
    { case: 'an empty title', title: '' },
  ])('stays within SNS rules for $case', ({ title }) => {
    // Prepare
    const finding = loadFinding('s3-bucket-policy-public-critical', { title });

    // Act
    const subject = alertSubject(finding);

    // Assess: < 100 characters, printable ASCII (no line breaks), severity and account kept
    expect(subject.length).toBeLessThanOrEqual(SNS_SUBJECT_MAX);
    expect(subject).toMatch(/^[\x20-\x7e]+$/);
    expect(subject.startsWith('[CRITICAL] ')).toBe(true);
    expect(subject.endsWith(' - 444455556666')).toBe(true);
  });

  it('marks a cut title with an ellipsis and uses the whole budget', () => {
    // Prepare
    const finding = loadFinding('iam-user-created-low', { title: 'x'.repeat(300) });

    // Act
    const subject = alertSubject(finding);

    // Assess
    expect(subject).toHaveLength(SNS_SUBJECT_MAX);
    expect(subject).toMatch(/^\[LOW\] x+\.\.\. - 111122223333$/);
  });

  it.each(FIXTURES)('renders %s within the limit', (name) => {
    const subject = alertSubject(loadFinding(name));
    expect(subject.length).toBeLessThanOrEqual(SNS_SUBJECT_MAX);
    expect(subject).not.toMatch(/[\r\n]/);
  });
});
