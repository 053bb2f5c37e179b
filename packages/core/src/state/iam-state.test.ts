import { describe, expect, it } from 'vitest';
import {
  adminManagedPolicyName,
  assessPrincipal,
  awsManagedPolicyName,
  documentPrivilege,
  groupIsAdmin,
  type IamPrincipalState,
  iamPrincipalKey,
  type ManagedPolicyState,
  managedPolicyDocument,
  managedPolicyIsAdmin,
  managedPolicyKey,
  managedPolicyPrivilege,
  type PrivilegeLevel,
  policyText,
  roleIsAdmin,
  userIsAdmin,
} from './iam-state.js';
import { MemoryState } from './memory-state.js';
import { put, type StateUpdate } from './state.js';

const ACCOUNT = '111122223333';
const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const ADMIN = policy({ Effect: 'Allow', Action: '*', Resource: '*' });
const ESCALATION = policy({ Effect: 'Allow', Action: ['iam:PassRole', 'ec2:RunInstances'], Resource: '*' });
const READ = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-reports/*' });
const CUSTOMER = `arn:aws:iam::${ACCOUNT}:policy/ops/everything`;
const STAGED = `arn:aws:iam::${ACCOUNT}:policy/staged`;

const principal = (
  kind: 'user' | 'role' | 'group',
  name: string,
  value: IamPrincipalState,
  account = ACCOUNT,
) => put(iamPrincipalKey(account, kind, name), value);
const managed = (arn: string, value: ManagedPolicyState) => put(managedPolicyKey(arn), value);
const stateWith = (...updates: StateUpdate[]) => {
  const state = new MemoryState();
  state.apply(updates);
  return state;
};

describe('AWS managed policy names', () => {
  it.each([
    ['arn:aws:iam::aws:policy/AdministratorAccess', 'AdministratorAccess', 'AdministratorAccess'],
    ['arn:aws:iam::aws:policy/IAMFullAccess', 'IAMFullAccess', 'IAMFullAccess'],
    ['arn:aws-us-gov:iam::aws:policy/PowerUserAccess', 'PowerUserAccess', 'PowerUserAccess'],
    ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess', 'ViewOnlyAccess', undefined],
    ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'ReadOnlyAccess', undefined],
    [`arn:aws:iam::${ACCOUNT}:policy/AdministratorAccess`, undefined, undefined],
    ['AdministratorAccess', undefined, undefined],
  ])('%s', (arn, name, admin) => {
    // Act / Assess
    expect(awsManagedPolicyName(arn)).toBe(name);
    expect(adminManagedPolicyName(arn)).toBe(admin);
  });
});

describe('policyText', () => {
  it.each([
    ['a JSON string', ADMIN, ADMIN],
    ['a URL-encoded string', encodeURIComponent(ADMIN), encodeURIComponent(ADMIN)],
    ['an object', { Version: '2012-10-17', Statement: [] }, '{"Version":"2012-10-17","Statement":[]}'],
    ['an empty string', '  ', undefined],
    ['null', null, undefined],
    ['a number', 42, undefined],
  ])('%s', (_name, input, expected) => {
    expect(policyText(input)).toBe(expected);
  });
});

describe('state keys', () => {
  it('are case-blind for principal names and policy ARNs, and keyed by account', () => {
    expect(iamPrincipalKey(ACCOUNT, 'user', 'Alice').key).toBe(iamPrincipalKey(ACCOUNT, 'user', 'alice').key);
    expect(iamPrincipalKey(ACCOUNT, 'user', 'alice').key).not.toBe(
      iamPrincipalKey('444455556666', 'user', 'alice').key,
    );
    expect(iamPrincipalKey(ACCOUNT, 'user', 'ops').key).not.toBe(iamPrincipalKey(ACCOUNT, 'role', 'ops').key);
    expect(managedPolicyKey(CUSTOMER.toUpperCase()).key).toBe(managedPolicyKey(CUSTOMER).key);
  });
});

describe('documentPrivilege', () => {
  it.each<[string, string, PrivilegeLevel | undefined]>([
    ['admin', ADMIN, 'admin'],
    ['URL-encoded admin', encodeURIComponent(ADMIN), 'admin'],
    ['PassRole with RunInstances', ESCALATION, 'escalation'],
    ['scoped read', READ, 'none'],
    ['not JSON', '{"Version":"2012-10-17",', undefined],
    [
      'not a policy',
      '{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"*","Resource":"*"}]}',
      undefined,
    ],
  ])('%s', (_name, text, expected) => {
    // Act twice: the second answer comes from the cache and must not differ.
    expect(documentPrivilege(text)).toBe(expected);
    expect(documentPrivilege(text)).toBe(expected);
  });
});

describe('managed policies', () => {
  const state = stateWith(
    managed(CUSTOMER, { defaultVersionId: 'v2', versions: { v1: READ, v2: ADMIN } }),
    // An admin version that is not the default is not in force.
    managed(STAGED, { defaultVersionId: 'v1', versions: { v1: READ, v2: ADMIN } }),
  );

  it.each<[string, string, PrivilegeLevel | undefined, boolean]>([
    ['AdministratorAccess by name', 'arn:aws:iam::aws:policy/AdministratorAccess', 'admin', true],
    ['IAMFullAccess by name', 'arn:aws:iam::aws:policy/IAMFullAccess', 'admin', true],
    ['PowerUserAccess by name', 'arn:aws:iam::aws:policy/PowerUserAccess', 'admin', true],
    ['another AWS managed policy', 'arn:aws:iam::aws:policy/ReadOnlyAccess', undefined, false],
    ['a customer policy whose default grants admin', CUSTOMER, 'admin', true],
    ['a customer policy with a staged admin version', STAGED, 'none', false],
    ['an unknown customer policy', `arn:aws:iam::${ACCOUNT}:policy/unknown`, undefined, false],
  ])('%s', (_name, arn, level, admin) => {
    expect(managedPolicyPrivilege(state, arn)).toBe(level);
    expect(managedPolicyIsAdmin(state, arn)).toBe(admin);
  });

  it('returns a given version or the default version', () => {
    expect(managedPolicyDocument(state, STAGED)).toBe(READ);
    expect(managedPolicyDocument(state, STAGED, 'v2')).toBe(ADMIN);
    expect(managedPolicyDocument(state, STAGED, 'v9')).toBeUndefined();
  });
});

describe('assessPrincipal', () => {
  const state = stateWith(
    principal('user', 'Alice', { attached: ['arn:aws:iam::aws:policy/AdministratorAccess'] }),
    principal('user', 'bob', { groups: ['Admins', 'readers'] }),
    principal('user', 'carol', { inline: { deploy: ESCALATION }, groups: ['readers'] }),
    principal('user', 'dave', { inline: { 'self-admin': encodeURIComponent(ADMIN) } }),
    principal('user', 'erin', { attached: [CUSTOMER, STAGED] }),
    principal('group', 'admins', { inline: { all: ADMIN, ci: ESCALATION } }),
    principal('group', 'readers', { attached: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] }),
    principal('role', 'builder', {
      inline: { ci: ESCALATION },
      attached: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    }),
    principal('user', 'frank', { attached: ['arn:aws:iam::aws:policy/AdministratorAccess'] }, '444455556666'),
    managed(CUSTOMER, { defaultVersionId: 'v1', versions: { v1: ADMIN } }),
    managed(STAGED, { defaultVersionId: 'v1', versions: { v1: READ, v2: ADMIN } }),
  );

  it.each<[string, 'user' | 'role' | 'group', string, PrivilegeLevel, readonly string[]]>([
    [
      'attached AdministratorAccess, name in any case',
      'user',
      'alice',
      'admin',
      ['managed arn:aws:iam::aws:policy/AdministratorAccess'],
    ],
    [
      'admin through a group (only the admin sources are listed)',
      'user',
      'bob',
      'admin',
      ['group Admins: inline all'],
    ],
    ['escalation inline, read-only group', 'user', 'carol', 'escalation', ['inline deploy']],
    ['URL-encoded inline admin', 'user', 'dave', 'admin', ['inline self-admin']],
    ['admin customer policy, staged one ignored', 'user', 'erin', 'admin', [`managed ${CUSTOMER}`]],
    ['group with admin and escalation', 'group', 'Admins', 'admin', ['inline all']],
    ['read-only group', 'group', 'readers', 'none', []],
    ['role with an escalation path', 'role', 'builder', 'escalation', ['inline ci']],
    ['unknown user', 'user', 'nobody', 'none', []],
    ['same name, other account', 'user', 'frank', 'none', []],
  ])('%s', (_name, kind, name, level, via) => {
    // Act
    const assessment = assessPrincipal(state, ACCOUNT, kind, name);
    // Assess
    expect(assessment).toEqual({ level, via });
  });

  it('answers the admin questions other rules ask, false when unknown', () => {
    expect(userIsAdmin(state, ACCOUNT, 'bob')).toBe(true);
    expect(userIsAdmin(state, ACCOUNT, 'carol')).toBe(false);
    expect(userIsAdmin(state, ACCOUNT, 'nobody')).toBe(false);
    expect(roleIsAdmin(state, ACCOUNT, 'builder')).toBe(false);
    expect(groupIsAdmin(state, ACCOUNT, 'admins')).toBe(true);
    expect(groupIsAdmin(state, ACCOUNT, 'readers')).toBe(false);
    expect(userIsAdmin(state, '444455556666', 'frank')).toBe(true);
  });
});
