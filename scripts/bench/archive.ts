import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { buildSample, DEFAULT_PERIOD } from '../sample/archive.js';
import { Random } from '../sample/random.js';
import type { SampleRecord } from '../sample/records.js';
import { isoSeconds, logFileKey } from '../sample/time.js';

const gzipAsync = promisify(gzip);

/**
 * The benchmark's archive: the sample's records used as templates for a large archive in the
 * same S3 layout, files of ~5,000 records each, every record with its own time and event id.
 * Built by string concatenation, not JSON.stringify, and cached in `.bench/` keyed by a
 * version, the size, the fixture share and the templates.
 *
 * The sample over-represents risky changes (every rule fixture, ~7% of its records) so that
 * it shows every category; real management trails are dominated by reads, and records that
 * carry a policy document cost the rules ~20 times what a read costs. The benchmark therefore
 * draws rule-fixture templates for {@link DEFAULT_FIXTURE_SHARE} of its records (still far
 * more than production trails hold) and benign templates for the rest; `--fixture-share`
 * changes that.
 */

/** Bump when the layout or the way records are built changes: cached archives are rebuilt. */
export const BENCH_ARCHIVE_VERSION = 2;
/** Share of records drawn from rule-fixture templates. */
export const DEFAULT_FIXTURE_SHARE = 0.01;
export const RECORDS_PER_FILE = 5000;
/** Each file covers five minutes, as a busy account's CloudTrail files do. */
const FILE_SPAN_MS = 5 * 60_000;
const TIME_MARK = '@@TW_TIME@@';
const ID_MARK = '@@TW_EVENT_ID@@';
const MANIFEST = '.manifest';

/** A record split around its `eventTime` and `eventID` values, ready to be filled in. */
export interface RecordTemplate {
  /** `parts.length === slots.length + 1`. */
  readonly parts: readonly string[];
  readonly slots: readonly ('time' | 'id')[];
}

/**
 * Turns a record into a template: its JSON with the time and id cut out.
 *
 * @example
 * fillTemplate(makeTemplate(record), '2024-05-14T10:00:00Z', 'e1'); // JSON with those values
 */
export function makeTemplate(record: Readonly<Record<string, unknown>>): RecordTemplate {
  const json = JSON.stringify({ ...record, eventTime: TIME_MARK, eventID: ID_MARK });
  const parts: string[] = [];
  const slots: ('time' | 'id')[] = [];
  let rest = json;
  for (;;) {
    const time = rest.indexOf(TIME_MARK);
    const id = rest.indexOf(ID_MARK);
    if (time < 0 && id < 0) break;
    const isTime = time >= 0 && (id < 0 || time < id);
    const at = isTime ? time : id;
    parts.push(rest.slice(0, at));
    slots.push(isTime ? 'time' : 'id');
    rest = rest.slice(at + (isTime ? TIME_MARK : ID_MARK).length);
  }
  parts.push(rest);
  return { parts, slots };
}

export function fillTemplate(template: RecordTemplate, time: string, id: string): string {
  let out = template.parts[0] as string;
  for (let i = 0; i < template.slots.length; i++) {
    out += (template.slots[i] === 'time' ? time : id) + (template.parts[i + 1] as string);
  }
  return out;
}

interface Stream {
  readonly account: string;
  readonly region: string;
  /** Everyday records. */
  readonly benign: RecordTemplate[];
  /** Records injected from rule fixtures. */
  readonly fixtures: RecordTemplate[];
}

/** Templates grouped by the account and region their records belong to. */
export interface TemplatePool {
  readonly streams: readonly Readonly<Stream>[];
  /** Share of records drawn from fixture templates (where a stream has some). */
  readonly fixtureShare: number;
  /** Identifies the templates and the share, for the cache key. */
  readonly digest: string;
}

export function templatePool(
  records: readonly SampleRecord[],
  fixtureShare = DEFAULT_FIXTURE_SHARE,
): TemplatePool {
  const streams = new Map<string, Stream>();
  const hash = createHash('sha256').update(String(fixtureShare));
  for (const record of records) {
    const id = `${record.account}/${record.region}`;
    let stream = streams.get(id);
    if (!stream) {
      stream = { account: record.account, region: record.region, benign: [], fixtures: [] };
      streams.set(id, stream);
    }
    const template = makeTemplate(record.record);
    (record.fixture ? stream.fixtures : stream.benign).push(template);
    hash
      .update(id)
      .update(record.fixture ? 'f' : 'b')
      .update(template.parts.join('\u0000'));
  }
  return {
    streams: [...streams.keys()].sort().map((id) => streams.get(id)!),
    fixtureShare,
    digest: hash.digest('hex').slice(0, 12),
  };
}

export interface BenchFile {
  readonly key: string;
  readonly records: number;
  readonly body: string;
}

/**
 * The `index`-th file of the archive: streams take turns, each file five minutes after the
 * previous one of its stream. Deterministic in (pool, index, records).
 */
export function benchFile(pool: TemplatePool, index: number, records: number): BenchFile {
  const stream = pool.streams[index % pool.streams.length]!;
  const round = Math.floor(index / pool.streams.length);
  const rng = new Random(`bench/${pool.digest}/${index}`);
  const startMs = DEFAULT_PERIOD.startMs + round * FILE_SPAN_MS;
  const idPrefix = rng.uuid().slice(0, 24);
  const pieces: string[] = new Array(records);
  let second = -1;
  let time = '';
  for (let i = 0; i < records; i++) {
    const ms = startMs + Math.floor((i * FILE_SPAN_MS) / records);
    const s = Math.floor(ms / 1000);
    if (s !== second) {
      second = s;
      time = isoSeconds(ms);
    }
    const fromFixtures =
      stream.fixtures.length > 0 && (stream.benign.length === 0 || rng.next() < pool.fixtureShare);
    const templates = fromFixtures ? stream.fixtures : stream.benign;
    const template = templates[Math.floor(rng.next() * templates.length)]!;
    pieces[i] = fillTemplate(template, time, idPrefix + i.toString(16).padStart(12, '0'));
  }
  const key = logFileKey(
    stream.account,
    stream.region,
    startMs + FILE_SPAN_MS,
    rng.chars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'),
  );
  return { key, records, body: `{"Records":[${pieces.join(',')}]}` };
}

export interface BenchArchive {
  readonly dir: string;
  readonly records: number;
  readonly files: number;
  readonly bytes: number;
  /** True when an earlier run's archive was reused. */
  readonly cached: boolean;
  readonly fixtureShare: number;
  readonly generationMs: number;
}

interface Manifest {
  readonly version: number;
  readonly records: number;
  readonly files: number;
  readonly bytes: number;
}

export interface BenchArchiveOptions {
  /** Where archives are kept; default `<root>/.bench`. */
  readonly base?: string;
  /** Files compressed at once (gzip runs on libuv's thread pool). */
  readonly concurrency?: number;
  /** Default {@link DEFAULT_FIXTURE_SHARE}. */
  readonly fixtureShare?: number;
}

/**
 * The archive of `records` records under `<root>/.bench/`, generated unless a complete one
 * with the same key exists (its manifest is written last). Stale archives are removed.
 *
 * @example
 * const archive = await ensureBenchArchive(process.cwd(), 1_000_000, console.error);
 */
export async function ensureBenchArchive(
  root: string,
  records: number,
  log: (line: string) => void,
  options: BenchArchiveOptions = {},
): Promise<BenchArchive> {
  const started = performance.now();
  const sampleRecords = buildSample({ rootDir: root }).files.flatMap((f) => f.records);
  const pool = templatePool(sampleRecords, options.fixtureShare ?? DEFAULT_FIXTURE_SHARE);
  const name = `archive-v${BENCH_ARCHIVE_VERSION}-${records}-${pool.digest}`;
  const base = options.base ?? join(root, '.bench');
  const concurrency = options.concurrency ?? 4;
  const dir = join(base, name);
  const manifestPath = join(dir, MANIFEST);
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    if (manifest.version === BENCH_ARCHIVE_VERSION && manifest.records === records) {
      return {
        dir,
        ...manifest,
        cached: true,
        fixtureShare: pool.fixtureShare,
        generationMs: performance.now() - started,
      };
    }
  }
  mkdirSync(base, { recursive: true });
  // Archives of other sizes stay cached (a quick `--records 100000` run keeps the 1M one);
  // stale ones (other version or templates) and this one's incomplete attempt go.
  const current = (entry: string) =>
    entry !== name &&
    entry.startsWith(`archive-v${BENCH_ARCHIVE_VERSION}-`) &&
    entry.endsWith(`-${pool.digest}`);
  for (const entry of readdirSync(base)) {
    if (entry.startsWith('archive-') && !current(entry))
      rmSync(join(base, entry), { recursive: true, force: true });
  }
  const fileCount = Math.ceil(records / RECORDS_PER_FILE);
  log(`generating ${records.toLocaleString('en-US')} records in ${fileCount} files into ${dir} …`);
  let bytes = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < fileCount; index = next++) {
      const size = Math.min(RECORDS_PER_FILE, records - index * RECORDS_PER_FILE);
      const file = benchFile(pool, index, size);
      const compressed = await gzipAsync(file.body, { level: 6 });
      const path = join(dir, file.key);
      mkdirSync(dirname(path), { recursive: true });
      await writeFile(path, compressed);
      bytes += compressed.length;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const manifest: Manifest = { version: BENCH_ARCHIVE_VERSION, records, files: fileCount, bytes };
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return {
    dir,
    ...manifest,
    cached: false,
    fixtureShare: pool.fixtureShare,
    generationMs: performance.now() - started,
  };
}
