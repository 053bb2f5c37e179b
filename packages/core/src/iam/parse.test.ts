import { describe, expect, it } from 'vitest';
import { PolicyParseError } from '../errors.js';
import { MAX_POLICY_CHARS, parsePolicy, tryParsePolicy } from './parse.js';

const simple = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-bucket/*' },
  ],
};

describe('parsePolicy accepts every document form', () => {
  const text = JSON.stringify(simple);
  it.each([
    ['an object', simple],
    ['a JSON string', text],
    ['a JSON string with surrounding whitespace', `\n  ${text}  \n`],
    ['a URL-encoded JSON string (as IAM returns it)', encodeURIComponent(text)],
    [
      'a lower-case URL-encoded string',
      encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    ],
    [
      'a form-encoded string with + for spaces',
      encodeURIComponent(JSON.stringify({ ...simple, Id: 'a b' })).replace(/%20/g, '+'),
    ],
    ['a double-encoded JSON string', JSON.stringify(text)],
  ])('%s', (_name, input) => {
    // Act
    const doc = parsePolicy(input);

    // Assess
    expect(doc.version).toBe('2012-10-17');
    expect(doc.statements).toHaveLength(1);
    expect(doc.statements[0]).toMatchObject({
      index: 0,
      sid: 'Read',
      effect: 'Allow',
      action: ['s3:GetObject'],
      resource: ['arn:aws:s3:::example-bucket/*'],
    });
  });

  it('keeps a literal + inside a URL-encoded document when that is valid JSON', () => {
    // Prepare
    const doc = { ...simple, Id: 'a+b' };

    // Act
    const parsed = parsePolicy(encodeURIComponent(JSON.stringify(doc)));

    // Assess
    expect(parsed.id).toBe('a+b');
  });
});

describe('parsePolicy normalizes elements', () => {
  it('turns a single Statement object into a one-element list', () => {
    // Act
    const doc = parsePolicy({
      Statement: { Effect: 'Deny', NotAction: ['iam:*'], NotResource: 'arn:aws:iam::*:role/x' },
    });

    // Assess
    expect(doc.version).toBeUndefined();
    expect(doc.statements[0]).toMatchObject({
      index: 0,
      effect: 'Deny',
      notAction: ['iam:*'],
      notResource: ['arn:aws:iam::*:role/x'],
    });
    expect(doc.statements[0]?.action).toBeUndefined();
  });

  it.each([
    ['"*"', '*', '*'],
    ['AWS "*"', { AWS: '*' }, { AWS: ['*'] }],
    ['AWS account id', { AWS: '123456789012' }, { AWS: ['123456789012'] }],
    [
      'AWS list with root ARN',
      { AWS: ['arn:aws:iam::444455556666:root', 'arn:aws:iam::111122223333:role/deploy'] },
      { AWS: ['arn:aws:iam::444455556666:root', 'arn:aws:iam::111122223333:role/deploy'] },
    ],
    ['Service', { Service: 'lambda.amazonaws.com' }, { Service: ['lambda.amazonaws.com'] }],
    [
      'Federated',
      { Federated: 'cognito-identity.amazonaws.com' },
      { Federated: ['cognito-identity.amazonaws.com'] },
    ],
    [
      'CanonicalUser',
      { CanonicalUser: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be' },
      { CanonicalUser: ['79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be'] },
    ],
    [
      'mixed types',
      { AWS: '*', Service: ['ec2.amazonaws.com'] },
      { AWS: ['*'], Service: ['ec2.amazonaws.com'] },
    ],
  ])('Principal %s', (_name, principal, expected) => {
    // Act
    const doc = parsePolicy({
      Statement: { Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' },
    });

    // Assess
    expect(doc.statements[0]?.principal).toEqual(expected);
  });

  it('reads NotPrincipal', () => {
    const doc = parsePolicy({
      Statement: { Effect: 'Deny', NotPrincipal: { AWS: '111122223333' }, Action: '*', Resource: '*' },
    });
    expect(doc.statements[0]?.notPrincipal).toEqual({ AWS: ['111122223333'] });
  });

  it('turns condition values (string, bool, number, arrays) into string lists', () => {
    // Act
    const doc = parsePolicy({
      Statement: {
        Effect: 'Allow',
        Action: 's3:*',
        Resource: '*',
        Condition: {
          Bool: { 'aws:SecureTransport': false, 'aws:MultiFactorAuthPresent': 'true' },
          NumericLessThan: { 's3:max-keys': 10 },
          IpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '203.0.113.7/32'] },
          'ForAnyValue:StringLike': { 'aws:TagKeys': [] },
        },
      },
    });

    // Assess
    expect(doc.statements[0]?.condition).toEqual({
      Bool: { 'aws:SecureTransport': ['false'], 'aws:MultiFactorAuthPresent': ['true'] },
      NumericLessThan: { 's3:max-keys': ['10'] },
      IpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '203.0.113.7/32'] },
      'ForAnyValue:StringLike': { 'aws:TagKeys': [] },
    });
  });

  it('keeps the statement as written in raw and numbers statements from 0', () => {
    const input = {
      Statement: [
        { Effect: 'Allow', Action: 'a:b', Resource: '*' },
        { Effect: 'Deny', Action: 'c:d', Resource: '*' },
      ],
    };
    const doc = parsePolicy(input);
    expect(doc.statements.map((s) => s.index)).toEqual([0, 1]);
    expect(doc.statements[1]?.raw).toBe(input.Statement[1]);
  });
});

describe('parsePolicy rejects malformed documents with a path', () => {
  const allow = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
  it.each<[string, unknown, string, RegExp]>([
    ['not JSON', '{"Version": ', '', /not valid JSON/],
    ['an empty string', '   ', '', /empty string/],
    ['a JSON array', '[1,2]', '', /must be a JSON object, got an array/],
    ['a number', 42, '', /got a number/],
    ['null', null, '', /got null/],
    ['bad URL encoding', '%7B%E0%A4%A', '', /invalid URL encoding/],
    ['missing Statement', { Version: '2012-10-17' }, 'Statement', /missing Statement/],
    ['unknown version', { Version: '2020-01-01', Statement: allow }, 'Version', /unsupported policy version/],
    ['Version not a string', { Version: 2012, Statement: allow }, 'Version', /must be a string/],
    ['unknown top-level element', { Statement: allow, Statements: [] }, 'Statements', /unknown element/],
    ['statement not an object', { Statement: ['x'] }, 'Statement[0]', /statement must be an object/],
    [
      'missing Effect',
      { Statement: [{ Action: 'a:b', Resource: '*' }] },
      'Statement[0].Effect',
      /missing Effect/,
    ],
    [
      'bad Effect',
      { Statement: [allow, { ...allow, Effect: 'allow' }] },
      'Statement[1].Effect',
      /"Allow" or "Deny"/,
    ],
    [
      'both Action and NotAction',
      { Statement: { ...allow, NotAction: 'iam:*' } },
      'Statement',
      /both Action and NotAction/,
    ],
    [
      'neither Action nor NotAction',
      { Statement: { Effect: 'Allow', Resource: '*' } },
      'Statement',
      /needs Action or NotAction/,
    ],
    [
      'both Resource and NotResource',
      { Statement: { ...allow, NotResource: '*' } },
      'Statement',
      /both Resource and NotResource/,
    ],
    [
      'both Principal and NotPrincipal',
      { Statement: { ...allow, Principal: '*', NotPrincipal: '*' } },
      'Statement',
      /both Principal/,
    ],
    [
      'non-string action',
      { Statement: [{ ...allow, Action: ['s3:GetObject', 7] }] },
      'Statement[0].Action[1]',
      /must be a string, got a number/,
    ],
    ['empty action list', { Statement: [{ ...allow, Action: [] }] }, 'Statement[0].Action', /empty list/],
    ['empty action string', { Statement: [{ ...allow, Action: '' }] }, 'Statement[0].Action', /empty string/],
    [
      'non-string resource',
      { Statement: [{ ...allow, Resource: { arn: 'x' } }] },
      'Statement[0].Resource',
      /got a object/,
    ],
    [
      'wrong-case element',
      { Statement: [{ ...allow, action: 'x' }] },
      'Statement[0].action',
      /did you mean Action/,
    ],
    [
      'unknown statement element',
      { Statement: [{ ...allow, Actions: 'x' }] },
      'Statement[0].Actions',
      /unknown element/,
    ],
    ['Sid not a string', { Statement: [{ ...allow, Sid: 1 }] }, 'Statement[0].Sid', /must be a string/],
    [
      'principal a plain string',
      { Statement: [{ ...allow, Principal: '123456789012' }] },
      'Statement[0].Principal',
      /principal must be/,
    ],
    [
      'unknown principal type',
      { Statement: [{ ...allow, Principal: { Aws: '*' } }] },
      'Statement[0].Principal.Aws',
      /unknown principal type/,
    ],
    [
      'empty principal object',
      { Statement: [{ ...allow, Principal: {} }] },
      'Statement[0].Principal',
      /empty/,
    ],
    [
      'non-string principal',
      { Statement: [{ ...allow, Principal: { AWS: [123456789012] } }] },
      'Statement[0].Principal.AWS[0]',
      /must be a string/,
    ],
    [
      'Condition not an object',
      { Statement: [{ ...allow, Condition: 'x' }] },
      'Statement[0].Condition',
      /Condition must be an object/,
    ],
    [
      'condition operator not an object',
      { Statement: [{ ...allow, Condition: { StringEquals: ['x'] } }] },
      'Statement[0].Condition.StringEquals',
      /object of keys/,
    ],
    [
      'condition value an object',
      { Statement: [{ ...allow, Condition: { StringEquals: { 'aws:PrincipalOrgID': { id: 'o-1' } } } }] },
      'Statement[0].Condition.StringEquals.aws:PrincipalOrgID',
      /condition value must be/,
    ],
    [
      'condition value null inside a list',
      { Statement: [{ ...allow, Condition: { StringEquals: { 'aws:SourceVpce': ['vpce-1', null] } } }] },
      'Statement[0].Condition.StringEquals.aws:SourceVpce[1]',
      /got null/,
    ],
  ])('%s', (_name, input, path, message) => {
    // Act
    const result = tryParsePolicy(input);

    // Assess
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(PolicyParseError);
    expect(result.error.path).toBe(path);
    expect(result.error.message).toMatch(message);
  });

  it('throws PolicyParseError from parsePolicy', () => {
    expect(() => parsePolicy('nope')).toThrow(PolicyParseError);
  });

  it('refuses documents over the size limit, as a string or an object', () => {
    // Prepare
    const big = {
      Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'x'.repeat(MAX_POLICY_CHARS) },
    };

    // Act
    const fromObject = tryParsePolicy(big);
    const fromString = tryParsePolicy(JSON.stringify(big));

    // Assess
    expect(fromObject.ok || fromObject.error.message).toMatch(/over the 1048576 limit/);
    expect(fromString.ok || fromString.error.message).toMatch(/over the 1048576 limit/);
  });

  it('refuses cyclic objects without throwing a TypeError', () => {
    // Prepare
    const cyclic: Record<string, unknown> = { Statement: { Effect: 'Allow', Action: '*', Resource: '*' } };
    cyclic.self = cyclic;

    // Act
    const result = tryParsePolicy(cyclic);

    // Assess
    expect(result.ok || result.error.message).toMatch(/cannot be serialized/);
  });
});
