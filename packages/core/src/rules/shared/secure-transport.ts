import type { PolicyDocument, Statement } from '../../iam/types.js';
import { actionMatches, arnMatches } from '../../iam/wildcard.js';

/**
 * The "deny requests that do not use TLS" guard of S3 bucket policies (Security Hub S3.5):
 * a `Deny` statement with the condition `Bool`/`BoolIfExists` `aws:SecureTransport: false`.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-5
 * @see https://repost.aws/knowledge-center/s3-bucket-policy-for-config-rule
 */

/** One (action pattern, resource pattern) pair that an insecure-transport deny covers. */
export interface TransportGuard {
  readonly action: string;
  readonly resource: string;
  readonly statement: number;
  readonly sid?: string;
}

const BOOL_OPERATORS = new Set(['bool', 'boolifexists']);

/** True when the statement denies requests made without TLS. */
export function isSecureTransportDeny(statement: Statement): boolean {
  if (statement.effect !== 'Deny' || !statement.condition) return false;
  for (const [operator, keys] of Object.entries(statement.condition)) {
    if (!BOOL_OPERATORS.has(operator.toLowerCase())) continue;
    for (const [key, values] of Object.entries(keys)) {
      if (key.toLowerCase() === 'aws:securetransport' && values.some((v) => v.toLowerCase() === 'false'))
        return true;
    }
  }
  return false;
}

/**
 * The (action, resource) pairs that a document's insecure-transport denies cover. `NotAction`
 * and `NotResource` denies cover (almost) everything and are read as `*`: reading them
 * narrower could only invent a removal that did not happen.
 *
 * @example
 * transportGuards(parsePolicy(policyWithTlsDeny)); // [{ action: 's3:*', resource: 'arn:aws:s3:::logs/*', statement: 0 }, …]
 */
export function transportGuards(doc: PolicyDocument): TransportGuard[] {
  const guards: TransportGuard[] = [];
  for (const statement of doc.statements) {
    if (!isSecureTransportDeny(statement)) continue;
    const actions = statement.notAction ? ['*'] : (statement.action ?? ['*']);
    const resources = statement.notResource ? ['*'] : (statement.resource ?? ['*']);
    for (const action of actions) {
      for (const resource of resources) {
        guards.push({
          action,
          resource,
          statement: statement.index,
          ...(statement.sid && { sid: statement.sid }),
        });
      }
    }
  }
  return guards;
}

/**
 * The guards of `before` that no guard of `after` still covers. A pattern covers another
 * when it matches it as a value (`s3:*` covers `s3:GetObject` and `s3:Get*`).
 *
 * @example
 * lostTransportGuards(transportGuards(oldDoc), transportGuards(newDoc)); // [] when the new policy keeps the deny
 */
export function lostTransportGuards(
  before: readonly TransportGuard[],
  after: readonly TransportGuard[],
): TransportGuard[] {
  return before.filter(
    (old) =>
      !after.some(
        (guard) => actionMatches(guard.action, old.action) && arnMatches(guard.resource, old.resource),
      ),
  );
}
