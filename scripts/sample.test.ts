import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES } from '../packages/core/src/index.js';
import { generateSample, SAMPLE_DIR } from './generate-sample.js';
import { DEFAULT_SEED } from './sample/archive.js';
import { type ArchiveFile, readArchive, type ScanResult, scanArchive } from './sample/scan.js';
import { LOG_FILE_KEY } from './sample/time.js';
import { ACCOUNTS, GLOBAL_SOURCES, HOME_REGION, REGIONS } from './sample/world.js';

// The committed sample archive (packages/cli/sample) scanned in process as `trailwarden scan` does.
// When the regeneration test fails, a fixture or the generator changed: run `pnpm sample`.

const CLOUDTRAIL_CATEGORIES = CATEGORIES.filter((category) => category !== 'noncompliant_resource');

function filesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(root, path).split('\\').join('/'));
    }
  };
  walk(root);
  return out.sort();
}

describe('the committed sample archive', () => {
  let files: ArchiveFile[];
  let scan: ScanResult;

  beforeAll(() => {
    files = readArchive(SAMPLE_DIR);
    scan = scanArchive(files);
  }, 120_000);

  it('is laid out as CloudTrail writes log files to S3', () => {
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) expect(file.key).toMatch(LOG_FILE_KEY);
    const accounts = new Set(files.map((f) => f.key.split('/')[1]));
    const regions = new Set(files.map((f) => f.key.split('/')[3]));
    expect([...accounts].sort()).toEqual(ACCOUNTS.map((a) => a.id).sort());
    expect([...regions].sort()).toEqual([...REGIONS].sort());
  });

  it('holds a few thousand records, each in the file of its account and region', () => {
    expect(scan.records).toBeGreaterThanOrEqual(3000);
    expect(scan.records).toBeLessThanOrEqual(5000);
    for (const file of files) {
      const [, account, , region] = file.key.split('/');
      for (const item of file.items) {
        const record = item as Record<string, unknown>;
        expect(record.recipientAccountId, file.key).toBe(account);
        expect(record.awsRegion, file.key).toBe(region);
      }
    }
  });

  it('records IAM, sign-in and Organizations events in us-east-1 only', () => {
    const global = files
      .flatMap((f) => f.items as Record<string, unknown>[])
      .filter((r) => GLOBAL_SOURCES.has(String(r.eventSource)));
    expect(global.length).toBeGreaterThan(100);
    expect(new Set(global.map((r) => r.awsRegion))).toEqual(new Set([HOME_REGION]));
  });

  it('scans cleanly: no parse errors, no rule errors', () => {
    expect(scan.parseErrors).toEqual([]);
    expect(scan.ruleErrors).toEqual([]);
  });

  it('has a finding in every CloudTrail category', () => {
    const present = new Set(scan.findings.map((finding) => finding.category));
    expect(CLOUDTRAIL_CATEGORIES.filter((category) => !present.has(category))).toEqual([]);
  });

  it('is mostly benign: findings on fewer than 10% of the records', () => {
    expect(scan.findings.length).toBeGreaterThan(0);
    expect(scan.findings.length / scan.records).toBeLessThan(0.1);
  });
});

describe('regenerating the sample', () => {
  let out: string;

  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'trailwarden-sample-'));
  });

  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
  });

  it('with the same seed reproduces the committed files byte for byte (else run `pnpm sample`)', () => {
    // Act
    generateSample(DEFAULT_SEED, out);

    // Assess
    const committed = filesUnder(SAMPLE_DIR);
    expect(filesUnder(out)).toEqual(committed);
    const differing = committed.filter(
      (file) => !readFileSync(join(out, file)).equals(readFileSync(join(SAMPLE_DIR, file))),
    );
    expect(differing).toEqual([]);
  }, 180_000);
});
