import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unwrapAwsCliOutput } from './aws-cli-output.js';
import { parsePolicy } from './parse.js';

const output = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/aws-cli-output/${name}.json`, import.meta.url), 'utf8'));

const DOCUMENT = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

describe('unwrapAwsCliOutput', () => {
  it.each<[string, string]>([
    ['iam-get-policy-version', 'ReadReports'],
    ['iam-get-role', 'TrustCi'],
    ['iam-get-role-policy', 'DeployStacks'],
    ['organizations-describe-policy', 'DenyLeave'],
    ['s3api-get-bucket-policy', 'PartnerRead'],
    ['kms-get-key-policy', 'EnableRootPermissions'],
  ])('finds the document in the output of %s', (name, sid) => {
    // Act
    const doc = parsePolicy(unwrapAwsCliOutput(output(name)));

    // Assess
    expect(doc.statements.map((statement) => statement.sid)).toEqual([sid]);
  });

  it.each<[string, unknown]>([
    ['a policy document', DOCUMENT],
    ['a policy document that also has a Policy key', { ...DOCUMENT, Policy: 'x' }],
    ['an array of documents', [DOCUMENT, DOCUMENT]],
    ['a JSON string', JSON.stringify(DOCUMENT)],
    ['null', null],
    ['a number', 42],
    ['output without a known wrapper', { Roles: [] }],
    ['a wrapper holding neither text nor an object', { Policy: 7 }],
    ['a wrapper holding null', { PolicyDocument: null }],
  ])('returns %s unchanged', (_name, value) => {
    // Act
    const unwrapped = unwrapAwsCliOutput(value);

    // Assess
    expect(unwrapped).toBe(value);
  });
});
