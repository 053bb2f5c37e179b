import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { Writable } from '../util/schema-types.js';
import type { Finding } from './finding.js';
import { FindingSchema } from './finding-schema.js';

const FINDING: unknown = JSON.parse(
  readFileSync(new URL('./fixtures/finding-root-console-login.json', import.meta.url), 'utf8'),
);

/** The fixture with `change` applied to a copy. */
function variant(change: (finding: Record<string, unknown>) => void): unknown {
  const copy = structuredClone(FINDING) as Record<string, unknown>;
  change(copy);
  return copy;
}

describe('FindingSchema', () => {
  it('describes exactly the Finding interface', () => {
    // Compile-time checks (tsc): a field added to, dropped from or retyped in either side fails here.
    expectTypeOf<z.output<typeof FindingSchema>>().toEqualTypeOf<Writable<Finding>>();
    expectTypeOf<Writable<Finding>>().toExtend<z.input<typeof FindingSchema>>();
  });

  it('reads a finding', () => {
    // Act
    const parsed = FindingSchema.safeParse(FINDING);

    // Assess
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(FINDING);
  });

  it('reads a finding without its optional fields', () => {
    // Prepare
    const minimal = variant((f) => {
      delete f.source;
      f.actor = { type: 'AWSService', mfa: false, provenance: 'aws-service' };
      f.references = {};
    });

    // Act
    const parsed = FindingSchema.safeParse(minimal);

    // Assess
    expect(parsed.success).toBe(true);
  });

  it.each<[string, (finding: Record<string, unknown>) => void, string]>([
    [
      'an empty id',
      (f) => {
        f.id = '';
      },
      'id',
    ],
    [
      'an unknown severity',
      (f) => {
        f.severity = 'urgent';
      },
      'severity',
    ],
    [
      'an unknown category',
      (f) => {
        f.category = 'root_account_use';
      },
      'category',
    ],
    [
      'an unknown provenance',
      (f) => {
        f.actor = { type: 'Root', mfa: false, provenance: 'human' };
      },
      'actor.provenance',
    ],
    [
      'an actor without mfa',
      (f) => {
        f.actor = { type: 'Root', provenance: 'human-console' };
      },
      'actor.mfa',
    ],
    [
      'a fractional source index',
      (f) => {
        f.source = { file: 'trail.json', index: 1.5 };
      },
      'source.index',
    ],
    [
      'resources that are not strings',
      (f) => {
        f.resources = [42];
      },
      'resources.0',
    ],
  ])('refuses %s', (_name, change, path) => {
    // Act
    const parsed = FindingSchema.safeParse(variant(change));

    // Assess
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual([path]);
  });
});
