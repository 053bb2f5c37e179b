import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../iam/index.js';
import { lostTransportGuards, transportGuards } from './secure-transport.js';

const bucket = 'arn:aws:s3:::payments-ledger';
const doc = (...statements: object[]) => parsePolicy({ Version: '2012-10-17', Statement: statements });
const deny = (condition: object, extra: object = {}) => ({
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [bucket, `${bucket}/*`],
  Condition: condition,
  ...extra,
});
const guards = (...statements: object[]) => transportGuards(doc(...statements));

describe('transportGuards', () => {
  it.each([
    ['Bool aws:SecureTransport "false"', deny({ Bool: { 'aws:SecureTransport': 'false' } }), 2],
    [
      'BoolIfExists with a boolean value and odd key case',
      deny({ BoolIfExists: { 'AWS:securetransport': false } }),
      2,
    ],
    [
      'NotAction deny reads as every action',
      {
        ...deny({ Bool: { 'aws:SecureTransport': 'false' } }),
        Action: undefined,
        NotAction: 's3:GetBucketLocation',
      },
      2,
    ],
    ['SecureTransport "true" is not a TLS deny', deny({ Bool: { 'aws:SecureTransport': 'true' } }), 0],
    ['an Allow is not a deny', { ...deny({ Bool: { 'aws:SecureTransport': 'false' } }), Effect: 'Allow' }, 0],
    ['a deny on another condition', deny({ NumericLessThan: { 's3:TlsVersion': '1.2' } }), 0],
  ])('%s', (_name, statement, count) => {
    expect(guards(JSON.parse(JSON.stringify(statement)))).toHaveLength(count);
  });
});

describe('lostTransportGuards', () => {
  const full = guards(deny({ Bool: { 'aws:SecureTransport': 'false' } }));
  it.each([
    ['same deny', full, 0],
    ['deny removed', [], 2],
    [
      'deny narrowed to the bucket',
      guards(deny({ Bool: { 'aws:SecureTransport': 'false' } }, { Resource: bucket })),
      1,
    ],
    [
      'deny widened to every action and resource',
      guards(deny({ Bool: { 'aws:SecureTransport': 'false' } }, { Action: '*', Resource: '*' })),
      0,
    ],
    [
      'deny narrowed to GetObject',
      guards(deny({ Bool: { 'aws:SecureTransport': 'false' } }, { Action: 's3:GetObject' })),
      2,
    ],
  ])('%s', (_name, after, lost) => {
    expect(lostTransportGuards(full, after)).toHaveLength(lost);
  });
});
