import { buildChangeEvent } from '@trailwarden/testing';
import { describe, expect, it } from 'vitest';
import { DetectionEngine } from '../../engine/detection-engine.js';
import type { ChangeEvent } from '../../events/change-event.js';
import { iamPrincipalKey, managedPolicyKey, userIsAdmin } from '../iam-state.js';
import { MemoryState } from '../memory-state.js';

const ACCOUNT = '111122223333';
const POLICY = `arn:aws:iam::${ACCOUNT}:policy/ci/artifacts`;
const policy = (action: string, resource = '*') =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
  });
const READ = policy('s3:GetObject', 'arn:aws:s3:::example-reports/*');
const ADMIN = policy('*');
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

type Call = [
  eventName: string,
  requestParameters: Record<string, unknown> | null,
  responseElements?: Record<string, unknown>,
];

/** Runs calls through the engine with no rules, as the pipeline does: learners see successful events only. */
function learn(calls: readonly Call[], overrides: Partial<ChangeEvent> = {}): MemoryState {
  const engine = new DetectionEngine([]);
  const state = new MemoryState();
  calls.forEach(([eventName, requestParameters, responseElements], index) => {
    const event = buildChangeEvent({
      eventId: `event-${index}`,
      eventName,
      requestParameters: requestParameters ?? {},
      responseElements: responseElements ?? {},
      ...overrides,
    });
    const result = engine.detect(event, state);
    expect(result.errors).toEqual([]);
  });
  return state;
}

const created: Call = [
  'CreatePolicy',
  { policyName: 'artifacts', path: '/ci/', policyDocument: READ },
  { policy: { arn: POLICY, defaultVersionId: 'v1' } },
];
const version = (id: string, document: string, setAsDefault: unknown): Call => [
  'CreatePolicyVersion',
  { policyArn: POLICY, policyDocument: document, setAsDefault },
  { policyVersion: { versionId: id, isDefaultVersion: setAsDefault === true || setAsDefault === 'true' } },
];

describe('managed policy learner', () => {
  it.each<[string, readonly Call[], unknown]>([
    ['CreatePolicy stores v1 as the default', [created], { defaultVersionId: 'v1', versions: { v1: READ } }],
    [
      'CreatePolicy without an ARN in the response builds it from path and name',
      [['CreatePolicy', { policyName: 'artifacts', path: '/ci/', policyDocument: READ }, {}]],
      { defaultVersionId: 'v1', versions: { v1: READ } },
    ],
    [
      'a version not set as default is stored but not in force',
      [created, version('v2', ADMIN, false)],
      { defaultVersionId: 'v1', versions: { v1: READ, v2: ADMIN } },
    ],
    [
      'a version set as default (string "true") becomes the default',
      [created, version('v2', ADMIN, 'true')],
      { defaultVersionId: 'v2', versions: { v1: READ, v2: ADMIN } },
    ],
    [
      'SetDefaultPolicyVersion switches, DeletePolicyVersion drops the old one',
      [
        created,
        version('v2', ADMIN, false),
        ['SetDefaultPolicyVersion', { policyArn: POLICY, versionId: 'v2' }],
        ['DeletePolicyVersion', { policyArn: POLICY, versionId: 'v1' }],
      ],
      { defaultVersionId: 'v2', versions: { v2: ADMIN } },
    ],
    [
      'a new default whose version id is missing leaves the default unknown',
      [
        created,
        ['CreatePolicyVersion', { policyArn: POLICY, policyDocument: ADMIN, setAsDefault: true }, {}],
      ],
      { versions: { v1: READ } },
    ],
    ['DeletePolicy forgets the policy', [created, ['DeletePolicy', { policyArn: POLICY }]], undefined],
    [
      'a policy object is stored as JSON text',
      [
        [
          'CreatePolicy',
          { policyName: 'artifacts', path: '/ci/', policyDocument: JSON.parse(READ) },
          { policy: { arn: POLICY } },
        ],
      ],
      { defaultVersionId: 'v1', versions: { v1: READ } },
    ],
  ])('%s', (_name, calls, expected) => {
    // Act
    const state = learn(calls);
    // Assess
    expect(state.get(managedPolicyKey(POLICY))).toEqual(expected);
  });
});

describe('principal learners', () => {
  it.each<[string, readonly Call[], 'user' | 'role' | 'group', string, unknown]>([
    [
      'inline policies are put, replaced and deleted',
      [
        ['PutUserPolicy', { userName: 'bob', policyName: 'a', policyDocument: READ }],
        ['PutUserPolicy', { userName: 'bob', policyName: 'b', policyDocument: READ }],
        ['PutUserPolicy', { userName: 'bob', policyName: 'a', policyDocument: ADMIN }],
        ['DeleteUserPolicy', { userName: 'bob', policyName: 'b' }],
      ],
      'user',
      'bob',
      { inline: { a: ADMIN } },
    ],
    [
      'deleting the last inline policy forgets the principal',
      [
        ['PutGroupPolicy', { groupName: 'devs', policyName: 'a', policyDocument: READ }],
        ['DeleteGroupPolicy', { groupName: 'devs', policyName: 'a' }],
      ],
      'group',
      'devs',
      undefined,
    ],
    [
      'attachments are a set, detached case-blindly',
      [
        ['AttachRolePolicy', { roleName: 'builder', policyArn: POLICY }],
        ['AttachRolePolicy', { roleName: 'builder', policyArn: POLICY }],
        ['AttachRolePolicy', { roleName: 'builder', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
        ['DetachRolePolicy', { roleName: 'builder', policyArn: POLICY.toUpperCase() }],
      ],
      'role',
      'builder',
      { attached: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] },
    ],
    [
      'group membership is added and removed',
      [
        ['AddUserToGroup', { userName: 'carol', groupName: 'Admins' }],
        ['AddUserToGroup', { userName: 'carol', groupName: 'readers' }],
        ['RemoveUserFromGroup', { userName: 'carol', groupName: 'admins' }],
      ],
      'user',
      'carol',
      { groups: ['readers'] },
    ],
    [
      'permissions boundaries are put and deleted',
      [
        ['PutUserPermissionsBoundary', { userName: 'dave', permissionsBoundary: POLICY }],
        ['AttachUserPolicy', { userName: 'dave', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
        ['DeleteUserPermissionsBoundary', { userName: 'dave' }],
      ],
      'user',
      'dave',
      { attached: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] },
    ],
    [
      'CreateRole records trust policy and boundary; UpdateAssumeRolePolicy replaces the trust',
      [
        ['CreateRole', { roleName: 'fn', assumeRolePolicyDocument: TRUST, permissionsBoundary: POLICY }],
        ['UpdateAssumeRolePolicy', { roleName: 'fn', policyDocument: READ }],
      ],
      'role',
      'fn',
      { trust: READ, boundary: POLICY },
    ],
    [
      'a re-created user starts from its create request',
      [
        ['AttachUserPolicy', { userName: 'erin', policyArn: POLICY }],
        ['DeleteUser', { userName: 'erin' }],
        ['CreateUser', { userName: 'erin', permissionsBoundary: POLICY }],
      ],
      'user',
      'erin',
      { boundary: POLICY },
    ],
    [
      'DeleteRole forgets the role',
      [
        ['CreateRole', { roleName: 'fn', assumeRolePolicyDocument: TRUST }],
        ['DeleteRole', { roleName: 'fn' }],
      ],
      'role',
      'fn',
      undefined,
    ],
    [
      'calls without the parameters they need teach nothing',
      [
        ['PutUserPolicy', null],
        ['PutUserPolicy', { userName: 'frank', policyName: 'a' }],
        ['AttachUserPolicy', { userName: 'frank' }],
        ['AddUserToGroup', { userName: 'frank' }],
        ['PutUserPermissionsBoundary', { userName: 'frank' }],
        ['CreatePolicyVersion', null],
        ['SetDefaultPolicyVersion', { policyArn: POLICY }],
      ],
      'user',
      'frank',
      undefined,
    ],
  ])('%s', (_name, calls, kind, name, expected) => {
    // Act
    const state = learn(calls);
    // Assess
    expect(state.get(iamPrincipalKey(ACCOUNT, kind, name))).toEqual(expected);
  });

  it('learns nothing from failed calls', () => {
    // Prepare / Act
    const state = learn(
      [
        created,
        ['AttachUserPolicy', { userName: 'bob', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }],
      ],
      { success: false, errorCode: 'AccessDenied' },
    );
    // Assess
    expect(state.size).toBe(0);
  });

  it('feeds the admin queries, per account', () => {
    // Prepare / Act
    const state = learn([
      [
        'PutGroupPolicy',
        { groupName: 'Admins', policyName: 'all', policyDocument: encodeURIComponent(ADMIN) },
      ],
      ['AddUserToGroup', { userName: 'Bob', groupName: 'Admins' }],
    ]);
    // Assess
    expect(userIsAdmin(state, ACCOUNT, 'bob')).toBe(true);
    expect(userIsAdmin(state, '444455556666', 'bob')).toBe(false);
  });
});
