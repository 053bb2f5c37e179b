import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isoSeconds, LOG_FILE_KEY, logFileKey, shiftTimestamp, shiftTimestamps } from './time.js';

interface ShiftCase {
  readonly name: string;
  readonly value: string;
  readonly deltaMs: number;
  readonly expected: string | null;
}

const SHIFT_CASES = JSON.parse(
  readFileSync(new URL('./fixtures/timestamps.json', import.meta.url), 'utf8'),
) as ShiftCase[];

describe('shiftTimestamp', () => {
  it.each(SHIFT_CASES)('$name', ({ value, deltaMs, expected }) => {
    expect(shiftTimestamp(value, deltaMs) ?? null).toBe(expected);
  });
});

describe('shiftTimestamps', () => {
  it('moves timestamps anywhere in a record and leaves everything else alone', () => {
    // Prepare
    const record = {
      eventTime: '2024-05-14T10:00:00Z',
      userIdentity: {
        sessionContext: { attributes: { creationDate: '2024-05-14T09:58:00Z', mfaAuthenticated: 'true' } },
      },
      responseElements: { accessKey: { createDate: 'May 14, 2024 10:00:00 AM', status: 'Active' } },
      list: ['2024-05-14T10:00:00Z', 7, null],
    };

    // Act
    const shifted = shiftTimestamps(record, 60_000);

    // Assess
    expect(shifted).toEqual({
      eventTime: '2024-05-14T10:01:00Z',
      userIdentity: {
        sessionContext: { attributes: { creationDate: '2024-05-14T09:59:00Z', mfaAuthenticated: 'true' } },
      },
      responseElements: { accessKey: { createDate: 'May 14, 2024 10:01:00 AM', status: 'Active' } },
      list: ['2024-05-14T10:01:00Z', 7, null],
    });
  });
});

describe('logFileKey', () => {
  it('writes the S3 key CloudTrail uses', () => {
    const key = logFileKey('111122223333', 'eu-west-1', Date.UTC(2024, 4, 14, 23, 5), 'Ab12Cd34Ef56Gh78');
    expect(key).toBe(
      'AWSLogs/111122223333/CloudTrail/eu-west-1/2024/05/14/111122223333_CloudTrail_eu-west-1_20240514T2305Z_Ab12Cd34Ef56Gh78.json.gz',
    );
    expect(key).toMatch(LOG_FILE_KEY);
  });

  it('is not matched by a key whose parts disagree', () => {
    expect(
      'AWSLogs/111122223333/CloudTrail/eu-west-1/2024/05/14/444455556666_CloudTrail_eu-west-1_20240514T2305Z_Ab12Cd34Ef56Gh78.json.gz',
    ).not.toMatch(LOG_FILE_KEY);
  });
});

describe('isoSeconds', () => {
  it('drops milliseconds, as eventTime does', () => {
    expect(isoSeconds(Date.UTC(2024, 4, 14, 9, 5, 7, 999))).toBe('2024-05-14T09:05:07Z');
  });
});
