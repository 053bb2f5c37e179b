import { describe, expect, it } from 'vitest';
import { parsePolicy } from './parse.js';
import {
  conditionRestriction,
  hasPublicPrincipal,
  isRestrictingCondition,
  principalAccount,
  principalEntries,
  principalLabels,
  unrestrictedWebIdentityProviders,
} from './principals.js';
import type { Statement } from './types.js';

const statement = (raw: Record<string, unknown>): Statement => parsePolicy({ Statement: raw }).statements[0]!;
const publicRead = (condition?: Record<string, unknown>): Statement =>
  statement({
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:GetObject',
    Resource: 'arn:aws:s3:::example-bucket/*',
    ...(condition ? { Condition: condition } : {}),
  });

describe('principalAccount', () => {
  it.each<[string, string | undefined]>([
    ['111122223333', '111122223333'],
    ['arn:aws:iam::444455556666:root', '444455556666'],
    ['arn:aws:iam::444455556666:role/path/deployer', '444455556666'],
    ['arn:aws:iam::444455556666:user/alice', '444455556666'],
    ['arn:aws:sts::444455556666:assumed-role/deployer/session', '444455556666'],
    ['arn:aws-us-gov:iam::123456789012:root', '123456789012'],
    ['AIDACKCEVSQ6C2EXAMPLE', undefined],
    ['*', undefined],
    ['arn:aws:iam::*:root', undefined],
    ['12345', undefined],
  ])('%s → %s', (value, expected) => {
    expect(principalAccount(value)).toBe(expected);
  });
});

describe('principalEntries', () => {
  it('classifies every principal form', () => {
    // Act
    const entries = principalEntries({
      AWS: ['*', '444455556666', 'arn:aws:iam::*:root'],
      Service: ['lambda.amazonaws.com'],
      Federated: ['cognito-identity.amazonaws.com'],
      CanonicalUser: ['79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be'],
    });

    // Assess
    expect(entries).toEqual([
      { type: 'AWS', value: '*', public: true },
      { type: 'AWS', value: '444455556666', public: false, account: '444455556666' },
      { type: 'AWS', value: 'arn:aws:iam::*:root', public: true },
      { type: 'Service', value: 'lambda.amazonaws.com', public: false },
      { type: 'Federated', value: 'cognito-identity.amazonaws.com', public: false },
      {
        type: 'CanonicalUser',
        value: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be',
        public: false,
      },
    ]);
    expect(principalEntries('*')).toEqual([{ type: '*', value: '*', public: true }]);
    expect(principalEntries(undefined)).toEqual([]);
  });

  it('treats Allow + NotPrincipal as public and labels it', () => {
    // Prepare
    const allow = statement({
      Effect: 'Allow',
      NotPrincipal: { AWS: '111122223333' },
      Action: 's3:*',
      Resource: '*',
    });
    const deny = statement({
      Effect: 'Deny',
      NotPrincipal: { AWS: '111122223333' },
      Action: 's3:*',
      Resource: '*',
    });

    // Act / Assess
    expect(hasPublicPrincipal(allow)).toBe(true);
    expect(hasPublicPrincipal(deny)).toBe(false);
    expect(principalLabels(allow)).toEqual(['* except 111122223333']);
  });
});

describe('conditionRestriction', () => {
  it.each<[string, Record<string, unknown>, boolean]>([
    ['PrincipalOrgID equals', { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }, true],
    ['key names are case-insensitive', { StringEquals: { 'AWS:principalorgid': 'o-a1b2c3d4e5' } }, true],
    [
      'ForAnyValue on org paths',
      { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/*' } },
      true,
    ],
    ['SourceAccount', { StringEquals: { 'aws:SourceAccount': '111122223333' } }, true],
    ['SourceOwner', { StringEquals: { 'aws:SourceOwner': '111122223333' } }, true],
    ['PrincipalAccount', { StringEquals: { 'aws:PrincipalAccount': '111122223333' } }, true],
    [
      'SourceArn ArnLike',
      { ArnLike: { 'aws:SourceArn': 'arn:aws:cloudtrail:*:111122223333:trail/*' } },
      true,
    ],
    [
      'PrincipalArn ArnEquals',
      { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/reader' } },
      true,
    ],
    ['SourceVpc', { StringEquals: { 'aws:SourceVpc': 'vpc-111bbb22' } }, true],
    ['SourceVpce', { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } }, true],
    ['SourceIp', { IpAddress: { 'aws:SourceIp': '198.51.100.0/24' } }, true],
    ['userid', { StringLike: { 'aws:userid': 'AROAEXAMPLEID:*' } }, true],
    ['kms:CallerAccount', { StringEquals: { 'kms:CallerAccount': '111122223333' } }, true],
    ['kms:ViaService', { StringEquals: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } }, true],
    ['PrincipalIsAWSService true', { Bool: { 'aws:PrincipalIsAWSService': 'true' } }, true],
    ['PrincipalIsAWSService false', { Bool: { 'aws:PrincipalIsAWSService': 'false' } }, false],
    ['StringNotEquals', { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }, false],
    ['ArnNotLike', { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/x' } }, false],
    ['NotIpAddress', { NotIpAddress: { 'aws:SourceIp': '198.51.100.0/24' } }, false],
    ['IfExists', { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } }, false],
    ['ForAllValues', { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }, false],
    ['wildcard value', { StringLike: { 'aws:PrincipalOrgID': '*' } }, false],
    ['one open value among several', { StringLike: { 'aws:SourceVpce': ['vpce-1a2b3c4d', '*'] } }, false],
    ['whole IPv4 internet', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, false],
    ['whole IPv6 internet', { IpAddress: { 'aws:SourceIp': '::/0' } }, false],
    [
      'SourceArn with wildcard account',
      { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:*:alerts' } },
      false,
    ],
    ['SourceArn with wildcard resource', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::*' } }, false],
    ['IP key with a string operator', { StringEquals: { 'aws:SourceIp': '198.51.100.7' } }, false],
    ['unrelated key', { Bool: { 'aws:SecureTransport': 'true' } }, false],
  ])('%s → %s', (_name, condition, expected) => {
    expect(isRestrictingCondition(publicRead(condition))).toBe(expected);
  });

  it('collects the accounts and organizations it pins', () => {
    // Act
    const restriction = conditionRestriction(
      publicRead({
        StringEquals: {
          'aws:PrincipalOrgID': ['o-a1b2c3d4e5', 'o-zzzzzzzzzz'],
          'aws:SourceAccount': '444455556666',
        },
        'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-yyyyyyyyyy/r-ab12/*' },
        ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/*' },
      }),
    );

    // Assess
    expect(restriction).toEqual({
      restricting: true,
      keys: [
        'StringEquals aws:PrincipalOrgID',
        'StringEquals aws:SourceAccount',
        'ForAnyValue:StringLike aws:PrincipalOrgPaths',
        'ArnLike aws:PrincipalArn',
      ],
      accounts: ['444455556666', '123456789012'],
      organizations: ['o-a1b2c3d4e5', 'o-zzzzzzzzzz', 'o-yyyyyyyyyy'],
      opaque: false,
    });
  });

  it('marks network-only restrictions as opaque', () => {
    expect(conditionRestriction(publicRead({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })).opaque).toBe(
      true,
    );
    expect(conditionRestriction(publicRead()).restricting).toBe(false);
  });
});

describe('unrestrictedWebIdentityProviders', () => {
  const trust = (
    federated: string,
    condition?: Record<string, unknown>,
    action = 'sts:AssumeRoleWithWebIdentity',
  ) =>
    statement({
      Effect: 'Allow',
      Principal: { Federated: federated },
      Action: action,
      ...(condition ? { Condition: condition } : {}),
    });
  const github = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';

  it.each<[string, Statement, readonly string[]]>([
    ['github without conditions', trust(github), ['token.actions.githubusercontent.com']],
    [
      'github aud only',
      trust(github, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } }),
      ['token.actions.githubusercontent.com'],
    ],
    [
      'github sub pinned',
      trust(github, {
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' },
      }),
      [],
    ],
    [
      'github sub key in another case',
      trust(github, {
        StringEquals: {
          'Token.Actions.GithubUserContent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main',
        },
      }),
      [],
    ],
    [
      'github sub any org',
      trust(github, { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*/octo-repo:*' } }),
      ['token.actions.githubusercontent.com'],
    ],
    [
      'github sub negated',
      trust(github, { StringNotLike: { 'token.actions.githubusercontent.com:sub': 'repo:evil/*' } }),
      ['token.actions.githubusercontent.com'],
    ],
    [
      'google app with aud',
      trust('accounts.google.com', {
        StringEquals: { 'accounts.google.com:aud': '1234567890-example.apps.googleusercontent.com' },
      }),
      [],
    ],
    [
      'amazon app_id',
      trust('www.amazon.com', {
        StringEquals: { 'www.amazon.com:app_id': 'amzn1.application-oa2-client.example' },
      }),
      [],
    ],
    [
      'aud for another provider does not count',
      trust('accounts.google.com', { StringEquals: { 'graph.facebook.com:app_id': '1234' } }),
      ['accounts.google.com'],
    ],
    [
      'terraform cloud needs sub',
      trust('arn:aws:iam::111122223333:oidc-provider/app.terraform.io', {
        StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity' },
      }),
      ['app.terraform.io'],
    ],
    [
      'sts:* also grants web identity',
      trust(github, undefined, 'sts:*'),
      ['token.actions.githubusercontent.com'],
    ],
    ['other actions are not web identity', trust(github, undefined, 'sts:TagSession'), []],
    ['SAML is skipped', trust('arn:aws:iam::111122223333:saml-provider/ExampleIdP', undefined, 'sts:*'), []],
  ])('%s', (_name, s, expected) => {
    expect(unrestrictedWebIdentityProviders(s).map((gap) => gap.provider.toLowerCase())).toEqual(expected);
  });
});
