/**
 * IAM `Condition` evaluation: every documented operator family, the `…IfExists` suffix and
 * the `ForAnyValue:`/`ForAllValues:` set operators.
 *
 * Semantics (from the IAM reference):
 * - all operators of a block AND together, and so do all keys under one operator; the values
 *   listed for one key OR together;
 * - a key absent from the request (or holding no values) makes the operator false, except
 *   negated operators (`StringNotEquals`, `NotIpAddress`, `ArnNotLike` …), which are true,
 *   `…IfExists`, which is true, `ForAllValues:`, which is true (vacuously), and
 *   `ForAnyValue:`, which is false; `Null` tests presence itself;
 * - without a set operator a multi-valued key matches when any of its values matches, and a
 *   negated operator is the negation of that;
 * - policy variables (`${aws:username}`) are substituted in String, Bool and ARN values only;
 *   a variable without a value makes the operator false, whatever its polarity (IAM calls
 *   such a statement invalid).
 *
 * An unknown operator or a value the operator cannot read (a number that is not one, a bad
 * CIDR …) yields an `error` outcome, never a silent match or miss: `evaluate()` then treats
 * an Allow statement as not applying and a Deny statement as applying (fail closed).
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */

import { PolicyParseError } from '../errors.js';
import { err, ok, type Result } from '../util/result.js';
import {
  compareWith,
  parseDate,
  parseNumber,
  type Reader,
  readArn,
  readBinary,
  readBool,
  readCidr,
  unescapePolicyText,
} from './condition-values.js';
import type { RequestContext } from './context-keys.js';
import type { ConditionBlock } from './types.js';
import { wildcardMatch } from './wildcard.js';

type ValueType = 'string' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'arn' | 'null';

/** A parsed operator name such as `ForAllValues:StringNotLikeIfExists`. */
export interface ConditionOperator {
  readonly name: string;
  /** The operator without set prefix and `IfExists`, e.g. `StringNotLike`. */
  readonly base: string;
  readonly type: ValueType;
  readonly negated: boolean;
  readonly ifExists: boolean;
  readonly set?: 'ForAnyValue' | 'ForAllValues';
}

interface Family {
  readonly type: ValueType;
  readonly negated: boolean;
  readonly read: Reader;
}

const equals: Reader = (p) => (c) => c === unescapePolicyText(p);
const equalsIgnoreCase: Reader = (p) => (c) => c.toLowerCase() === unescapePolicyText(p).toLowerCase();
const like: Reader = (p) => (c) => wildcardMatch(p, c, false);
const numeric = (test: (a: number, b: number) => boolean): Reader => compareWith(parseNumber, test);
const date = (test: (a: number, b: number) => boolean): Reader => compareWith(parseDate, test);
const eq = (a: number, b: number): boolean => a === b;

const FAMILIES: Readonly<Record<string, Family>> = {
  StringEquals: { type: 'string', negated: false, read: equals },
  StringNotEquals: { type: 'string', negated: true, read: equals },
  StringEqualsIgnoreCase: { type: 'string', negated: false, read: equalsIgnoreCase },
  StringNotEqualsIgnoreCase: { type: 'string', negated: true, read: equalsIgnoreCase },
  StringLike: { type: 'string', negated: false, read: like },
  StringNotLike: { type: 'string', negated: true, read: like },
  NumericEquals: { type: 'numeric', negated: false, read: numeric(eq) },
  NumericNotEquals: { type: 'numeric', negated: true, read: numeric(eq) },
  NumericLessThan: { type: 'numeric', negated: false, read: numeric((a, b) => a < b) },
  NumericLessThanEquals: { type: 'numeric', negated: false, read: numeric((a, b) => a <= b) },
  NumericGreaterThan: { type: 'numeric', negated: false, read: numeric((a, b) => a > b) },
  NumericGreaterThanEquals: { type: 'numeric', negated: false, read: numeric((a, b) => a >= b) },
  DateEquals: { type: 'date', negated: false, read: date(eq) },
  DateNotEquals: { type: 'date', negated: true, read: date(eq) },
  DateLessThan: { type: 'date', negated: false, read: date((a, b) => a < b) },
  DateLessThanEquals: { type: 'date', negated: false, read: date((a, b) => a <= b) },
  DateGreaterThan: { type: 'date', negated: false, read: date((a, b) => a > b) },
  DateGreaterThanEquals: { type: 'date', negated: false, read: date((a, b) => a >= b) },
  Bool: { type: 'bool', negated: false, read: readBool },
  BinaryEquals: { type: 'binary', negated: false, read: readBinary },
  IpAddress: { type: 'ip', negated: false, read: readCidr },
  NotIpAddress: { type: 'ip', negated: true, read: readCidr },
  ArnEquals: { type: 'arn', negated: false, read: readArn },
  ArnLike: { type: 'arn', negated: false, read: readArn },
  ArnNotEquals: { type: 'arn', negated: true, read: readArn },
  ArnNotLike: { type: 'arn', negated: true, read: readArn },
  Null: { type: 'null', negated: false, read: readBool },
};

const FAMILY_BY_LOWER = new Map(Object.keys(FAMILIES).map((name) => [name.toLowerCase(), name]));
const VARIABLE_TYPES: ReadonlySet<ValueType> = new Set(['string', 'bool', 'arn']);

/**
 * Parses an operator name; names compare case-insensitively.
 *
 * @example
 * ```ts
 * parseConditionOperator('ForAllValues:StringLikeIfExists');
 * // ok({ base: 'StringLike', set: 'ForAllValues', ifExists: true, negated: false, type: 'string', … })
 * parseConditionOperator('StringEqualz'); // err(PolicyParseError: unknown condition operator …)
 * ```
 */
export function parseConditionOperator(name: string): Result<ConditionOperator, PolicyParseError> {
  const colon = name.indexOf(':');
  const prefix = colon === -1 ? undefined : name.slice(0, colon).toLowerCase();
  if (prefix !== undefined && prefix !== 'foranyvalue' && prefix !== 'forallvalues') {
    return err(
      new PolicyParseError(
        `unknown set operator "${name.slice(0, colon)}" (expected ForAnyValue or ForAllValues)`,
        name,
      ),
    );
  }
  let rest = colon === -1 ? name : name.slice(colon + 1);
  const ifExists = /ifexists$/i.test(rest);
  if (ifExists) rest = rest.slice(0, -'IfExists'.length);
  const base = FAMILY_BY_LOWER.get(rest.toLowerCase());
  if (!base || (base === 'Null' && ifExists)) {
    return err(new PolicyParseError(`unknown condition operator "${name}"`, name));
  }
  const family = FAMILIES[base]!;
  return ok({
    name,
    base,
    type: family.type,
    negated: family.negated,
    ifExists,
    ...(prefix === 'foranyvalue' ? { set: 'ForAnyValue' as const } : {}),
    ...(prefix === 'forallvalues' ? { set: 'ForAllValues' as const } : {}),
  });
}

/** The outcome of a condition block: matches, does not (and why), or cannot be evaluated. */
export type ConditionResult =
  | { readonly outcome: 'match' }
  | { readonly outcome: 'no-match'; readonly failed: string }
  | { readonly outcome: 'error'; readonly error: PolicyParseError };

export interface ConditionOptions {
  /** Substitute policy variables; only documents with `"Version": "2012-10-17"` have them. Default true. */
  readonly variables?: boolean;
}

type KeyOutcome = boolean | PolicyParseError;

function evaluateKey(
  operator: ConditionOperator,
  key: string,
  policyValues: readonly string[],
  context: RequestContext,
  variables: boolean,
): KeyOutcome {
  const requestValues = context.get(key);
  if (operator.type === 'null') {
    const checks = policyValues.map((value) => readBool(value));
    if (checks.some((check) => check === undefined)) {
      return new PolicyParseError(`Null expects "true" or "false"`, `${operator.name}.${key}`);
    }
    return policyValues.some(
      (value) => (value.trim().toLowerCase() === 'true') === (requestValues === undefined),
    );
  }
  const tests: ((value: string) => boolean)[] = [];
  for (const raw of policyValues) {
    let value = raw;
    if (variables && VARIABLE_TYPES.has(operator.type)) {
      const substituted = context.substitute(raw);
      if (!substituted.resolved) return false;
      value = substituted.text;
    }
    const test = FAMILIES[operator.base]!.read(value);
    if (!test) {
      return new PolicyParseError(
        `"${raw}" is not a valid ${operator.type} value`,
        `${operator.name}.${key}`,
      );
    }
    tests.push(test);
  }
  if (requestValues === undefined) {
    if (operator.ifExists || operator.set === 'ForAllValues') return true;
    if (operator.set === 'ForAnyValue') return false;
    return operator.negated;
  }
  const matchesOne = (value: string): boolean => tests.some((test) => test(value));
  const holds = (value: string): boolean => (operator.negated ? !matchesOne(value) : matchesOne(value));
  if (operator.set === 'ForAllValues') return requestValues.every(holds);
  if (operator.set === 'ForAnyValue') return requestValues.some(holds);
  const someMatch = requestValues.some(matchesOne);
  return operator.negated ? !someMatch : someMatch;
}

/**
 * Evaluates a statement's `Condition` block against the request context. Three-valued: a
 * definite miss anywhere wins over an operator that cannot be evaluated (`false AND ?` is
 * false); otherwise such an operator makes the whole block an `error`.
 *
 * @example
 * ```ts
 * const context = RequestContext.of({ 'aws:SourceIp': '203.0.113.9' });
 * evaluateCondition({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } }, context); // { outcome: 'match' }
 * evaluateCondition({ Bool: { 'aws:MultiFactorAuthPresent': ['true'] } }, context);
 * // { outcome: 'no-match', failed: 'Bool aws:MultiFactorAuthPresent' }
 * ```
 */
export function evaluateCondition(
  block: ConditionBlock,
  context: RequestContext,
  options: ConditionOptions = {},
): ConditionResult {
  const variables = options.variables ?? true;
  let error: PolicyParseError | undefined;
  for (const [name, keys] of Object.entries(block)) {
    const parsed = parseConditionOperator(name);
    if (!parsed.ok) {
      error ??= parsed.error;
      continue;
    }
    for (const [key, values] of Object.entries(keys)) {
      const outcome = evaluateKey(parsed.value, key, values, context, variables);
      if (outcome === false) return { outcome: 'no-match', failed: `${name} ${key}` };
      if (outcome instanceof PolicyParseError) error ??= outcome;
    }
  }
  return error ? { outcome: 'error', error } : { outcome: 'match' };
}

/**
 * {@link evaluateCondition} as a boolean, for callers that want unknown operators and
 * malformed values to stop them: throws the {@link PolicyParseError}.
 *
 * @example
 * ```ts
 * conditionMatches({ StringEquals: { 'aws:PrincipalTag/team': ['payments'] } },
 *   RequestContext.of({ 'aws:PrincipalTag/team': 'payments' })); // true
 * ```
 */
export function conditionMatches(
  block: ConditionBlock,
  context: RequestContext,
  options: ConditionOptions = {},
): boolean {
  const result = evaluateCondition(block, context, options);
  if (result.outcome === 'error') throw result.error;
  return result.outcome === 'match';
}
