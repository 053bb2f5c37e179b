import { describe, expect, it } from 'vitest';
import { evidenceLines } from './evidence.js';

describe('evidenceLines', () => {
  it("renders scalars as they are and objects as compact JSON, in the rule's order", () => {
    // Prepare
    const context = {
      bucket: 'example-reports-bucket',
      mfaUsed: false,
      count: 3,
      missing: null,
      statement: { Effect: 'Allow', Principal: '*' },
      skipped: undefined,
    };

    // Act
    const lines = evidenceLines(context);

    // Assess
    expect(lines).toEqual([
      'bucket: example-reports-bucket',
      'mfaUsed: false',
      'count: 3',
      'missing: null',
      'statement: {"Effect":"Allow","Principal":"*"}',
    ]);
  });

  it('keeps each line one line and within the length', () => {
    // Act
    const lines = evidenceLines({ note: `first\nsecond ${'x'.repeat(500)}` }, { maxLineLength: 80 });

    // Assess
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(Array.from(lines[0] ?? '')).toHaveLength(80);
  });

  it('counts what it leaves out', () => {
    // Prepare
    const context = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`key${i}`, i]));

    // Act
    const lines = evidenceLines(context, { maxLines: 5 });

    // Assess
    expect(lines).toEqual(['key0: 0', 'key1: 1', 'key2: 2', 'key3: 3', '… 8 more']);
  });

  it('does not throw on values JSON cannot hold', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(evidenceLines({ cyclic })).toEqual(['cyclic: [unrenderable value]']);
  });
});
