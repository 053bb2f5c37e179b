import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputBatches, readInputs } from './read-inputs.js';
import type { FileRead, InputItem, ReadInputsOptions } from './types.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const records: { eventID: string }[] = JSON.parse(readFileSync(join(fixtures, 'records.json'), 'utf8'));
const [rootLogin, describeCall, bucketPolicy] = records.map((r) => r.eventID);

/** What a test expects of one item: the event id it carries, or a piece of its error message. */
type Want = { readonly eventId: string } | { readonly error: string };

async function collect(paths: readonly string[], options: ReadInputsOptions = {}): Promise<InputItem[]> {
  const items: InputItem[] = [];
  for await (const item of readInputs(paths, { cwd: fixtures, ...options })) items.push(item);
  return items;
}

/** The event id inside an item, whatever its form (record, EventBridge event, lookup-events entry). */
function eventIdOf(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  const bag = item as Record<string, unknown>;
  if (typeof bag.eventID === 'string') return bag.eventID;
  if (typeof bag.EventId === 'string') return bag.EventId;
  return eventIdOf(bag.detail);
}

function assertItems(items: readonly InputItem[], file: string, wants: readonly Want[]): void {
  expect(items.map((i) => i.index)).toEqual(wants.map((_, i) => i));
  wants.forEach((want, i) => {
    const item = items[i]!;
    expect(item.file).toBe(file);
    if ('eventId' in want) {
      expect(item.error).toBeUndefined();
      expect(eventIdOf(item.item)).toBe(want.eventId);
    } else {
      expect(item.item).toBeUndefined();
      expect(item.error?.message).toContain(want.error);
    }
  });
}

describe('readInputs', () => {
  let temp: string;

  beforeAll(() => {
    temp = mkdtempSync(join(tmpdir(), 'trailwarden-read-'));
  });

  afterAll(() => {
    rmSync(temp, { recursive: true, force: true });
  });

  const forms: readonly { name: string; file: string; wants: readonly Want[] }[] = [
    {
      name: 'a minified CloudTrail log file',
      file: 'cloudtrail-log.json',
      wants: [{ eventId: rootLogin! }, { eventId: describeCall! }, { eventId: bucketPolicy! }],
    },
    {
      name: 'a pretty-printed CloudTrail log file',
      file: 'cloudtrail-log-pretty.json',
      wants: [{ eventId: rootLogin! }, { eventId: describeCall! }, { eventId: bucketPolicy! }],
    },
    {
      name: 'a JSON array of records',
      file: 'records.json',
      wants: [{ eventId: rootLogin! }, { eventId: describeCall! }, { eventId: bucketPolicy! }],
    },
    {
      name: 'a single EventBridge event',
      file: 'eventbridge-event.json',
      wants: [{ eventId: bucketPolicy! }],
    },
    {
      name: 'lookup-events output (entries kept whole)',
      file: 'lookup-events.json',
      wants: [{ eventId: rootLogin! }, { eventId: describeCall! }],
    },
    {
      name: 'JSON Lines with a truncated and a malformed line in the middle',
      file: 'records-with-bad-line.jsonl',
      wants: [
        { eventId: rootLogin! },
        { error: 'incomplete JSON value on its line' },
        { error: 'invalid JSON' },
        { eventId: bucketPolicy! },
      ],
    },
    { name: 'a text file that is not JSON', file: 'not-json.txt', wants: [{ error: 'not JSON' }] },
  ];

  it.each(forms)('reads $name', async ({ file, wants }) => {
    // Act
    const items = await collect([file]);
    // Assess
    assertItems(items, file, wants);
  });

  it.each(forms)('reads $name gzipped, recognising gzip by its magic bytes', async ({ file, wants }) => {
    // Prepare: one copy named .gz, one with a misleading name.
    const named = join(temp, `${file}.gz`);
    const unnamed = join(temp, `plain-name-${file}`);
    const zipped = gzipSync(readFileSync(join(fixtures, file)));
    writeFileSync(named, zipped);
    writeFileSync(unnamed, zipped);
    // Act
    const [fromNamed, fromUnnamed] = [await collect([named]), await collect([unnamed])];
    // Assess
    assertItems(fromNamed, named, wants);
    assertItems(fromUnnamed, unnamed, wants);
  });

  it.each(forms)('reads $name from standard input in small chunks', async ({ file, wants }) => {
    // Prepare
    const bytes = readFileSync(join(fixtures, file));
    const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) =>
      bytes.subarray(i * 7, i * 7 + 7),
    );
    // Act
    const items = await collect(['-'], { stdin: Readable.from(chunks) });
    // Assess
    assertItems(items, '<stdin>', wants);
  });

  it('reads gzipped standard input when no path is given', async () => {
    // Prepare
    const zipped = gzipSync(readFileSync(join(fixtures, 'cloudtrail-log.json')));
    // Act
    const items = await collect([], { stdin: Readable.from([zipped.subarray(0, 1), zipped.subarray(1)]) });
    // Assess
    assertItems(items, '<stdin>', [
      { eventId: rootLogin! },
      { eventId: describeCall! },
      { eventId: bucketPolicy! },
    ]);
  });

  it('keeps the records before the damage of a truncated gzip file and reports the rest', async () => {
    // Prepare: a JSON Lines archive cut in the middle of its compressed stream.
    const lines = records.map((r) => JSON.stringify(r)).join('\n');
    const zipped = gzipSync(`${lines}\n${lines}\n${lines}\n`);
    const path = join(temp, 'truncated.jsonl.gz');
    writeFileSync(path, zipped.subarray(0, Math.floor(zipped.length * 0.8)));
    // Act
    const items = await collect([path]);
    // Assess
    const good = items.filter((i) => i.error === undefined);
    const last = items.at(-1)!;
    expect(good.length).toBeGreaterThan(0);
    expect(good.map((i) => eventIdOf(i.item))).toEqual(
      [...records, ...records, ...records].slice(0, good.length).map((r) => r.eventID),
    );
    expect(last.error?.message).toContain('cannot decompress the rest of the file');
    expect(last.unreadable).toBeUndefined();
  });

  it('walks directories recursively in name order, skipping digests, hidden and other files', async () => {
    // Prepare
    const root = join(temp, 'AWSLogs');
    const day = join(root, '111122223333', 'CloudTrail', 'us-east-1', '2024', '03', '04');
    const digest = join(root, '111122223333', 'CloudTrail-Digest', 'us-east-1');
    mkdirSync(day, { recursive: true });
    mkdirSync(digest, { recursive: true });
    mkdirSync(join(root, '.cache'), { recursive: true });
    const log = readFileSync(join(fixtures, 'cloudtrail-log.json'));
    writeFileSync(join(day, 'b_0915Z.json.gz'), gzipSync(log));
    writeFileSync(join(day, 'a_0910Z.json'), JSON.stringify(records[1]));
    writeFileSync(join(day, 'notes.txt'), 'not an input');
    writeFileSync(join(digest, 'digest.json.gz'), gzipSync('{"digestStartTime":"2024-03-04T09:00:00Z"}'));
    writeFileSync(join(root, '.cache', 'x.json'), '{}');
    symlinkSync(join(day, 'a_0910Z.json'), join(day, 'c_link.json'));
    const files: FileRead[] = [];
    // Act
    const items = await collect(['AWSLogs'], { cwd: temp, onFile: (read) => files.push(read) });
    // Assess
    const shown = join('AWSLogs', '111122223333', 'CloudTrail', 'us-east-1', '2024', '03', '04');
    expect(items.map((i) => [i.file, i.index, eventIdOf(i.item)])).toEqual([
      [join(shown, 'a_0910Z.json'), 0, describeCall],
      [join(shown, 'b_0915Z.json.gz'), 0, rootLogin],
      [join(shown, 'b_0915Z.json.gz'), 1, describeCall],
      [join(shown, 'b_0915Z.json.gz'), 2, bucketPolicy],
      [join(shown, 'c_link.json'), 0, describeCall],
    ]);
    expect(files.map((f) => [f.file, f.items])).toEqual([
      [join(shown, 'a_0910Z.json'), 1],
      [join(shown, 'b_0915Z.json.gz'), 3],
      [join(shown, 'c_link.json'), 1],
    ]);
    expect(files[1]!.bytes).toBe(gzipSync(log).length);
  });

  it('reports a path that cannot be read, naming it, and goes on with the others', async () => {
    // Act
    const items = await collect(['missing/trail.json', 'eventbridge-event.json']);
    // Assess
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ file: 'missing/trail.json', index: 0, unreadable: true });
    expect(items[0]!.error?.message).toMatch(/cannot read missing\/trail\.json: .*ENOENT/);
    expect(eventIdOf(items[1]!.item)).toBe(bucketPolicy);
  });

  it('batches items without spanning files', async () => {
    // Act
    const sizes: number[][] = [];
    for await (const batch of readInputBatches(['cloudtrail-log.json', 'records.json'], {
      cwd: fixtures,
      batchSize: 2,
    })) {
      sizes.push([batch.length, new Set(batch.map((i) => i.file)).size]);
    }
    // Assess
    expect(sizes).toEqual([
      [2, 1],
      [1, 1],
      [2, 1],
      [1, 1],
    ]);
  });

  it('reads a large archive with bounded memory', async () => {
    // Prepare: 40 MB of JSON Lines through standard input, produced lazily.
    const line = `${JSON.stringify(records[2])}\n`;
    const count = Math.ceil((40 * 1024 * 1024) / line.length);
    async function* produce(): AsyncGenerator<string> {
      for (let i = 0; i < count; i += 1000) yield line.repeat(Math.min(1000, count - i));
    }
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let read = 0;
    // Act
    for await (const batch of readInputBatches(['-'], { stdin: produce() })) {
      read += batch.length;
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    // Assess
    expect(read).toBe(count);
    expect(peak - before).toBeLessThan(32 * 1024 * 1024);
  });
});
