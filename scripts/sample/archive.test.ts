import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildSample, groupIntoFiles, serializeFile } from './archive.js';
import { reproducibleGzip } from './gzip.js';
import { Random } from './random.js';
import type { SampleRecord } from './records.js';
import { LOG_FILE_KEY } from './time.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 4, 14, 10);

function record(account: string, region: string, timeMs: number, id: string, fixture = false): SampleRecord {
  return {
    account,
    region,
    timeMs,
    record: { eventID: id, recipientAccountId: account, awsRegion: region },
    ...(fixture && { fixture: { ruleId: 'r', name: 'match-x.json', judged: false } }),
  };
}

describe('groupIntoFiles', () => {
  // Prepare
  const records = [
    record('111122223333', 'us-east-1', T0 + 50_000, 'late'),
    record('111122223333', 'us-east-1', T0 + 10_000, 'first-of-tie', true),
    record('111122223333', 'us-east-1', T0 + 10_000, 'second-of-tie', true),
    record('111122223333', 'us-east-1', T0 + HOUR + 5, 'next-window'),
    record('444455556666', 'us-east-1', T0 + 20_000, 'other-account'),
    record('111122223333', 'eu-west-1', T0 + 20_000, 'other-region'),
  ];

  // Act
  const files = groupIntoFiles(records, HOUR, new Random('group'));

  it('writes one file per account, region and window, named as CloudTrail names them', () => {
    expect(files).toHaveLength(4);
    for (const file of files) {
      expect(file.key).toMatch(LOG_FILE_KEY);
      expect(
        file.records.every((r) => file.key.startsWith(`AWSLogs/${r.account}/CloudTrail/${r.region}/`)),
      ).toBe(true);
    }
  });

  it('orders records by time, keeping ties in the order given', () => {
    const file = files.find((f) => f.records.some((r) => r.record.eventID === 'late'));
    expect(file?.records.map((r) => r.record.eventID)).toEqual(['first-of-tie', 'second-of-tie', 'late']);
  });

  it('names a window by its delivery, after the window and before the next one closes', () => {
    const stamps = files
      .filter((f) => f.key.includes('111122223333/CloudTrail/us-east-1'))
      .map((f) => LOG_FILE_KEY.exec(f.key)?.[4]);
    expect(stamps).toHaveLength(2);
    expect(stamps[0]).toMatch(/^20240514T110[1-4]Z$/);
    expect(stamps[1]).toMatch(/^20240514T120[1-4]Z$/);
  });
});

describe('reproducibleGzip', () => {
  it('writes a fixed header and round-trips', () => {
    // Act
    const gz = reproducibleGzip('{"Records":[]}');

    // Assess
    expect(gz.readUInt32LE(4)).toBe(0);
    expect(gz[9]).toBe(3);
    expect(gunzipSync(gz).toString('utf8')).toBe('{"Records":[]}');
    expect(reproducibleGzip('{"Records":[]}').equals(gz)).toBe(true);
  });
});

describe('buildSample', () => {
  it('builds the same archive from the same seed, and another from another seed', () => {
    // Prepare
    const options = { rootDir: ROOT, benignRecords: 300 };

    // Act
    const first = buildSample({ ...options, seed: 'unit' });
    const again = buildSample({ ...options, seed: 'unit' });
    const other = buildSample({ ...options, seed: 'other' });

    // Assess
    const bytes = (archive: typeof first) =>
      archive.files.map((f) => `${f.key}:${serializeFile(f).toString('base64')}`);
    expect(bytes(again)).toEqual(bytes(first));
    expect(bytes(other)).not.toEqual(bytes(first));
    expect(first.benign).toBeGreaterThanOrEqual(300);
    expect(first.placements.length).toBeGreaterThan(0);
  }, 60_000);
});
