import { describe, expect, it } from 'vitest';
import { publicAclGrants, publicGroupOf } from './s3-acl.js';

const group = (uri: string, permission: string) => ({
  Grantee: { 'xsi:type': 'Group', 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', URI: uri },
  Permission: permission,
});
const owner = {
  Grantee: {
    'xsi:type': 'CanonicalUser',
    ID: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be',
  },
  Permission: 'FULL_CONTROL',
};
const body = (grant: unknown) => ({ AccessControlPolicy: { AccessControlList: { Grant: grant } } });
const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTHENTICATED = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

describe('publicGroupOf', () => {
  it.each([
    [ALL_USERS, 'AllUsers'],
    [AUTHENTICATED, 'AuthenticatedUsers'],
    ['http://acs.amazonaws.com/groups/s3/LogDelivery', undefined],
    ['http://example.com/groups/global/AllUsers', undefined],
    [undefined, undefined],
  ])('%s → %s', (uri, expected) => {
    expect(publicGroupOf(uri)).toBe(expected);
  });
});

describe('publicAclGrants', () => {
  it.each([
    ['body with one grant object', body(group(ALL_USERS, 'READ')), [['AllUsers', 'READ', 'body']]],
    [
      'body with a list',
      body([owner, group(AUTHENTICATED, 'WRITE_ACP')]),
      [['AuthenticatedUsers', 'WRITE_ACP', 'body']],
    ],
    ['owner only', body(owner), []],
    [
      'log delivery group',
      body([owner, group('http://acs.amazonaws.com/groups/s3/LogDelivery', 'WRITE')]),
      [],
    ],
    ['canned public-read', { 'x-amz-acl': ['public-read'] }, [['AllUsers', 'READ', 'canned:public-read']]],
    [
      'canned authenticated-read as a string',
      { 'x-amz-acl': 'authenticated-read' },
      [['AuthenticatedUsers', 'READ', 'canned:authenticated-read']],
    ],
    ['canned private', { 'x-amz-acl': ['private'] }, []],
    [
      'grant headers with several grantees',
      {
        'x-amz-grant-full-control': [`id="79a59df9", uri="${ALL_USERS}"`],
        'x-amz-grant-read': [`uri=${AUTHENTICATED}`],
      },
      [
        ['AuthenticatedUsers', 'READ', 'x-amz-grant-read'],
        ['AllUsers', 'FULL_CONTROL', 'x-amz-grant-full-control'],
      ],
    ],
    ['nothing', {}, []],
  ])('%s', (_name, requestParameters, expected) => {
    // Act
    const grants = publicAclGrants(requestParameters);
    // Assess
    expect(grants.map((g) => [g.grantee, g.permission, g.via])).toEqual(expected);
  });
});
