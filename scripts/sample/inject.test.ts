import { describe, expect, it } from 'vitest';
import { loadFixtureSequences } from './fixtures.js';
import { compressedOffsets, MAX_GAP_MS, placeFixtures } from './inject.js';
import { Random } from './random.js';
import type { SampleRecord } from './records.js';
import { DEMO_RULE, DEMO_RULES_DIR } from './test-support.js';
import { parseIso } from './time.js';
import type { Period } from './traffic.js';
import { ACCOUNTS, HOME_REGION, REGIONS } from './world.js';

const PERIOD: Period = { startMs: Date.UTC(2024, 4, 14), endMs: Date.UTC(2024, 4, 16) };
const { sequences } = loadFixtureSequences(DEMO_RULES_DIR, [DEMO_RULE]);

function placed(seed: string) {
  return placeFixtures(sequences, new Random(seed), PERIOD);
}

function ofFixture(records: readonly SampleRecord[], name: string): SampleRecord[] {
  return records.filter((r) => r.fixture?.name === name);
}

describe('compressedOffsets', () => {
  it.each([
    { name: 'one record', times: ['2024-05-14T10:00:00Z'], expected: [0] },
    {
      name: 'short gaps kept',
      times: ['2024-05-14T10:00:00Z', '2024-05-14T10:01:30Z', '2024-05-14T10:03:00Z'],
      expected: [0, 90_000, 180_000],
    },
    {
      name: 'long gaps capped',
      times: ['2024-05-01T08:00:00Z', '2024-05-15T09:12:00Z'],
      expected: [0, MAX_GAP_MS],
    },
    {
      name: 'equal times stay equal',
      times: ['2024-05-14T10:00:00Z', '2024-05-14T10:00:00Z'],
      expected: [0, 0],
    },
    {
      name: 'missing or backwards times count one second',
      times: ['2024-05-14T10:00:00Z', undefined, '2024-05-14T09:00:00Z'],
      expected: [0, 1000, 2000],
    },
  ])('$name', ({ times, expected }) => {
    expect(compressedOffsets(times)).toEqual(expected);
  });
});

describe('placeFixtures', () => {
  const injection = placed('inject-test');

  it('places every fixture, marking the judged record', () => {
    expect(injection.unplaced).toEqual([]);
    expect(injection.placements.map((p) => p.name).sort()).toEqual(sequences.map((s) => s.name).sort());
    for (const placement of injection.placements) {
      const judged = injection.records.filter((r) => r.fixture?.name === placement.name && r.fixture.judged);
      expect(judged.map((r) => r.record.eventID)).toEqual([placement.judgedEventId]);
    }
  });

  it('puts each record in an archive account and region, with its time and a new event id', () => {
    const originalIds = new Set(sequences.flatMap((s) => s.records.map((r) => r.eventID)));
    const ids = injection.records.map((r) => r.record.eventID);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { account, region, timeMs, record } of injection.records) {
      expect(ACCOUNTS.map((a) => a.id)).toContain(account);
      expect(REGIONS).toContain(region);
      expect(record.recipientAccountId).toBe(account);
      expect(record.awsRegion).toBe(region);
      expect(originalIds.has(record.eventID)).toBe(false);
      expect(parseIso(record.eventTime as string)).toBe(timeMs);
      expect(timeMs).toBeGreaterThanOrEqual(PERIOD.startMs);
      expect(timeMs).toBeLessThan(PERIOD.endMs);
    }
  });

  it('keeps a cross-account sequence consistent and in the order the archive is read', () => {
    // Prepare
    const [trail, deletion] = ofFixture(injection.records, 'match-log-file-sequence.json');
    if (!trail || !deletion) throw new Error('sequence not placed');
    const bucket = (trail.record.requestParameters as Record<string, string>).s3BucketName;

    // Assess: the accounts were swapped everywhere, so the trail still logs to the deleted bucket
    // and the bucket's name still carries the log archive account's id.
    expect(`${trail.account}/${trail.region}` <= `${deletion.account}/${deletion.region}`).toBe(true);
    expect(trail.account).not.toBe(deletion.account);
    expect((deletion.record.requestParameters as Record<string, string>).bucketName).toBe(bucket);
    expect(bucket).toBe(`log-archive-${deletion.account}`);
    expect((trail.record.responseElements as Record<string, string>).trailARN).toContain(
      `:${trail.account}:trail/`,
    );
    expect(deletion.timeMs - trail.timeMs).toBe(MAX_GAP_MS);
  });

  it('shifts the other timestamps of a record with its event time', () => {
    const [trail] = ofFixture(injection.records, 'match-log-file-sequence.json');
    const identity = trail?.record.userIdentity as {
      sessionContext: { attributes: { creationDate: string } };
    };
    expect((trail?.timeMs ?? 0) - (parseIso(identity.sessionContext.attributes.creationDate) ?? 0)).toBe(
      120_000,
    );
  });

  it('keeps IAM fixtures in us-east-1', () => {
    for (const name of ['match-eventbridge-iam.json', 'match-lookup-entry.json']) {
      expect(ofFixture(injection.records, name).map((r) => r.region)).toEqual([HOME_REGION]);
    }
  });

  it('is deterministic', () => {
    expect(placed('inject-test')).toEqual(injection);
    expect(placed('another-seed').records.map((r) => r.record.eventID)).not.toEqual(
      injection.records.map((r) => r.record.eventID),
    );
  });
});
