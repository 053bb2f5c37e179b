import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type EvaluationResult, evaluate } from './evaluate.js';
import type { NamedPolicy, PolicySet } from './policy-set.js';
import type { SimulationRequest } from './simulate-request.js';

/** Policies in a fixture name documents of the file's `documents` map. */
interface FixturePolicies {
  readonly identity?: readonly string[];
  readonly resource?: string | readonly string[];
  readonly boundary?: readonly string[];
  readonly session?: readonly string[];
  readonly scps?: readonly (readonly string[])[];
  readonly rcps?: readonly (readonly string[])[];
  readonly managementAccount?: string;
  readonly resourcePolicyRequired?: boolean;
}

interface EvaluationCase {
  readonly name: string;
  readonly now?: string;
  readonly request: SimulationRequest;
  readonly policies: FixturePolicies;
  readonly documents?: Readonly<Record<string, unknown>>;
  readonly expect: {
    readonly decision?: EvaluationResult['decision'];
    /** `kind:policy#statement`, compared as a set. */
    readonly deciding?: readonly string[];
    readonly reasonIncludes?: readonly string[];
    readonly warningIncludes?: readonly string[];
    readonly throws?: string;
  };
}

interface EvaluationFixture {
  readonly documents: Readonly<Record<string, unknown>>;
  readonly cases: readonly EvaluationCase[];
}

const dir = fileURLToPath(new URL('./fixtures/evaluate/requests/', import.meta.url));
const files = readdirSync(dir).filter((file) => file.endsWith('.json'));

function policySet(fixture: EvaluationFixture, test: EvaluationCase): PolicySet {
  const documents = { ...fixture.documents, ...test.documents };
  const named = (name: string): NamedPolicy => {
    if (!(name in documents)) throw new Error(`fixture case "${test.name}" names unknown document "${name}"`);
    return { name, document: documents[name] };
  };
  const { identity, resource, boundary, session, scps, rcps, ...flags } = test.policies;
  return {
    ...flags,
    ...(identity ? { identity: identity.map(named) } : {}),
    ...(resource ? { resource: typeof resource === 'string' ? named(resource) : resource.map(named) } : {}),
    ...(boundary ? { boundary: boundary.map(named) } : {}),
    ...(session ? { session: session.map(named) } : {}),
    ...(scps ? { scps: scps.map((level) => level.map(named)) } : {}),
    ...(rcps ? { rcps: rcps.map((level) => level.map(named)) } : {}),
  };
}

describe.each(files)('evaluate fixtures %s', (file) => {
  const fixture = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as EvaluationFixture;

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, test) => {
    // Prepare
    const policies = policySet(fixture, test);
    const now = new Date(test.now ?? '2024-06-15T12:00:00Z');
    const act = (): EvaluationResult => evaluate(test.request, policies, { now });

    if (test.expect.throws !== undefined) {
      // Act / Assess
      expect(act).toThrow(test.expect.throws);
      return;
    }

    // Act
    const result = act();

    // Assess
    const context = JSON.stringify(result, null, 2);
    if (test.expect.decision) expect(result.decision, context).toBe(test.expect.decision);
    if (test.expect.deciding) {
      const deciding = result.deciding.map((d) => `${d.kind}:${d.policy}#${d.statement}`);
      expect([...deciding].sort(), context).toEqual([...test.expect.deciding].sort());
    }
    for (const text of test.expect.reasonIncludes ?? []) {
      expect(
        result.reasons.some((reason) => reason.includes(text)),
        `${text}\n${context}`,
      ).toBe(true);
    }
    for (const text of test.expect.warningIncludes ?? []) {
      expect(
        result.warnings.some((warning) => warning.includes(text)),
        `${text}\n${context}`,
      ).toBe(true);
    }
    if (!test.expect.warningIncludes) expect(result.warnings, context).toEqual([]);
    expect(new Set(result.reasons).size, context).toBe(result.reasons.length);
  });
});

describe('evaluate', () => {
  it('cites unnamed policies by position and keeps sids', () => {
    // Prepare
    const request: SimulationRequest = {
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::amzn-s3-demo-bucket/a.txt',
      principal: { type: 'user', arn: 'arn:aws:iam::111122223333:user/alice' },
    };
    const deny =
      '{"Version":"2012-10-17","Statement":[{"Sid":"NoGet","Effect":"Deny","Action":"s3:Get*","Resource":"*"}]}';

    // Act
    const result = evaluate(request, {
      identity: [{ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }, deny],
    });

    // Assess
    expect(result.deciding).toEqual([
      { policy: 'identity[1]', kind: 'identity', statement: 0, sid: 'NoGet', effect: 'Deny' },
    ]);
  });

  it('uses the current time when none is given', () => {
    // Prepare
    const request: SimulationRequest = {
      action: 's3:GetObject',
      resource: '*',
      principal: { type: 'user', arn: 'arn:aws:iam::111122223333:user/alice' },
    };
    const until = (date: string): PolicySet => ({
      identity: [
        {
          Version: '2012-10-17',
          Statement: {
            Effect: 'Allow',
            Action: '*',
            Resource: '*',
            Condition: { DateLessThan: { 'aws:CurrentTime': date } },
          },
        },
      ],
    });

    // Act / Assess
    expect(evaluate(request, until('2999-01-01T00:00:00Z')).decision).toBe('allowed');
    expect(evaluate(request, until('2000-01-01T00:00:00Z')).decision).toBe('implicit-deny');
  });
});
