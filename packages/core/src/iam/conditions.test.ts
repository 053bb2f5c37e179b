import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { conditionMatches, evaluateCondition, parseConditionOperator } from './conditions.js';
import { RequestContext } from './context-keys.js';
import { parsePolicy } from './parse.js';
import type { ConditionBlock } from './types.js';

interface ConditionCase {
  readonly name: string;
  readonly condition: Readonly<Record<string, unknown>>;
  readonly context: Readonly<Record<string, string | readonly string[]>>;
  readonly version?: string;
  readonly expect: 'match' | 'no-match' | 'error';
  readonly failed?: string;
}

const dir = fileURLToPath(new URL('./fixtures/evaluate/conditions/', import.meta.url));
const files = readdirSync(dir).filter((file) => file.endsWith('.json'));

/** Conditions go through the real parser, so JSON booleans and single strings are read as IAM reads them. */
function block(test: ConditionCase): ConditionBlock {
  const statement = { Effect: 'Allow', Action: '*', Resource: '*', Condition: test.condition };
  const doc = parsePolicy({ Version: test.version ?? '2012-10-17', Statement: statement });
  return doc.statements[0]!.condition!;
}

describe.each(files)('condition fixtures %s', (file) => {
  const { cases } = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as { cases: ConditionCase[] };

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, test) => {
    // Prepare
    const context = RequestContext.of(test.context);
    const variables = (test.version ?? '2012-10-17') === '2012-10-17';

    // Act
    const result = evaluateCondition(block(test), context, { variables });

    // Assess
    expect(result.outcome).toBe(test.expect);
    if (test.failed && result.outcome === 'no-match') expect(result.failed).toBe(test.failed);
    if (result.outcome === 'error') expect(result.error.name).toBe('PolicyParseError');
  });
});

describe('parseConditionOperator', () => {
  it.each([
    ['StringEquals', { base: 'StringEquals', negated: false, ifExists: false, set: undefined }],
    [
      'ForAllValues:StringNotLikeIfExists',
      { base: 'StringNotLike', negated: true, ifExists: true, set: 'ForAllValues' },
    ],
    ['ForAnyValue:ArnLike', { base: 'ArnLike', negated: false, ifExists: false, set: 'ForAnyValue' }],
    ['NotIpAddressIfExists', { base: 'NotIpAddress', negated: true, ifExists: true, set: undefined }],
    ['dateLessThan', { base: 'DateLessThan', negated: false, ifExists: false, set: undefined }],
    ['Null', { base: 'Null', negated: false, ifExists: false, set: undefined }],
  ])('%s', (name, expected) => {
    // Act
    const parsed = parseConditionOperator(name);

    // Assess
    expect(parsed.ok).toBe(true);
    const { set, ...rest } = expected;
    if (parsed.ok) {
      expect(parsed.value).toMatchObject({ name, ...rest });
      expect(parsed.value.set).toBe(set);
    }
  });

  it.each([
    'StringEqualz',
    'IfExists',
    'NullIfExists',
    'ForEachValue:StringEquals',
    'StringEquals:ForAllValues',
    '',
  ])('rejects %j with a message naming it', (name) => {
    // Act
    const parsed = parseConditionOperator(name);

    // Assess
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toMatch(/unknown (condition|set) operator/);
  });
});

describe('conditionMatches', () => {
  it('throws the parse error for an operator it cannot evaluate', () => {
    // Prepare
    const condition: ConditionBlock = { StringEqualsSometimes: { 'aws:username': ['alice'] } };

    // Act / Assess
    expect(() => conditionMatches(condition, RequestContext.of({ 'aws:username': 'alice' }))).toThrow(
      /unknown condition operator "StringEqualsSometimes"/,
    );
  });

  it('returns the boolean outcome otherwise', () => {
    // Prepare
    const condition: ConditionBlock = { StringEquals: { 'aws:username': ['alice'] } };

    // Act / Assess
    expect(conditionMatches(condition, RequestContext.of({ 'aws:username': 'alice' }))).toBe(true);
    expect(conditionMatches(condition, RequestContext.of({ 'aws:username': 'bob' }))).toBe(false);
  });
});
