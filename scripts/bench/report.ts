/**
 * The benchmark's report: records per second of each phase, their ratio to the naive
 * baseline (a), CPU-time rates, peak RSS, and PASS/FAIL against the targets.
 *
 * The ratio targets are judged on CPU time when every phase involved has it: records per
 * CPU-second is what a phase does with one core, and unlike wall-clock time it does not
 * depend on what else the machine is running (a shared CI runner or laptop skews wall-clock
 * ratios by whole factors). For the CLI, CPU time includes gunzip on libuv's thread pool, so
 * the CPU-time ratio is the conservative one. Wall-clock ratios are printed beside it.
 */

export interface PhaseRow {
  /** `a`, `a'`, `b`, `c`. */
  readonly id: string;
  readonly label: string;
  readonly records: number;
  readonly wallMs: number;
  readonly cpuMs?: number;
  readonly peakRssBytes?: number;
  readonly note?: string;
}

export interface TargetResult {
  readonly status: 'PASS' | 'FAIL' | 'UNKNOWN';
  readonly name: string;
  readonly measured: string;
}

/** (b) in process ≥ 70% of (a) on one core; (c) the CLI ≥ 60% of (a); the CLI's peak RSS < 300 MB. */
export const TARGETS = { inProcessRatio: 0.7, cliRatio: 0.6, cliPeakRssBytes: 300 * 1024 * 1024 } as const;

export function rate(records: number, ms: number): number {
  return ms > 0 ? (records * 1000) / ms : 0;
}

const MB = 1024 * 1024;
const number = (value: number): string => Math.round(value).toLocaleString('en-US');
const megabytes = (bytes: number | undefined): string =>
  bytes === undefined ? 'n/a' : `${Math.round(bytes / MB)} MB`;

/**
 * Judges the targets from the baseline (a), the in-process phase (b) and the CLI (c).
 *
 * @example
 * evaluateTargets(a, b, c).map((t) => `${t.status} ${t.name}`);
 */
export function evaluateTargets(
  a: PhaseRow,
  b: PhaseRow | undefined,
  c: PhaseRow | undefined,
): TargetResult[] {
  const wallRatio = (row: PhaseRow) => rate(row.records, row.wallMs) / rate(a.records, a.wallMs);
  const cpuRatio = (row: PhaseRow) =>
    row.cpuMs === undefined || a.cpuMs === undefined
      ? undefined
      : rate(row.records, row.cpuMs) / rate(a.records, a.cpuMs);
  const ratio = (row: PhaseRow | undefined): number | undefined => {
    if (row === undefined || a.wallMs <= 0 || row.wallMs <= 0) return undefined;
    return cpuRatio(row) ?? wallRatio(row);
  };
  const share = (row: PhaseRow | undefined) => (v: number) => {
    const basis =
      row && cpuRatio(row) !== undefined
        ? `CPU time; wall clock ${Math.round(wallRatio(row) * 100)}%`
        : 'wall clock';
    return `${Math.round(v * 100)}% of (a) (${basis})`;
  };
  const judge = (
    name: string,
    value: number | undefined,
    ok: (v: number) => boolean,
    shown: (v: number) => string,
  ) =>
    value === undefined
      ? { status: 'UNKNOWN' as const, name, measured: 'not measured' }
      : { status: ok(value) ? ('PASS' as const) : ('FAIL' as const), name, measured: shown(value) };
  return [
    judge(
      `(b) in process ≥ ${TARGETS.inProcessRatio * 100}% of (a)`,
      ratio(b),
      (v) => v >= TARGETS.inProcessRatio,
      share(b),
    ),
    judge(
      `(c) trailwarden scan ≥ ${TARGETS.cliRatio * 100}% of (a)`,
      ratio(c),
      (v) => v >= TARGETS.cliRatio,
      share(c),
    ),
    judge(
      `(c) trailwarden scan peak RSS < ${TARGETS.cliPeakRssBytes / MB} MB`,
      c?.peakRssBytes,
      (v) => v < TARGETS.cliPeakRssBytes,
      (v) => megabytes(v),
    ),
  ];
}

/** The table of phases and the targets, as printed by `pnpm bench`. */
export function formatReport(
  header: string,
  rows: readonly PhaseRow[],
  targets: readonly TargetResult[],
): string {
  const base = rows.find((row) => row.id === 'a');
  const baseRate = base ? rate(base.records, base.wallMs) : 0;
  const baseCpu = base?.cpuMs === undefined ? 0 : rate(base.records, base.cpuMs);
  const table = [
    ['phase', 'records', 'seconds', 'records/s', 'vs (a)', 'CPU rec/s', 'vs (a)', 'peak RSS'],
    ...rows.map((row) => {
      const r = rate(row.records, row.wallMs);
      return [
        `(${row.id}) ${row.label}`,
        number(row.records),
        (row.wallMs / 1000).toFixed(2),
        number(r),
        baseRate > 0 ? (r / baseRate).toFixed(2) : 'n/a',
        row.cpuMs === undefined ? 'n/a' : number(rate(row.records, row.cpuMs)),
        row.cpuMs === undefined || baseCpu === 0
          ? 'n/a'
          : (rate(row.records, row.cpuMs) / baseCpu).toFixed(2),
        megabytes(row.peakRssBytes),
      ];
    }),
  ];
  const widths = (table[0] as string[]).map((_, col) =>
    Math.max(...table.map((line) => (line[col] as string).length)),
  );
  const lines = table.map((line) =>
    line
      .map((value, col) =>
        col === 0 ? value.padEnd(widths[col] as number) : value.padStart(widths[col] as number),
      )
      .join('  '),
  );
  const notes = rows.filter((row) => row.note).map((row) => `  (${row.id}) ${row.note}`);
  const verdicts = targets.map((t) => `  ${t.status.padEnd(7)} ${t.name}: ${t.measured}`);
  return [
    header,
    '',
    ...lines,
    ...(notes.length > 0 ? ['', ...notes] : []),
    '',
    'targets (reported, never fatal):',
    ...verdicts,
    '',
  ].join('\n');
}
