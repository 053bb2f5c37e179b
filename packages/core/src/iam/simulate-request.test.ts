import { describe, expect, it } from 'vitest';
import {
  parseContextPairs,
  parsePrincipalArg,
  principalIdentity,
  type RequestPrincipal,
  resourceAccountOf,
} from './simulate-request.js';

describe('parsePrincipalArg', () => {
  it.each<[string, RequestPrincipal]>([
    [
      'arn:aws:iam::111122223333:user/alice',
      { type: 'user', arn: 'arn:aws:iam::111122223333:user/alice', account: '111122223333' },
    ],
    [
      'arn:aws:iam::111122223333:user/division/alice',
      { type: 'user', arn: 'arn:aws:iam::111122223333:user/division/alice', account: '111122223333' },
    ],
    [
      'arn:aws:iam::111122223333:role/service-role/Deployer',
      { type: 'role', arn: 'arn:aws:iam::111122223333:role/service-role/Deployer', account: '111122223333' },
    ],
    [
      'arn:aws:sts::111122223333:assumed-role/Deployer/build-42',
      {
        type: 'assumed-role',
        arn: 'arn:aws:sts::111122223333:assumed-role/Deployer/build-42',
        account: '111122223333',
      },
    ],
    [
      'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/alice@example.com',
      {
        type: 'assumed-role',
        arn: 'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/alice@example.com',
        account: '111122223333',
      },
    ],
    [
      'arn:aws:iam::111122223333:root',
      { type: 'root', arn: 'arn:aws:iam::111122223333:root', account: '111122223333' },
    ],
    ['444455556666', { type: 'root', arn: 'arn:aws:iam::444455556666:root', account: '444455556666' }],
    [
      'arn:aws-us-gov:iam::111122223333:user/alice',
      { type: 'user', arn: 'arn:aws-us-gov:iam::111122223333:user/alice', account: '111122223333' },
    ],
    ['cloudtrail.amazonaws.com', { type: 'service', service: 'cloudtrail.amazonaws.com' }],
    ['Logs.EU-West-1.amazonaws.com', { type: 'service', service: 'logs.eu-west-1.amazonaws.com' }],
    ['anonymous', { type: 'anonymous' }],
    [' * ', { type: 'anonymous' }],
  ])('%s', (text, expected) => {
    // Act
    const parsed = parsePrincipalArg(text);

    // Assess
    expect(parsed).toEqual({ ok: true, value: expected });
  });

  it.each([
    'alice',
    'arn:aws:iam::111122223333:group/admins',
    'arn:aws:iam::1111:user/alice',
    'arn:aws:sts::111122223333:assumed-role/OnlyRole',
    'arn:aws:s3:::bucket',
    '',
  ])('rejects %j naming the accepted forms', (text) => {
    // Act
    const parsed = parsePrincipalArg(text);

    // Assess
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toMatch(/assumed-role session ARN .* or "anonymous"/);
  });
});

describe('principalIdentity', () => {
  it.each<[string, RequestPrincipal, Record<string, unknown>]>([
    [
      'user',
      { type: 'user', arn: 'arn:aws:iam::111122223333:user/division/alice' },
      {
        account: '111122223333',
        userName: 'alice',
        principalArn: 'arn:aws:iam::111122223333:user/division/alice',
        serviceLinked: false,
      },
    ],
    [
      'session: principal ARN is the role ARN',
      { type: 'assumed-role', arn: 'arn:aws:sts::111122223333:assumed-role/Deployer/build-42' },
      {
        roleName: 'Deployer',
        sessionName: 'build-42',
        principalArn: 'arn:aws:iam::111122223333:role/Deployer',
        serviceLinked: false,
      },
    ],
    [
      'service-linked role by path',
      {
        type: 'role',
        arn: 'arn:aws:iam::111122223333:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing',
      },
      { roleName: 'AWSServiceRoleForElasticLoadBalancing', serviceLinked: true },
    ],
    [
      'service-linked session by name',
      {
        type: 'assumed-role',
        arn: 'arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForConfig/AWSConfig-Describe',
      },
      { serviceLinked: true },
    ],
    [
      'service-linked flag given',
      { type: 'assumed-role', arn: 'arn:aws:sts::111122223333:assumed-role/Custom/s', serviceLinked: true },
      { serviceLinked: true },
    ],
    [
      'root',
      { type: 'root', account: '111122223333' },
      { account: '111122223333', principalArn: 'arn:aws:iam::111122223333:root' },
    ],
    [
      'user without ARN',
      { type: 'user', account: '111122223333' },
      { account: '111122223333', principalArn: undefined },
    ],
    [
      'service',
      { type: 'service', service: 'Lambda.amazonaws.com' },
      { service: 'lambda.amazonaws.com', account: undefined },
    ],
    ['anonymous', { type: 'anonymous' }, { account: undefined, principalArn: undefined }],
  ])('%s', (_name, principal, expected) => {
    // Act
    const identity = principalIdentity(principal);

    // Assess
    for (const [key, value] of Object.entries({ type: principal.type, ...expected })) {
      if (value === undefined) expect(identity).not.toHaveProperty(key);
      else expect(identity).toHaveProperty(key, value);
    }
  });

  it.each<[string, RequestPrincipal, RegExp]>([
    [
      'an ARN of another type',
      { type: 'user', arn: 'arn:aws:iam::111122223333:role/Admin' },
      /principal ARN does not name a user/,
    ],
    [
      'a session typed as role',
      { type: 'role', arn: 'arn:aws:sts::111122223333:assumed-role/Admin/alice' },
      /does not name a role/,
    ],
    [
      'an account differing from the ARN',
      { type: 'user', arn: 'arn:aws:iam::111122223333:user/alice', account: '444455556666' },
      /principal account 444455556666 differs from the ARN's 111122223333/,
    ],
    ['a service without a service name', { type: 'service' }, /service principal needs a service name/],
    [
      'a service name that is not one',
      { type: 'service', service: 'lambda' },
      /service principal needs a service name/,
    ],
  ])('rejects %s', (_name, principal, message) => {
    // Act / Assess
    expect(() => principalIdentity(principal)).toThrow(message);
  });
});

describe('resourceAccountOf', () => {
  it.each<[string, string | undefined]>([
    ['arn:aws:kms:eu-west-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab', '444455556666'],
    ['arn:aws:iam::111122223333:role/Admin', '111122223333'],
    ['arn:aws:sqs:eu-west-1:111122223333:orders', '111122223333'],
    ['arn:aws:s3:::amzn-s3-demo-bucket/key', undefined],
    ['arn:aws:ec2:eu-west-1:*:instance/*', undefined],
    ['*', undefined],
  ])('%s → %s', (resource, expected) => {
    expect(resourceAccountOf(resource)).toBe(expected);
  });
});

describe('parseContextPairs', () => {
  it('splits at the first = and collects repeated keys in order, whatever their case', () => {
    // Act
    const parsed = parseContextPairs([
      'aws:SourceIp=192.0.2.10',
      'aws:TagKeys=team',
      'AWS:TAGKEYS=env',
      's3:prefix=home/a=b',
      'aws:PrincipalTag/empty=',
    ]);

    // Assess
    expect(parsed).toEqual({
      ok: true,
      value: {
        'aws:SourceIp': ['192.0.2.10'],
        'aws:TagKeys': ['team', 'env'],
        's3:prefix': ['home/a=b'],
        'aws:PrincipalTag/empty': [''],
      },
    });
  });

  it.each(['aws:SourceIp', '=192.0.2.10', ' =x'])('rejects %j', (pair) => {
    // Act
    const parsed = parseContextPairs([pair]);

    // Assess
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toMatch(/expected KEY=VALUE/);
  });
});
