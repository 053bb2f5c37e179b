import type { ChangeEvent } from '../../events/change-event.js';
import type { IamPrincipalKind } from '../../state/iam-state.js';
import { str } from '../../util/fields.js';

/** The IAM user, role or group an IAM API call acts on. */
export interface IamTarget {
  readonly kind: IamPrincipalKind;
  readonly name: string;
  /** `arn:aws:iam::<account>:<kind>/<name>` (CloudTrail does not carry the path, so it is left out). */
  readonly arn: string;
  /** `user bob`, `role deploy`, `group Admins`: for summaries. */
  readonly label: string;
}

const NAME_PARAMETER: Record<IamPrincipalKind, string> = {
  user: 'userName',
  role: 'roleName',
  group: 'groupName',
};

/** Partition of the event's account (`aws`, `aws-cn`, `aws-us-gov`), read from the caller's ARN. */
export function partitionOf(event: Pick<ChangeEvent, 'actor'>): string {
  const partition = event.actor.arn?.split(':')[1];
  return partition?.startsWith('aws') ? partition : 'aws';
}

/**
 * The principal of an IAM call whose name says its kind (`PutUserPolicy` → user,
 * `AttachRolePolicy` → role, `DeleteGroupPolicy` → group), named by `userName`/`roleName`/
 * `groupName`. Undefined when the event does not name one.
 *
 * @example
 * iamTarget(putRolePolicyEvent); // { kind: 'role', name: 'deploy', arn: 'arn:aws:iam::111122223333:role/deploy', label: 'role deploy' }
 */
export function iamTarget(event: ChangeEvent): IamTarget | undefined {
  const kind: IamPrincipalKind | undefined = event.eventName.includes('User')
    ? 'user'
    : event.eventName.includes('Role')
      ? 'role'
      : event.eventName.includes('Group')
        ? 'group'
        : undefined;
  if (!kind) return undefined;
  const name = str(event.requestParameters, NAME_PARAMETER[kind]);
  if (!name) return undefined;
  return {
    kind,
    name,
    arn: `arn:${partitionOf(event)}:iam::${event.account}:${kind}/${name}`,
    label: `${kind} ${name}`,
  };
}

/**
 * The ARN of the customer managed policy a `CreatePolicy` call made: from the response, else
 * built from the request's name and path. The rule and the state learner both use it, so the
 * finding's resource and the state key of the policy are the same string.
 *
 * @example
 * createdPolicyArn(event); // 'arn:aws:iam::111122223333:policy/ops/deploy'
 */
export function createdPolicyArn(event: ChangeEvent): string | undefined {
  const fromResponse = str(event.responseElements, 'policy.arn');
  if (fromResponse) return fromResponse;
  const name = str(event.requestParameters, 'policyName');
  const path = str(event.requestParameters, 'path') ?? '/';
  return name ? `arn:${partitionOf(event)}:iam::${event.account}:policy${path}${name}` : undefined;
}

/**
 * The last part of a policy ARN (`arn:aws:iam::aws:policy/job-function/X` → `X`), for summaries.
 *
 * @example
 * policyNameOf('arn:aws:iam::111122223333:policy/ops/deploy'); // 'deploy'
 */
export function policyNameOf(policyArn: string): string {
  return policyArn.split('/').at(-1) || policyArn;
}

/**
 * True when the caller acts on its own identity: an IAM user changing its own user, or a role
 * session changing the role it came from. Granting yourself more is the textbook escalation.
 *
 * @example
 * actsOnItself(event, iamTarget(event)); // true for user alice calling PutUserPolicy on alice
 */
export function actsOnItself(event: Pick<ChangeEvent, 'actor'>, target: IamTarget | undefined): boolean {
  if (!target) return false;
  const name = target.name.toLowerCase();
  const { actor } = event;
  if (target.kind === 'user') return actor.type === 'IAMUser' && actor.userName?.toLowerCase() === name;
  if (target.kind === 'role')
    return actor.type === 'AssumedRole' && actor.sessionIssuer?.userName?.toLowerCase() === name;
  return false;
}
