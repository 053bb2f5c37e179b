import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LOG_FILE_KEY } from '../sample/time.js';
import {
  benchFile,
  ensureBenchArchive,
  fillTemplate,
  makeTemplate,
  RECORDS_PER_FILE,
  templatePool,
} from './archive.js';
import { baseline, cliReader, inProcess } from './phases.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function sampleRecord(account: string, region: string, eventName: string, fixture = false) {
  return {
    account,
    region,
    timeMs: 0,
    ...(fixture && { fixture: { ruleId: 'demo', name: 'match-demo.json', judged: true } }),
    record: {
      eventTime: '2024-05-14T10:00:00Z',
      eventName,
      eventID: 'old',
      nested: { eventTime: 'kept' },
      recipientAccountId: account,
    },
  };
}

describe('record templates', () => {
  it('fill in the time and event id and keep everything else', () => {
    // Prepare
    const record = sampleRecord('111122223333', 'us-east-1', 'DescribeVpcs').record;

    // Act
    const filled = fillTemplate(makeTemplate(record), '2024-05-15T00:00:01Z', 'new-id');

    // Assess
    expect(JSON.parse(filled)).toEqual({ ...record, eventTime: '2024-05-15T00:00:01Z', eventID: 'new-id' });
  });
});

describe('benchFile', () => {
  const pool = templatePool([
    sampleRecord('111122223333', 'us-east-1', 'DescribeVpcs'),
    sampleRecord('111122223333', 'us-east-1', 'ListRoles'),
    sampleRecord('444455556666', 'eu-west-1', 'Decrypt'),
  ]);

  it('builds a CloudTrail log file of distinct records in time order, in its stream', () => {
    // Act
    const file = benchFile(pool, 1, 500);

    // Assess
    const records = (JSON.parse(file.body) as { Records: Record<string, string>[] }).Records;
    expect(file.key).toMatch(LOG_FILE_KEY);
    expect(file.key.startsWith('AWSLogs/444455556666/CloudTrail/eu-west-1/')).toBe(true);
    expect(records).toHaveLength(500);
    expect(new Set(records.map((r) => r.eventID)).size).toBe(500);
    const times = records.map((r) => r.eventTime as string);
    expect([...times].sort()).toEqual(times);
    expect(records.every((r) => r.eventName === 'Decrypt')).toBe(true);
  });

  it.each([
    { share: 0, expected: [0, 0] },
    { share: 0.25, expected: [0.2, 0.3] },
    { share: 1, expected: [1, 1] },
  ])('draws $share of the records from fixture templates', ({ share, expected }) => {
    // Prepare
    const mixed = templatePool(
      [
        sampleRecord('111122223333', 'us-east-1', 'DescribeVpcs'),
        sampleRecord('111122223333', 'us-east-1', 'StopLogging', true),
      ],
      share,
    );

    // Act
    const records = (JSON.parse(benchFile(mixed, 0, 2000).body) as { Records: { eventName: string }[] })
      .Records;

    // Assess
    const fromFixtures = records.filter((r) => r.eventName === 'StopLogging').length / records.length;
    expect(fromFixtures).toBeGreaterThanOrEqual(expected[0] as number);
    expect(fromFixtures).toBeLessThanOrEqual(expected[1] as number);
  });

  it('is deterministic', () => {
    expect(benchFile(pool, 2, 50)).toEqual(benchFile(pool, 2, 50));
    expect(benchFile(pool, 2, 50).body).not.toBe(benchFile(pool, 4, 50).body);
  });
});

describe('ensureBenchArchive', () => {
  const base = mkdtempSync(join(tmpdir(), 'trailwarden-bench-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  const records = RECORDS_PER_FILE + 700;

  it('removes stale archives but keeps current ones of other sizes', async () => {
    // Prepare
    mkdirSync(join(base, 'archive-v0-1000-0123456789ab'), { recursive: true });
    const small = await ensureBenchArchive(ROOT, 1000, () => undefined, { base });

    // Act
    const other = await ensureBenchArchive(ROOT, 1200, () => undefined, { base });

    // Assess
    expect(readdirSync(base).sort()).toEqual([basename(small.dir), basename(other.dir)].sort());
  }, 240_000);

  it('generates once, then reuses the cached archive; the phases read all of it', async () => {
    // Act
    const first = await ensureBenchArchive(ROOT, records, () => undefined, { base });
    const second = await ensureBenchArchive(ROOT, records, () => undefined, { base });

    // Assess
    expect(first).toMatchObject({ records, files: 2, cached: false, fixtureShare: 0.01 });
    expect(second).toMatchObject({ dir: first.dir, records, files: 2, bytes: first.bytes, cached: true });
    expect(readdirSync(base)).toContain(basename(first.dir));
    expect((await baseline(first.dir)).records).toBe(records);
    expect(await cliReader(first.dir)).toMatchObject({ records, errors: 0 });
    const detected = await inProcess(first.dir);
    expect(detected).toMatchObject({ records, errors: 0 });
    expect(detected.findings).toBeGreaterThan(0);
  }, 240_000);
});
