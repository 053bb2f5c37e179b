import { describe, expect, it } from 'vitest';
import { parseAlertBody } from '../alert-body.js';
import { chatbotNotification } from '../chatbot.js';
import { renderEmailText } from '../email-text.js';
import { alertSubject } from '../subject.js';
import { loadFinding } from '../test-findings.js';
import { SNS_MAX_MESSAGE_BYTES, snsAlertMessage } from './sns-message.js';

const structureOf = (message: string) => JSON.parse(message) as Record<string, string>;

describe('snsAlertMessage', () => {
  it('builds the subject, the per-protocol structure and the filter attributes', () => {
    // Prepare
    const finding = loadFinding('root-console-login-critical');

    // Act
    const built = snsAlertMessage(finding);

    // Assess
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.value.subject).toBe(alertSubject(finding));
    const structure = structureOf(built.value.message);
    expect(Object.keys(structure).sort()).toEqual(['default', 'email', 'https', 'lambda', 'sqs']);
    for (const key of ['default', 'sqs', 'lambda', 'https']) {
      const body = parseAlertBody(structure[key] ?? '');
      expect(body.ok && body.value.finding).toEqual(finding);
    }
    expect(structure.email).toBe(renderEmailText(finding));
    expect(built.value.messageAttributes).toEqual({
      severity: { DataType: 'String', StringValue: 'critical' },
      category: { DataType: 'String', StringValue: 'root_activity' },
      ruleId: { DataType: 'String', StringValue: 'root-console-login' },
      account: { DataType: 'String', StringValue: '111122223333' },
      region: { DataType: 'String', StringValue: 'us-east-1' },
      provenance: { DataType: 'String', StringValue: 'human-console' },
    });
    expect(built.value.trimmed).toBeUndefined();
  });

  it('puts the AWS Chatbot notification on https when asked', () => {
    // Prepare
    const finding = loadFinding('iam-user-created-low');

    // Act
    const built = snsAlertMessage(finding, { chatbot: true });

    // Assess
    const structure = built.ok ? structureOf(built.value.message) : {};
    expect(JSON.parse(structure.https ?? '')).toEqual(chatbotNotification(finding));
    expect(parseAlertBody(structure.default ?? '').ok).toBe(true);
  });

  it('never sends an empty attribute value (SNS refuses them)', () => {
    const built = snsAlertMessage(loadFinding('iam-user-created-low', { account: '', region: '' }));
    expect(built.ok && built.value.messageAttributes.account).toEqual({
      DataType: 'String',
      StringValue: 'unknown',
    });
  });

  it('trims huge evidence to stay under 256 KB and says so in the body and the email', () => {
    // Prepare: a policy document of ~400 KB in the evidence
    const finding = loadFinding('s3-bucket-policy-public-critical', {
      context: {
        bucket: 'example-reports-bucket',
        policy: {
          Statement: Array.from({ length: 4000 }, (_, i) => ({
            Sid: `S${i}`,
            Effect: 'Allow',
            Principal: '*',
            Action: 's3:GetObject',
            Resource: `arn:aws:s3:::b/${i}`,
          })),
        },
      },
    });

    // Act
    const built = snsAlertMessage(finding);

    // Assess
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.value.bytes).toBeLessThanOrEqual(SNS_MAX_MESSAGE_BYTES);
    expect(Buffer.byteLength(built.value.message)).toBeLessThan(built.value.bytes);
    const structure = structureOf(built.value.message);
    const body = parseAlertBody(structure.default ?? '');
    expect(body.ok && body.value.trimmed?.contextKeys).toEqual(['policy']);
    expect(body.ok && body.value.finding.context.bucket).toBe('example-reports-bucket');
    expect(body.ok && body.value.trimmed?.reason).toContain(`under id ${finding.id}`);
    expect(structure.email).toContain('evidence trimmed to fit the SNS 256 KB message limit');
  });

  it('reports an alert that cannot fit at all instead of throwing', () => {
    // Act
    const built = snsAlertMessage(loadFinding('iam-user-created-low'), { maxBytes: 500 });

    // Assess
    expect(built.ok).toBe(false);
    expect(!built.ok && built.error.details).toEqual({
      findingId: '0b7e4d2c9a1f3e5d7c6b8a9f0e1d2c3b',
      code: 'MessageTooLarge',
      senderFault: true,
    });
  });
});
