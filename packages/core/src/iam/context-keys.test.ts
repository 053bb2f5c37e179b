/** biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written ${...} in plain strings. */
import { describe, expect, it } from 'vitest';
import { defaultContextKeys, RequestContext } from './context-keys.js';
import { principalIdentity, type RequestPrincipal } from './simulate-request.js';

describe('RequestContext', () => {
  it('looks keys up case-insensitively; later records win', () => {
    // Prepare
    const context = RequestContext.of(
      { 'aws:SourceIp': '192.0.2.10', 'aws:username': 'alice' },
      { 'AWS:SOURCEIP': ['198.51.100.7', '198.51.100.8'] },
    );

    // Act / Assess
    expect(context.get('aws:sourceip')).toEqual(['198.51.100.7', '198.51.100.8']);
    expect(context.get('AWS:UserName')).toEqual(['alice']);
    expect(context.toRecord()).toEqual({
      'AWS:SOURCEIP': ['198.51.100.7', '198.51.100.8'],
      'aws:username': ['alice'],
    });
  });

  it('treats a key without values as absent', () => {
    expect(RequestContext.of({ 'aws:TagKeys': [] }).get('aws:TagKeys')).toBeUndefined();
    expect(RequestContext.of({}).get('aws:TagKeys')).toBeUndefined();
  });

  it.each<[string, Record<string, string | string[]>, string, { text: string; resolved: boolean }]>([
    ['no variable', {}, 'arn:aws:s3:::bucket/*', { text: 'arn:aws:s3:::bucket/*', resolved: true }],
    [
      'one variable',
      { 'aws:username': 'alice' },
      'home/${aws:username}/*',
      { text: 'home/alice/*', resolved: true },
    ],
    [
      'tag variable',
      { 'aws:PrincipalTag/team': 'payments' },
      '${aws:PrincipalTag/team}-*',
      { text: 'payments-*', resolved: true },
    ],
    [
      'variable name in another case',
      { 'aws:username': 'alice' },
      '${AWS:USERNAME}',
      { text: 'alice', resolved: true },
    ],
    ['missing variable', {}, 'home/${aws:username}/*', { text: 'home/${aws:username}/*', resolved: false }],
    [
      'missing variable with default',
      {},
      "home/${aws:username, 'shared'}/*",
      { text: 'home/shared/*', resolved: true },
    ],
    [
      'multi-valued key',
      { 'aws:TagKeys': ['a', 'b'] },
      '${aws:TagKeys}',
      { text: '${aws:TagKeys}', resolved: false },
    ],
    [
      'escapes stay escapes and count as resolved',
      {},
      'a${*}b${?}c${$}',
      { text: 'a${*}b${?}c${$}', resolved: true },
    ],
    [
      'a value with wildcard characters is escaped',
      { 'aws:username': 'a*b' },
      '${aws:username}',
      { text: 'a${*}b', resolved: true },
    ],
  ])('substitute: %s', (_name, record, text, expected) => {
    // Act
    const result = RequestContext.of(record).substitute(text);

    // Assess
    expect(result).toEqual(expected);
  });
});

describe('defaultContextKeys', () => {
  const keys = (principal: RequestPrincipal, options = {}) =>
    defaultContextKeys(principalIdentity(principal), options);

  it('describes an IAM user', () => {
    expect(
      keys(
        { type: 'user', arn: 'arn:aws:iam::111122223333:user/alice', userId: 'AIDAJQABLZS4A3QDU576Q' },
        { resourceAccount: '444455556666', now: new Date('2024-06-15T12:00:00Z') },
      ),
    ).toEqual({
      'aws:PrincipalArn': ['arn:aws:iam::111122223333:user/alice'],
      'aws:PrincipalAccount': ['111122223333'],
      'aws:PrincipalType': ['User'],
      'aws:username': ['alice'],
      'aws:userid': ['AIDAJQABLZS4A3QDU576Q'],
      'aws:PrincipalIsAWSService': ['false'],
      'aws:ResourceAccount': ['444455556666'],
      'aws:SecureTransport': ['true'],
      'aws:CurrentTime': ['2024-06-15T12:00:00.000Z'],
      'aws:EpochTime': ['1718452800'],
    });
  });

  it('gives a role session the role ARN and no aws:username', () => {
    expect(
      keys({ type: 'assumed-role', arn: 'arn:aws:sts::111122223333:assumed-role/Deployer/build-42' }),
    ).toEqual({
      'aws:PrincipalArn': ['arn:aws:iam::111122223333:role/Deployer'],
      'aws:PrincipalAccount': ['111122223333'],
      'aws:PrincipalType': ['AssumedRole'],
      'aws:PrincipalIsAWSService': ['false'],
      'aws:SecureTransport': ['true'],
    });
  });

  it('gives the root user its account as aws:userid', () => {
    expect(keys({ type: 'root', arn: 'arn:aws:iam::111122223333:root' })).toMatchObject({
      'aws:PrincipalArn': ['arn:aws:iam::111122223333:root'],
      'aws:PrincipalType': ['Account'],
      'aws:userid': ['111122223333'],
    });
  });

  it('marks a service principal', () => {
    expect(keys({ type: 'service', service: 'cloudtrail.amazonaws.com' })).toEqual({
      'aws:PrincipalServiceName': ['cloudtrail.amazonaws.com'],
      'aws:PrincipalIsAWSService': ['true'],
      'aws:SecureTransport': ['true'],
    });
  });

  it('marks an anonymous caller', () => {
    expect(keys({ type: 'anonymous' })).toEqual({
      'aws:PrincipalType': ['Anonymous'],
      'aws:PrincipalIsAWSService': ['false'],
      'aws:SecureTransport': ['true'],
    });
  });
});
