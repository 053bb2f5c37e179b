import type { ChangeEvent } from '../../events/change-event.js';
import { createdPolicyArn } from '../../rules/shared/iam-target.js';
import { bool, str } from '../../util/fields.js';
import {
  type IamPrincipalKind,
  type IamPrincipalState,
  iamPrincipalKey,
  type ManagedPolicyState,
  managedPolicyKey,
  policyText,
} from '../iam-state.js';
import { forget, put, type StateUpdate, type StateView } from '../state.js';
import type { StateLearner } from './learner.js';

/**
 * Learners that keep trailwarden's picture of IAM up to date from successful CloudTrail
 * events: managed policy versions, inline policies, attachments, group membership,
 * permissions boundaries and trust policies. The IAM rules and `iam-state` queries read it.
 * Each learner rewrites one whole record (principal or managed policy) from the state it is
 * given, so learners running one after the other on the same event compose.
 */

const IAM = 'iam.amazonaws.com';
const NONE: readonly StateUpdate[] = [];

/** `PutUserPolicy` → user, `AttachRolePolicy` → role, `DeleteGroupPolicy` → group … */
function kindOf(eventName: string): IamPrincipalKind | undefined {
  if (eventName.includes('User')) return 'user';
  if (eventName.includes('Role')) return 'role';
  if (eventName.includes('Group')) return 'group';
  return undefined;
}

const NAME_PARAMETER: Record<IamPrincipalKind, string> = {
  user: 'userName',
  role: 'roleName',
  group: 'groupName',
};

/** The principal an event acts on: kind from the event name, name from its request parameter. */
function targetOf(event: ChangeEvent): { kind: IamPrincipalKind; name: string } | undefined {
  const kind = kindOf(event.eventName);
  const name = kind && str(event.requestParameters, NAME_PARAMETER[kind]);
  return kind && name ? { kind, name } : undefined;
}

/** Drops empty fields so that a principal with nothing left is forgotten, not stored empty. */
function compact(record: IamPrincipalState): IamPrincipalState | undefined {
  const out: { -readonly [K in keyof IamPrincipalState]: IamPrincipalState[K] } = {};
  if (record.inline && Object.keys(record.inline).length > 0) out.inline = record.inline;
  if (record.attached && record.attached.length > 0) out.attached = record.attached;
  if (record.groups && record.groups.length > 0) out.groups = record.groups;
  if (record.boundary) out.boundary = record.boundary;
  if (record.trust) out.trust = record.trust;
  return Object.keys(out).length > 0 ? out : undefined;
}

function updatePrincipal(
  event: ChangeEvent,
  state: StateView,
  kind: IamPrincipalKind,
  name: string,
  change: (record: IamPrincipalState) => IamPrincipalState,
): readonly StateUpdate[] {
  const key = iamPrincipalKey(event.account, kind, name);
  const next = compact(change(state.get(key) ?? {}));
  return [next ? put(key, next) : forget(key)];
}

const withItem = (values: readonly string[] | undefined, value: string): string[] => {
  const rest = (values ?? []).filter((v) => v.toLowerCase() !== value.toLowerCase());
  return [...rest, value];
};
const withoutItem = (values: readonly string[] | undefined, value: string): string[] =>
  (values ?? []).filter((v) => v.toLowerCase() !== value.toLowerCase());

function withoutKey(
  record: Readonly<Record<string, string>> | undefined,
  key: string,
): Record<string, string> {
  return Object.fromEntries(Object.entries(record ?? {}).filter(([k]) => k !== key));
}

function updateManagedPolicy(
  state: StateView,
  policyArn: string,
  change: (policy: ManagedPolicyState) => ManagedPolicyState,
): readonly StateUpdate[] {
  const key = managedPolicyKey(policyArn);
  return [put(key, change(state.get(key) ?? { versions: {} }))];
}

const managedPolicies: StateLearner = {
  name: 'iam-managed-policies',
  events: [
    {
      source: IAM,
      names: [
        'CreatePolicy',
        'CreatePolicyVersion',
        'SetDefaultPolicyVersion',
        'DeletePolicyVersion',
        'DeletePolicy',
      ],
    },
  ],
  learn(event, state) {
    const params = event.requestParameters;
    if (event.eventName === 'CreatePolicy') {
      const arn = createdPolicyArn(event);
      const text = policyText(params.policyDocument);
      const version = str(event.responseElements, 'policy.defaultVersionId') ?? 'v1';
      return arn && text
        ? [put(managedPolicyKey(arn), { defaultVersionId: version, versions: { [version]: text } })]
        : NONE;
    }
    const arn = str(params, 'policyArn');
    if (!arn) return NONE;
    switch (event.eventName) {
      case 'CreatePolicyVersion': {
        const version = str(event.responseElements, 'policyVersion.versionId');
        const text = policyText(params.policyDocument);
        const makesDefault =
          bool(event.responseElements, 'policyVersion.isDefaultVersion') ??
          bool(params, 'setAsDefault') ??
          false;
        return updateManagedPolicy(state, arn, (policy) => {
          const versions = version && text ? { ...policy.versions, [version]: text } : policy.versions;
          if (!makesDefault) return { ...policy, versions };
          // A new default whose id we could not read leaves the in-force document unknown.
          return version ? { defaultVersionId: version, versions } : { versions };
        });
      }
      case 'SetDefaultPolicyVersion': {
        const version = str(params, 'versionId');
        return version
          ? updateManagedPolicy(state, arn, (policy) => ({ ...policy, defaultVersionId: version }))
          : NONE;
      }
      case 'DeletePolicyVersion': {
        const version = str(params, 'versionId');
        return version
          ? updateManagedPolicy(state, arn, (policy) => ({
              ...policy,
              versions: withoutKey(policy.versions, version),
            }))
          : NONE;
      }
      case 'DeletePolicy':
        return [forget(managedPolicyKey(arn))];
      default:
        return NONE;
    }
  },
};

const inlinePolicies: StateLearner = {
  name: 'iam-inline-policies',
  events: [
    {
      source: IAM,
      names: [
        'PutUserPolicy',
        'PutRolePolicy',
        'PutGroupPolicy',
        'DeleteUserPolicy',
        'DeleteRolePolicy',
        'DeleteGroupPolicy',
      ],
    },
  ],
  learn(event, state) {
    const target = targetOf(event);
    const policyName = str(event.requestParameters, 'policyName');
    if (!target || !policyName) return NONE;
    if (event.eventName.startsWith('Delete')) {
      return updatePrincipal(event, state, target.kind, target.name, (r) => ({
        ...r,
        inline: withoutKey(r.inline, policyName),
      }));
    }
    const text = policyText(event.requestParameters.policyDocument);
    if (!text) return NONE;
    return updatePrincipal(event, state, target.kind, target.name, (r) => ({
      ...r,
      inline: { ...r.inline, [policyName]: text },
    }));
  },
};

const attachments: StateLearner = {
  name: 'iam-policy-attachments',
  events: [
    {
      source: IAM,
      names: [
        'AttachUserPolicy',
        'AttachRolePolicy',
        'AttachGroupPolicy',
        'DetachUserPolicy',
        'DetachRolePolicy',
        'DetachGroupPolicy',
      ],
    },
  ],
  learn(event, state) {
    const target = targetOf(event);
    const arn = str(event.requestParameters, 'policyArn');
    if (!target || !arn) return NONE;
    const attach = event.eventName.startsWith('Attach');
    return updatePrincipal(event, state, target.kind, target.name, (r) => ({
      ...r,
      attached: attach ? withItem(r.attached, arn) : withoutItem(r.attached, arn),
    }));
  },
};

const groupMembership: StateLearner = {
  name: 'iam-group-membership',
  events: [{ source: IAM, names: ['AddUserToGroup', 'RemoveUserFromGroup'] }],
  learn(event, state) {
    const userName = str(event.requestParameters, 'userName');
    const groupName = str(event.requestParameters, 'groupName');
    if (!userName || !groupName) return NONE;
    const add = event.eventName === 'AddUserToGroup';
    return updatePrincipal(event, state, 'user', userName, (r) => ({
      ...r,
      groups: add ? withItem(r.groups, groupName) : withoutItem(r.groups, groupName),
    }));
  },
};

const permissionsBoundaries: StateLearner = {
  name: 'iam-permissions-boundaries',
  events: [
    {
      source: IAM,
      names: [
        'PutUserPermissionsBoundary',
        'PutRolePermissionsBoundary',
        'DeleteUserPermissionsBoundary',
        'DeleteRolePermissionsBoundary',
      ],
    },
  ],
  learn(event, state) {
    const target = targetOf(event);
    if (!target) return NONE;
    const boundary = event.eventName.startsWith('Put')
      ? str(event.requestParameters, 'permissionsBoundary')
      : undefined;
    if (event.eventName.startsWith('Put') && !boundary) return NONE;
    return updatePrincipal(event, state, target.kind, target.name, (r) => ({ ...r, boundary }));
  },
};

const trustPolicies: StateLearner = {
  name: 'iam-trust-policies',
  events: [{ source: IAM, names: ['UpdateAssumeRolePolicy'] }],
  learn(event, state) {
    const roleName = str(event.requestParameters, 'roleName');
    const trust = policyText(event.requestParameters.policyDocument);
    if (!roleName || !trust) return NONE;
    return updatePrincipal(event, state, 'role', roleName, (r) => ({ ...r, trust }));
  },
};

const principalLifecycle: StateLearner = {
  name: 'iam-principal-lifecycle',
  events: [{ source: IAM, names: ['CreateUser', 'CreateRole', 'DeleteUser', 'DeleteRole', 'DeleteGroup'] }],
  learn(event, state) {
    const target = targetOf(event);
    if (!target) return NONE;
    if (event.eventName.startsWith('Delete'))
      return [forget(iamPrincipalKey(event.account, target.kind, target.name))];
    const boundary = str(event.requestParameters, 'permissionsBoundary');
    const trust =
      target.kind === 'role' ? policyText(event.requestParameters.assumeRolePolicyDocument) : undefined;
    // A name can be reused after a delete: a created principal starts from what the request says.
    return updatePrincipal(event, state, target.kind, target.name, () => ({ boundary, trust }));
  },
};

/** Every IAM learner, in no particular order (each touches its own fields of a record). */
export const iamLearners: readonly StateLearner[] = [
  managedPolicies,
  inlinePolicies,
  attachments,
  groupMembership,
  permissionsBoundaries,
  trustPolicies,
  principalLifecycle,
];
