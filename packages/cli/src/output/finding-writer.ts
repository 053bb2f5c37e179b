import { toAsff, toOcsf } from '@trailwarden/adapters';
import type { Finding, Severity } from '@trailwarden/core';
import type { BufferedWriter } from './buffered-writer.js';
import { findingRecord } from './finding-record.js';
import { cut, fitCell, flatten, shortActor, shortArn } from './text-cells.js';

export const OUTPUT_FORMATS = ['table', 'json', 'jsonl', 'asff', 'ocsf'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** What one finding becomes in a JSON format. */
export type RecordOf<F extends Finding> = (finding: F) => unknown;

/** Writes findings as they are found; nothing is kept once written. */
export interface FindingWriter<F extends Finding = Finding> {
  write(finding: F): void;
  /** Lets buffered output out when there is enough of it (call between batches). */
  flushIfFull(): Promise<void>;
  /** Closes the document (`json`) and writes what is left. */
  end(): Promise<void>;
}

export interface TableStyle {
  /** Line width; longer lines are cut. */
  readonly width: number;
  readonly color: boolean;
}

/**
 * A streaming writer for one output format:
 * - `jsonl`: one finding per line (`record`, default `findingRecord`);
 * - `json`: one array, written element by element (never held in memory whole);
 * - `asff`: one AWS Security Finding Format object per line, ready for Security Hub
 *   `BatchImportFindings` (e.g. `jq -s` into batches of 100);
 * - `ocsf`: one OCSF Detection Finding per line;
 * - `table`: a header, then one row per finding in the order found, cut to the terminal width.
 *
 * @example
 * const writer = createFindingWriter('jsonl', new BufferedWriter(process.stdout));
 * writer.write(finding);
 * await writer.end();
 */
export function createFindingWriter<F extends Finding = Finding>(
  format: OutputFormat,
  out: BufferedWriter,
  style?: TableStyle,
  record: RecordOf<F> = findingRecord,
): FindingWriter<F> {
  switch (format) {
    case 'jsonl':
      return new JsonLinesWriter(out, record);
    case 'json':
      return new JsonArrayWriter(out, record);
    case 'asff':
      return new JsonLinesWriter<F>(out, (finding) => toAsff(finding));
    case 'ocsf':
      return new JsonLinesWriter<F>(out, (finding) => toOcsf(finding));
    case 'table':
      return new TableWriter(out, style ?? { width: 160, color: false });
  }
}

class JsonLinesWriter<F extends Finding> implements FindingWriter<F> {
  constructor(
    protected readonly out: BufferedWriter,
    protected readonly record: RecordOf<F>,
  ) {}

  write(finding: F): void {
    this.out.write(`${JSON.stringify(this.record(finding))}\n`);
  }

  async flushIfFull(): Promise<void> {
    if (this.out.full) await this.out.flush();
  }

  async end(): Promise<void> {
    await this.out.flush();
  }
}

class JsonArrayWriter<F extends Finding> extends JsonLinesWriter<F> {
  #count = 0;

  override write(finding: F): void {
    this.out.write(`${this.#count++ === 0 ? '[\n' : ',\n'}${JSON.stringify(this.record(finding))}`);
  }

  override async end(): Promise<void> {
    this.out.write(this.#count === 0 ? '[]\n' : '\n]\n');
    await this.out.flush();
  }
}

const SEVERITY_COLORS: Record<Severity, string> = {
  critical: '\u001b[1;31m',
  high: '\u001b[31m',
  medium: '\u001b[33m',
  low: '\u001b[36m',
  info: '\u001b[2m',
};
const RESET = '\u001b[0m';

/**
 * Columns before the summary, which takes the rest of the line. On narrow terminals columns
 * are dropped in `drop` order (the summary already names actor, resource, account and region).
 */
const COLUMNS = [
  { key: 'severity', title: 'SEVERITY', width: 8, drop: 99 },
  { key: 'time', title: 'TIME', width: 20, drop: 4 },
  { key: 'rule', title: 'RULE', width: 30, drop: 99 },
  { key: 'where', title: 'ACCOUNT/REGION', width: 27, drop: 3 },
  { key: 'actor', title: 'ACTOR', width: 24, drop: 2 },
  { key: 'resource', title: 'RESOURCE', width: 30, drop: 1 },
] as const;
type Column = (typeof COLUMNS)[number];
type ColumnKey = Column['key'];
const GAP = '  ';
const MIN_SUMMARY = 40;

/** The columns that fit `width` with room for a readable summary. */
function columnsFor(width: number): readonly Column[] {
  let columns: readonly Column[] = COLUMNS;
  const used = (list: readonly Column[]) => list.reduce((sum, c) => sum + c.width + GAP.length, 0);
  for (let step = 1; step <= 4 && used(columns) + MIN_SUMMARY > width; step++) {
    columns = columns.filter((c) => c.drop !== step);
  }
  return columns;
}

class TableWriter<F extends Finding> extends JsonLinesWriter<F> {
  readonly #style: TableStyle;
  readonly #columns: readonly Column[];
  #headerDone = false;

  constructor(out: BufferedWriter, style: TableStyle) {
    super(out, findingRecord);
    this.#style = style;
    this.#columns = columnsFor(style.width);
  }

  override write(finding: F): void {
    if (!this.#headerDone) this.#header();
    const resources = finding.resources;
    const cells: Record<ColumnKey, string> = {
      severity: finding.severity,
      time: finding.time.replace(/\.\d+Z$/, 'Z'),
      rule: finding.ruleId,
      where: `${finding.account}/${finding.region}`,
      actor: shortActor(finding.actor),
      resource:
        resources.length === 0
          ? '-'
          : `${shortArn(resources[0] ?? '')}${resources.length > 1 ? ` +${resources.length - 1}` : ''}`,
    };
    this.#row(cells, finding.summary, finding.severity);
  }

  override async end(): Promise<void> {
    await this.out.flush();
  }

  #header(): void {
    this.#headerDone = true;
    const titles = Object.fromEntries(COLUMNS.map((c) => [c.key, c.title])) as Record<ColumnKey, string>;
    this.#row(titles, 'SUMMARY', undefined);
  }

  #row(cells: Record<ColumnKey, string>, summary: string, severity: Severity | undefined): void {
    let line = '';
    for (const column of this.#columns) line += fitCell(cells[column.key], column.width) + GAP;
    line = cut(line + flatten(summary), this.#style.width).trimEnd();
    if (severity !== undefined && this.#style.color) {
      this.out.write(`${SEVERITY_COLORS[severity]}${severity}${RESET}${line.slice(severity.length)}\n`);
    } else {
      this.out.write(`${line}\n`);
    }
  }
}
