import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { Writable } from '../util/schema-types.js';
import type { StoredFinding } from './ports.js';
import { StoredFindingSchema } from './stored-finding-schema.js';

const STORED: unknown = JSON.parse(
  readFileSync(new URL('./fixtures/stored-finding-suppressed.json', import.meta.url), 'utf8'),
);

/** The fixture with `change` applied to a copy. */
function variant(change: (finding: Record<string, unknown>) => void): unknown {
  const copy = structuredClone(STORED) as Record<string, unknown>;
  change(copy);
  return copy;
}

describe('StoredFindingSchema', () => {
  it('describes exactly the StoredFinding interface', () => {
    // Compile-time checks (tsc): a field added to, dropped from or retyped in either side fails here.
    expectTypeOf<z.output<typeof StoredFindingSchema>>().toEqualTypeOf<Writable<StoredFinding>>();
    expectTypeOf<Writable<StoredFinding>>().toExtend<z.input<typeof StoredFindingSchema>>();
  });

  it('reads a stored finding with its suppression and history', () => {
    // Act
    const parsed = StoredFindingSchema.safeParse(STORED);

    // Assess
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(STORED);
  });

  it('reads a fresh finding without the optional lifecycle fields', () => {
    // Prepare
    const fresh = variant((f) => {
      f.status = 'open';
      f.alerted = false;
      f.history = [];
      delete f.alertedAt;
      delete f.suppression;
    });

    // Act
    const parsed = StoredFindingSchema.safeParse(fresh);

    // Assess
    expect(parsed.success).toBe(true);
  });

  it.each<[string, (finding: Record<string, unknown>) => void, string]>([
    [
      'an unknown status',
      (f) => {
        f.status = 'closed';
      },
      'status',
    ],
    [
      'a count of zero',
      (f) => {
        f.count = 0;
      },
      'count',
    ],
    [
      'a status change to an unknown status',
      (f) => {
        f.history = [{ from: 'open', to: 'closed', at: '2026-03-14T07:50:00Z', by: 'alice' }];
      },
      'history.0.to',
    ],
    [
      'a suppression without an owner',
      (f) => {
        f.suppression = { id: 'sup-1', reason: 'drill', expires: '2026-03-31T00:00:00Z' };
      },
      'suppression.owner',
    ],
    [
      'a missing finding field',
      (f) => {
        delete f.ruleId;
      },
      'ruleId',
    ],
  ])('refuses %s', (_name, change, path) => {
    // Act
    const parsed = StoredFindingSchema.safeParse(variant(change));

    // Assess
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual([path]);
  });
});
