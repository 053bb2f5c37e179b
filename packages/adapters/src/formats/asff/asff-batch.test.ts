import { describe, expect, it } from 'vitest';
import { AsffFindingSchema } from '../schemas/asff-schema.js';
import { catalogFindings } from '../test-findings.js';
import { ASFF_BATCH_MAX, toAsffBatch } from './asff-batch.js';

describe('toAsffBatch', () => {
  it('chunks 100 findings per BatchImportFindings call, keeping order', () => {
    // Prepare: 250 findings from the catalog fixtures, repeated as needed.
    const catalog = catalogFindings().map((entry) => entry.finding);
    const findings = Array.from({ length: 250 }, (_, i) => {
      const finding = catalog[i % catalog.length];
      if (finding === undefined) throw new Error('catalog produced no findings');
      return { ...finding, id: `${finding.id}-${i}` };
    });
    // Act
    const batches = toAsffBatch(findings, { now: '2026-11-02T10:15:00Z' });
    // Assess
    expect(batches.map((batch) => batch.length)).toEqual([100, 100, 50]);
    expect(batches.flat().map((asff) => asff.Id)).toEqual(findings.map((finding) => finding.id));
    for (const asff of batches.flat()) expect(AsffFindingSchema.safeParse(asff).success).toBe(true);
  });

  it('never exceeds the API limit, whatever size is asked for', () => {
    const findings = catalogFindings()
      .slice(0, 3)
      .map((entry) => entry.finding);
    expect(ASFF_BATCH_MAX).toBe(100);
    expect(toAsffBatch(findings, {}, 2).map((batch) => batch.length)).toEqual([2, 1]);
    expect(toAsffBatch(findings, {}, 0).map((batch) => batch.length)).toEqual([1, 1, 1]);
    expect(toAsffBatch(findings, {}, Number.NaN).map((batch) => batch.length)).toEqual([3]);
    expect(toAsffBatch([], {})).toEqual([]);
  });
});
