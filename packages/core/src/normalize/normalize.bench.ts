/**
 * Micro-benchmark: normalization against the JSON.parse it follows. Run with
 * `pnpm exec vitest bench --run packages/core/src/normalize`.
 *
 * The corpus is the CloudTrail records of the fixtures (≈1.5 KB each on average), serialized
 * once; every iteration parses and normalizes all of them, so the numbers divide by the
 * corpus size for µs/record. The zod case measures what a full schema parse of each record
 * would cost, the reason the hot path reads fields by hand instead.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { bench, describe } from 'vitest';
import { CloudTrailRecordSchema } from '../events/schemas/cloudtrail-record.js';
import { normalizeInput } from './normalize-input.js';

const dir = new URL('./fixtures/', import.meta.url);
const records: unknown[] = readdirSync(dir)
  .filter(
    (file) =>
      file.startsWith('identity-') || file.startsWith('eventbridge-api') || file.startsWith('console-login'),
  )
  .map((file) => JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Record<string, unknown>)
  .map((item) => ('detail' in item ? item.detail : item));
const lines = records.map((record) => JSON.stringify(record));
const averageBytes = Math.round(lines.reduce((sum, line) => sum + line.length, 0) / lines.length);
const deployRoles = ['arn:aws:iam::*:role/ci-*'];

describe(`${lines.length} CloudTrail records, ${averageBytes} bytes on average`, () => {
  bench('JSON.parse', () => {
    for (const line of lines) JSON.parse(line);
  });

  bench('JSON.parse + normalizeInput', () => {
    for (const line of lines) {
      const result = normalizeInput(JSON.parse(line), { deployRoles });
      if (!result.ok) throw result.error;
    }
  });

  bench('JSON.parse + CloudTrailRecordSchema.safeParse (not used on the hot path)', () => {
    for (const line of lines) {
      const result = CloudTrailRecordSchema.safeParse(JSON.parse(line));
      if (!result.success) throw result.error;
    }
  });
});

describe('normalization alone (records already parsed)', () => {
  bench('normalizeInput', () => {
    for (const record of records) {
      const result = normalizeInput(record, { deployRoles });
      if (!result.ok) throw result.error;
    }
  });
});
