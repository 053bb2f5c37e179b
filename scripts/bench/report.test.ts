import { describe, expect, it } from 'vitest';
import { evaluateTargets, formatReport, type PhaseRow, rate } from './report.js';

const MB = 1024 * 1024;
const row = (
  id: string,
  recordsPerSecond: number,
  peakMb?: number,
  cpuRecordsPerSecond?: number,
): PhaseRow => ({
  id,
  label: `phase ${id}`,
  records: 1_000_000,
  wallMs: 1_000_000_000 / recordsPerSecond,
  cpuMs: 1_000_000_000 / (cpuRecordsPerSecond ?? recordsPerSecond),
  ...(peakMb !== undefined && { peakRssBytes: peakMb * MB }),
});

describe('evaluateTargets', () => {
  it.each([
    { name: 'all met', b: 80_000, c: 70_000, rss: 250, expected: ['PASS', 'PASS', 'PASS'] },
    { name: 'exactly at the ratios', b: 70_000, c: 60_000, rss: 299, expected: ['PASS', 'PASS', 'PASS'] },
    { name: 'too slow, too big', b: 69_000, c: 59_000, rss: 300, expected: ['FAIL', 'FAIL', 'FAIL'] },
  ])('$name', ({ b, c, rss, expected }) => {
    const targets = evaluateTargets(row('a', 100_000), row('b', b), row('c', c, rss));
    expect(targets.map((t) => t.status)).toEqual(expected);
  });

  it('judges ratios on CPU time when every phase has it: a busy machine skews wall-clock time', () => {
    // Prepare: (a) was starved of CPU (wall 10,000/s, CPU 50,000/s); (b) and (c) were not.
    const a = row('a', 10_000, 100, 50_000);
    const b = row('b', 20_000, 150, 30_000);
    const c = row('c', 20_000, 200, 35_000);

    // Act
    const targets = evaluateTargets(a, b, c);

    // Assess
    expect(targets.map((t) => t.status)).toEqual(['FAIL', 'PASS', 'PASS']);
    expect(targets[0]?.measured).toBe('60% of (a) (CPU time; wall clock 200%)');
  });

  it('falls back to wall-clock time without CPU times', () => {
    const { cpuMs: _a, ...a } = row('a', 100_000);
    const { cpuMs: _c, ...c } = row('c', 65_000, 200);
    const targets = evaluateTargets(a, undefined, c);
    expect(targets[1]).toEqual({
      status: 'PASS',
      name: '(c) trailwarden scan ≥ 60% of (a)',
      measured: '65% of (a) (wall clock)',
    });
  });

  it('says UNKNOWN for what was not measured', () => {
    const targets = evaluateTargets(row('a', 100_000), undefined, row('c', 80_000));
    expect(targets.map((t) => t.status)).toEqual(['UNKNOWN', 'PASS', 'UNKNOWN']);
  });
});

describe('formatReport', () => {
  it('prints rates, ratios to (a), peak RSS, notes and verdicts', () => {
    // Prepare
    const rows = [row('a', 100_000, 120), { ...row('b', 75_000, 180), note: '5 findings' }];

    // Act
    const text = formatReport('header', rows, evaluateTargets(rows[0] as PhaseRow, rows[1], undefined));

    // Assess
    expect(text).toMatch(/^header\n/);
    expect(text).toMatch(/\(a\) phase a\s+1,000,000\s+10\.00\s+100,000\s+1\.00\s+100,000\s+1\.00\s+120 MB/);
    expect(text).toMatch(/\(b\) phase b\s+1,000,000\s+13\.33\s+75,000\s+0\.75\s+75,000\s+0\.75\s+180 MB/);
    expect(text).toContain('  (b) 5 findings');
    expect(text).toContain('PASS    (b) in process ≥ 70% of (a): 75% of (a) (CPU time; wall clock 75%)');
    expect(text).toContain('UNKNOWN (c) trailwarden scan ≥ 60% of (a): not measured');
  });
});

describe('rate', () => {
  it('is records per second, 0 for no time', () => {
    expect(rate(5000, 2000)).toBe(2500);
    expect(rate(5000, 0)).toBe(0);
  });
});
