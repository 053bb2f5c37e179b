import type { FindingActor } from '@trailwarden/core';
import { describe, expect, it } from 'vitest';
import { closest } from './suggest.js';
import { cut, fitCell, shortActor, shortArn } from './text-cells.js';

describe('table cells', () => {
  it.each([
    { text: 'abc', width: 5, pad: true, expected: 'abc  ' },
    { text: 'abcdef', width: 4, pad: true, expected: 'abc…' },
    { text: 'two\nlines  here', width: 20, pad: false, expected: 'two lines here' },
    { text: 'émoji 😀 ok', width: 8, pad: true, expected: 'émoji 😀…' },
    { text: 'anything', width: 0, pad: true, expected: '' },
  ])('fitCell($text, $width) → "$expected"', ({ text, width, pad, expected }) => {
    expect(fitCell(text, width, pad)).toBe(expected);
  });

  it.each([
    { line: 'high    rule  summary', width: 30, expected: 'high    rule  summary' },
    { line: 'high    rule  summary', width: 10, expected: 'high    r…' },
  ])('cut keeps spacing: "$expected"', ({ line, width, expected }) => {
    expect(cut(line, width)).toBe(expected);
  });

  it.each([
    { arn: 'arn:aws:s3:::example-bucket', expected: 's3:example-bucket' },
    { arn: 'arn:aws:iam::111122223333:role/Admin', expected: 'iam:role/Admin' },
    {
      arn: 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-0123',
      expected: 'ec2:security-group/sg-0123',
    },
    { arn: 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/x:*', expected: 'logs:log-group:/aws/x:*' },
    { arn: 'not-an-arn', expected: 'not-an-arn' },
  ])('shortArn($arn)', ({ arn, expected }) => {
    expect(shortArn(arn)).toBe(expected);
  });

  const actor = (fields: Partial<FindingActor>): FindingActor => ({
    type: 'Unknown',
    mfa: false,
    provenance: 'unknown',
    ...fields,
  });
  it.each([
    { actor: actor({ type: 'Root', arn: 'arn:aws:iam::111122223333:root' }), expected: 'root' },
    { actor: actor({ type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/ops/bob' }), expected: 'ops/bob' },
    {
      actor: actor({ type: 'AssumedRole', arn: 'arn:aws:sts::111122223333:assumed-role/Admin/alice' }),
      expected: 'Admin/alice',
    },
    {
      actor: actor({ type: 'AWSService', principalId: 'config.amazonaws.com' }),
      expected: 'config.amazonaws.com',
    },
    { actor: actor({ type: 'AWSAccount' }), expected: 'AWSAccount' },
  ])('shortActor → $expected', ({ actor: who, expected }) => {
    expect(shortActor(who)).toBe(expected);
  });

  it.each([
    { value: 'root-console-logn', expected: 'root-console-login' },
    { value: 'root-login', expected: 'root-console-login' },
    { value: 'policy public', expected: 's3-bucket-policy-public' },
    { value: 'zzz', expected: undefined },
  ])('closest($value) → $expected', ({ value, expected }) => {
    expect(closest(value, ['root-activity', 'root-console-login', 's3-bucket-policy-public'])).toBe(expected);
  });
});
