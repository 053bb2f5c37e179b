/** biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables and escapes are written ${...} in plain strings. */
import { describe, expect, it } from 'vitest';
import {
  actionMatches,
  arnMatches,
  hasWildcard,
  patternCovers,
  patternsOverlap,
  substitutePolicyVariables,
  wildcardMatch,
} from './wildcard.js';

describe('actionMatches (case-insensitive)', () => {
  it.each<[string, string, boolean]>([
    ['*', 'iam:CreateUser', true],
    ['*:*', 'iam:CreateUser', true],
    ['s3:GetObject', 's3:GetObject', true],
    ['s3:GetObject', 'S3:getobject', true],
    ['S3:GETOBJECT', 's3:GetObject', true],
    ['s3:Get*', 's3:GetObject', true],
    ['s3:Get*', 's3:Get', true],
    ['s3:Get*', 's3:PutObject', false],
    ['s3:Get*', 'ec2:GetConsoleOutput', false],
    ['iam:*', 'IAM:PassRole', true],
    ['iam:*', 'iamx:PassRole', false],
    ['iam:Put*Policy', 'iam:PutRolePolicy', true],
    ['iam:Put*Policy', 'iam:PutRolePolicyX', false],
    ['iam:*Policy*', 'iam:CreatePolicyVersion', true],
    ['ec2:Describe?nstances', 'ec2:DescribeInstances', true],
    ['ec2:Describe?nstances', 'ec2:Describenstances', false],
    ['ec2:Describe?nstances', 'ec2:DescribeXXnstances', false],
    ['s3:?etObject', 's3:GetObject', true],
    ['*Object', 's3:GetObject', true],
    ['*Object', 's3:GetObjectAcl', false],
    ['s3:*Object*', 's3:GetObjectAcl', true],
    ['a*a*a*a*a*b', `${'a'.repeat(200)}c`, false],
    ['s3:GetObject', 's3:GetObjects', false],
    ['', '', true],
    ['', 's3:GetObject', false],
  ])('%s vs %s → %s', (pattern, action, expected) => {
    expect(actionMatches(pattern, action)).toBe(expected);
  });
});

describe('arnMatches (case-sensitive, wildcards span segments)', () => {
  it.each<[string, string, boolean]>([
    ['*', 'arn:aws:s3:::anything', true],
    ['arn:aws:s3:::example-bucket', 'arn:aws:s3:::example-bucket', true],
    ['arn:aws:s3:::Example-Bucket', 'arn:aws:s3:::example-bucket', false],
    ['arn:aws:s3:::example-bucket/*', 'arn:aws:s3:::example-bucket/a/b/c.txt', true],
    ['arn:aws:s3:::example-bucket/*', 'arn:aws:s3:::example-bucket', false],
    ['arn:aws:s3:::example-*', 'arn:aws:s3:::example-bucket/key', true],
    ['arn:aws:iam::*:role/admin', 'arn:aws:iam::111122223333:role/admin', true],
    ['arn:aws:iam::*:role/admin', 'arn:aws:iam::111122223333:role/path/admin', false],
    ['arn:aws:iam::*', 'arn:aws:iam::111122223333:user/alice', true],
    ['arn:aws:*:us-east-1:*', 'arn:aws:ec2:us-east-1:111122223333:instance/i-1', true],
    ['arn:aws:ec2:us-east-?:*', 'arn:aws:ec2:us-east-2:111122223333:volume/v-1', true],
    ['arn:aws:ec2:us-east-?:*', 'arn:aws:ec2:us-east-12:111122223333:volume/v-1', false],
    ['arn:aws:s3:::b/${*}', 'arn:aws:s3:::b/*', true],
    ['arn:aws:s3:::b/${*}', 'arn:aws:s3:::b/anything', false],
    ['arn:aws:s3:::b/${?}x', 'arn:aws:s3:::b/?x', true],
    ['arn:aws:s3:::b/${?}x', 'arn:aws:s3:::b/ax', false],
    ['arn:aws:s3:::b/${$}', 'arn:aws:s3:::b/$', true],
    ['arn:aws:iam::111122223333:user/${aws:username}', 'arn:aws:iam::111122223333:user/alice', false],
    [
      'arn:aws:iam::111122223333:user/${aws:username}',
      'arn:aws:iam::111122223333:user/${aws:username}',
      true,
    ],
  ])('%s vs %s → %s', (pattern, arn, expected) => {
    expect(arnMatches(pattern, arn)).toBe(expected);
  });

  it('is stable when the same pattern is used many times (cache)', () => {
    const results = Array.from({ length: 50 }, (_, i) =>
      arnMatches('arn:aws:s3:::b-*', `arn:aws:s3:::b-${i}`),
    );
    expect(results.every(Boolean)).toBe(true);
    expect(arnMatches('arn:aws:s3:::b-*', 'arn:aws:s3:::c-1')).toBe(false);
  });
});

describe('wildcardMatch', () => {
  it('honours the caseInsensitive flag', () => {
    expect(wildcardMatch('Team-*', 'team-red')).toBe(false);
    expect(wildcardMatch('Team-*', 'team-red', true)).toBe(true);
  });

  it('does not backtrack exponentially on pathological patterns', () => {
    const started = performance.now();
    expect(wildcardMatch(`${'*a'.repeat(30)}*b`, 'a'.repeat(5000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('hasWildcard', () => {
  it.each<[string, boolean]>([
    ['s3:GetObject', false],
    ['s3:Get*', true],
    ['s3:Get?bject', true],
    ['arn:aws:s3:::b/${*}', false],
    ['arn:aws:iam::111122223333:user/${aws:username}', false],
  ])('%s → %s', (pattern, expected) => {
    expect(hasWildcard(pattern)).toBe(expected);
  });
});

describe('substitutePolicyVariables', () => {
  it.each<[string, Record<string, string>, string]>([
    [
      'arn:aws:iam::111122223333:user/${aws:username}',
      { 'aws:username': 'alice' },
      'arn:aws:iam::111122223333:user/alice',
    ],
    ['home/${AWS:UserName}/*', { 'aws:username': 'bob' }, 'home/bob/*'],
    ["home/${aws:username, 'nobody'}", {}, 'home/nobody'],
    ['home/${aws:username}', {}, 'home/${aws:username}'],
    ['team/${aws:PrincipalTag/team}', { 'aws:PrincipalTag/team': 'a*b' }, 'team/a${*}b'],
    ['keep/${*}', { '*': 'x' }, 'keep/${*}'],
  ])('%s', (pattern, values, expected) => {
    expect(substitutePolicyVariables(pattern, values)).toBe(expected);
  });

  it('inserts values literally, so a * in a value matches only a *', () => {
    const pattern = substitutePolicyVariables('team/${aws:PrincipalTag/team}', {
      'aws:PrincipalTag/team': 'a*',
    });
    expect(arnMatches(pattern, 'team/a*')).toBe(true);
    expect(arnMatches(pattern, 'team/abc')).toBe(false);
  });
});

describe('patternCovers (pattern inclusion)', () => {
  it.each<[string, string, boolean, boolean]>([
    ['*', 's3:*', true, true],
    ['s3:Get*', 's3:GetObject', true, true],
    ['s3:Get*', 's3:Get*Acl', true, true],
    ['s3:Get*', 's3:get*', true, true],
    ['s3:Get*', 's3:Get*', true, true],
    ['s3:Get*', 's3:*', true, false],
    ['s3:Get*', 's3:G*', true, false],
    ['s3:Get*Acl', 's3:Get*', true, false],
    ['s3:GetObject', 's3:GetObject', true, true],
    ['s3:GetObject', 'S3:GETOBJECT', true, true],
    ['s3:GetObject', 'S3:GETOBJECT', false, false],
    ['s3:GetObject', 's3:GetObject*', true, false],
    ['s3:Get?bject', 's3:GetObject', true, true],
    ['s3:Get?bject', 's3:Get?bject', true, true],
    ['s3:Get?bject', 's3:Get*bject', true, false],
    ['s3:Get*bject', 's3:Get?bject', true, true],
    ['*?', '?*', false, true],
    ['?*', '*?', false, true],
    ['?', '*', false, false],
    ['*:*', 'iam:PassRole', true, true],
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/logs/*', false, true],
    ['arn:aws:s3:::b/logs/*', 'arn:aws:s3:::b/*', false, false],
    ['arn:aws:s3:::b*', 'arn:aws:s3:::b/${*}', false, true],
    ['arn:aws:s3:::b/${*}', 'arn:aws:s3:::b/*', false, false],
  ])('%s covers %s (ci=%s) → %s', (general, specific, ci, expected) => {
    expect(patternCovers(general, specific, ci)).toBe(expected);
  });
});

describe('patternsOverlap', () => {
  it.each<[string, string, boolean]>([
    ['s3:Get*', 's3:*Object', true],
    ['s3:Get*', 's3:Put*', false],
    ['iam:*', 'iam:Pass?ole', true],
    ['*', 'anything', true],
    ['a*b', 'c*', false],
    ['*ab', '*b', true],
    ['*a', '*b', false],
    ['?', '??', false],
    ['??', '*', true],
    ['S3:GetObject', 's3:get*', true],
  ])('%s ∩ %s → %s', (a, b, expected) => {
    expect(patternsOverlap(a, b, true)).toBe(expected);
    expect(patternsOverlap(b, a, true)).toBe(expected);
  });
});
