/**
 * What `evaluate()` is asked about: one request (action, resource, principal, context), the
 * principal broken into the parts policies name (account, user/role/session names, service),
 * and the parsing of principals as the `policy simulate` command takes them.
 *
 * A service-linked role is recognised by its path (`aws-service-role/`) or, for a session
 * whose ARN has no path, by the `AWSServiceRoleFor` name prefix.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html
 */

import { ParseError } from '../errors.js';
import { err, ok, type Result } from '../util/result.js';

/** Who makes the request. `role` is a role evaluated as itself (no session, no session policy). */
export type RequestPrincipalType = 'user' | 'role' | 'assumed-role' | 'service' | 'anonymous' | 'root';

export interface RequestPrincipal {
  readonly type: RequestPrincipalType;
  /** IAM user/role ARN, assumed-role session ARN (`arn:aws:sts::…:assumed-role/R/S`) or root ARN. */
  readonly arn?: string;
  /** Account of the principal; read from the ARN when not given. */
  readonly account?: string;
  /** Service principal name for `service`, e.g. `cloudtrail.amazonaws.com`. */
  readonly service?: string;
  /** Unique id (`AIDA…`, or `AROA…:session` for a session); becomes `aws:userid` and matches unique-id principals. */
  readonly userId?: string;
  /** A service-linked role (or a session of one); detected from the ARN when not given. */
  readonly serviceLinked?: boolean;
}

export interface SimulationRequest {
  /** A concrete action, `service:Name`; compared case-insensitively. */
  readonly action: string;
  /** The resource ARN, or `*` for actions without a resource. */
  readonly resource: string;
  /** Account owning the resource; read from the ARN when absent (S3 ARNs carry none). */
  readonly resourceAccount?: string;
  readonly principal: RequestPrincipal;
  /** Request context keys (names case-insensitive); a key with several values is multi-valued. */
  readonly context?: Readonly<Record<string, readonly string[] | string>>;
}

/** The principal broken into the parts policies name. */
export interface PrincipalIdentity {
  readonly type: RequestPrincipalType;
  readonly partition: string;
  readonly account?: string;
  readonly userName?: string;
  readonly roleName?: string;
  readonly sessionName?: string;
  readonly service?: string;
  readonly userId?: string;
  /** The ARN IAM reports as `aws:PrincipalArn` (the role ARN for a session, without its path). */
  readonly principalArn?: string;
  readonly serviceLinked: boolean;
}

export const ACCOUNT_ID = /^\d{12}$/;
const SERVICE = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/i;
const IAM_ARN = /^arn:([a-z-]+):iam::(\d{12}):(root|user\/(?:.*\/)?([^/]+)|role\/((?:.*\/)?)([^/]+))$/;
const SESSION_ARN = /^arn:([a-z-]+):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/;
const SERVICE_LINKED_PATH = 'aws-service-role/';
const SERVICE_LINKED_PREFIX = 'AWSServiceRoleFor';

/** An IAM user/role/root ARN or an assumed-role session ARN, split. */
export interface ParsedArn {
  readonly partition: string;
  readonly account: string;
  readonly kind: 'root' | 'user' | 'role' | 'session';
  readonly name?: string;
  readonly session?: string;
  readonly path?: string;
}

/** Parses an IAM user/role/root ARN or an assumed-role session ARN; undefined for anything else. */
export function parseIdentityArn(arn: string): ParsedArn | undefined {
  const session = SESSION_ARN.exec(arn);
  if (session) {
    return {
      partition: session[1]!,
      account: session[2]!,
      kind: 'session',
      name: session[3]!,
      session: session[4]!,
    };
  }
  const iam = IAM_ARN.exec(arn);
  if (!iam) return undefined;
  const [, partition, account, rest, userName, rolePath, roleName] = iam;
  if (rest === 'root') return { partition: partition!, account: account!, kind: 'root' };
  if (userName !== undefined)
    return { partition: partition!, account: account!, kind: 'user', name: userName };
  return { partition: partition!, account: account!, kind: 'role', name: roleName!, path: rolePath ?? '' };
}

const EXPECTED_ARN: Record<RequestPrincipalType, ParsedArn['kind'] | undefined> = {
  user: 'user',
  role: 'role',
  'assumed-role': 'session',
  root: 'root',
  service: undefined,
  anonymous: undefined,
};

/**
 * Breaks a request principal into account, names and the ARN IAM puts in `aws:PrincipalArn`.
 * Throws {@link ParseError} when the ARN does not fit the type (a `user` with a role ARN …),
 * because evaluating a request about someone else would give a confident wrong answer.
 *
 * @example
 * ```ts
 * principalIdentity({ type: 'assumed-role', arn: 'arn:aws:sts::111122223333:assumed-role/Admin/alice' });
 * // { type: 'assumed-role', account: '111122223333', roleName: 'Admin', sessionName: 'alice',
 * //   principalArn: 'arn:aws:iam::111122223333:role/Admin', … }
 * ```
 */
export function principalIdentity(principal: RequestPrincipal): PrincipalIdentity {
  const base = {
    type: principal.type,
    ...(principal.userId !== undefined ? { userId: principal.userId } : {}),
  };
  if (principal.type === 'anonymous') return { ...base, partition: 'aws', serviceLinked: false };
  if (principal.type === 'service') {
    if (!principal.service || !SERVICE.test(principal.service)) {
      throw new ParseError(`service principal needs a service name like "s3.amazonaws.com"`, {
        path: 'principal.service',
        input: principal.service ?? '',
      });
    }
    return { ...base, partition: 'aws', service: principal.service.toLowerCase(), serviceLinked: false };
  }
  const parsed = principal.arn === undefined ? undefined : parseIdentityArn(principal.arn);
  if (principal.arn !== undefined && parsed?.kind !== EXPECTED_ARN[principal.type]) {
    throw new ParseError(`principal ARN does not name a ${principal.type}`, {
      path: 'principal.arn',
      input: principal.arn,
    });
  }
  if (parsed && principal.account !== undefined && principal.account !== parsed.account) {
    throw new ParseError(`principal account ${principal.account} differs from the ARN's ${parsed.account}`, {
      path: 'principal.account',
    });
  }
  const account = parsed?.account ?? principal.account;
  const partition = parsed?.partition ?? 'aws';
  const roleName = parsed?.kind === 'role' || parsed?.kind === 'session' ? parsed.name : undefined;
  const serviceLinked =
    principal.serviceLinked ??
    (parsed?.path?.startsWith(SERVICE_LINKED_PATH) || roleName?.startsWith(SERVICE_LINKED_PREFIX) || false);
  const principalArn =
    account === undefined
      ? undefined
      : principal.type === 'root'
        ? `arn:${partition}:iam::${account}:root`
        : principal.type === 'assumed-role'
          ? roleName && `arn:${partition}:iam::${account}:role/${roleName}`
          : principal.arn;
  return {
    ...base,
    partition,
    ...(account !== undefined ? { account } : {}),
    ...(parsed?.kind === 'user' ? { userName: parsed.name } : {}),
    ...(roleName !== undefined ? { roleName } : {}),
    ...(parsed?.session !== undefined ? { sessionName: parsed.session } : {}),
    ...(principalArn ? { principalArn } : {}),
    serviceLinked,
  };
}

/**
 * Reads a principal as the `policy simulate` command takes it: an IAM user, role or root ARN,
 * an assumed-role session ARN, a 12-digit account id (its root user), a service principal
 * (`lambda.amazonaws.com`) or `anonymous`.
 *
 * @example
 * ```ts
 * parsePrincipalArg('arn:aws:sts::111122223333:assumed-role/Deployer/build-42');
 * // ok({ type: 'assumed-role', arn: '…', account: '111122223333' })
 * parsePrincipalArg('s3.amazonaws.com'); // ok({ type: 'service', service: 's3.amazonaws.com' })
 * ```
 */
export function parsePrincipalArg(text: string): Result<RequestPrincipal, ParseError> {
  const value = text.trim();
  if (value === 'anonymous' || value === '*') return ok({ type: 'anonymous' });
  if (SERVICE.test(value)) return ok({ type: 'service', service: value.toLowerCase() });
  if (ACCOUNT_ID.test(value)) return ok({ type: 'root', arn: `arn:aws:iam::${value}:root`, account: value });
  const parsed = parseIdentityArn(value);
  if (!parsed) {
    return err(
      new ParseError(
        'expected an IAM user, role or root ARN, an assumed-role session ARN (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION), an account id, a service principal (name.amazonaws.com) or "anonymous"',
        { path: 'principal', input: text },
      ),
    );
  }
  const type: RequestPrincipalType =
    parsed.kind === 'session' ? 'assumed-role' : parsed.kind === 'root' ? 'root' : parsed.kind;
  return ok({ type, arn: value, account: parsed.account });
}

/**
 * The account a resource ARN names (5th field), or undefined (S3 bucket/object ARNs and `*`).
 *
 * @example
 * ```ts
 * resourceAccountOf('arn:aws:kms:eu-west-1:444455556666:key/1234'); // '444455556666'
 * resourceAccountOf('arn:aws:s3:::amzn-s3-demo-bucket'); // undefined
 * ```
 */
export function resourceAccountOf(resource: string): string | undefined {
  const account = resource.split(':')[4];
  return account !== undefined && ACCOUNT_ID.test(account) ? account : undefined;
}

/**
 * Reads `KEY=VALUE` context arguments (split at the first `=`); a repeated key becomes
 * multi-valued, in the order given. Key names keep their spelling (lookups ignore case).
 *
 * @example
 * ```ts
 * parseContextPairs(['aws:SourceIp=192.0.2.10', 'aws:TagKeys=team', 'aws:TagKeys=env']);
 * // ok({ 'aws:SourceIp': ['192.0.2.10'], 'aws:TagKeys': ['team', 'env'] })
 * ```
 */
export function parseContextPairs(pairs: readonly string[]): Result<Record<string, string[]>, ParseError> {
  const context: Record<string, string[]> = {};
  const byLower = new Map<string, string>();
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const key = at === -1 ? '' : pair.slice(0, at).trim();
    if (key === '')
      return err(
        new ParseError('expected KEY=VALUE, e.g. aws:SourceIp=192.0.2.10', { path: 'context', input: pair }),
      );
    const name = byLower.get(key.toLowerCase()) ?? key;
    byLower.set(key.toLowerCase(), name);
    context[name] = [...(context[name] ?? []), pair.slice(at + 1)];
  }
  return ok(context);
}
