import type { Category } from '../../packages/core/src/index.js';
import type { CloudTrailRecord, FixtureSequence, SkippedFixture } from './fixtures.js';
import type { Random } from './random.js';
import type { SampleRecord } from './records.js';
import { isoSeconds, parseIso, shiftTimestamps } from './time.js';
import type { Period } from './traffic.js';
import { ACCOUNTS, GLOBAL_SOURCES, REGIONS } from './world.js';

/**
 * Places rule fixtures into the sample: each fixture gets its own time slot (so the state one
 * fixture teaches cannot leak into another's judgement), an account and a region of the
 * archive (account ids and regions are swapped throughout the records' text, so ARNs, policies
 * and cross-account relations stay consistent), new event ids, and times inside the period.
 */

/** Gaps longer than this between a fixture's records shrink to it (still longer than any default threshold window). */
export const MAX_GAP_MS = 20 * 60_000;
/** Fixtures stay this far from the period's ends. */
const MARGIN_MS = 30 * 60_000;

export interface Placement {
  readonly ruleId: string;
  readonly category: Category;
  readonly name: string;
  readonly account: string;
  readonly region: string;
  /** `eventID` of the judged (last) record, as written into the sample. */
  readonly judgedEventId: string;
}

export interface Injection {
  readonly records: readonly SampleRecord[];
  readonly placements: readonly Placement[];
  readonly unplaced: readonly SkippedFixture[];
}

const ACCOUNT_IDS = ACCOUNTS.map((a) => a.id);
const ACCOUNT_PATTERN = /(?<!\d)\d{12}(?!\d)/g;
const REGION_PATTERN = /(?<![a-z-])(?:us|eu|ap|ca|sa|me|af|il|mx)-(?:[a-z]+-)+\d(?!\d)/g;

/**
 * Offsets of a fixture's records from its first one: the original gaps, each capped at
 * {@link MAX_GAP_MS}; unreadable or backwards times count as one second.
 *
 * @example
 * compressedOffsets(['2024-05-01T08:00:00Z', '2024-05-15T09:12:00Z']); // [0, 1_200_000]
 */
export function compressedOffsets(times: readonly (string | undefined)[]): number[] {
  const offsets: number[] = [];
  let previous: number | undefined;
  for (const time of times) {
    const ms = time === undefined ? undefined : parseIso(time);
    if (offsets.length === 0) offsets.push(0);
    else {
      const gap = ms !== undefined && previous !== undefined && ms >= previous ? ms - previous : 1000;
      offsets.push((offsets[offsets.length - 1] as number) + Math.min(gap, MAX_GAP_MS));
    }
    if (ms !== undefined) previous = ms;
  }
  return offsets;
}

/**
 * A substitution that swaps `from` and `to` wherever either occurs (both ways, so distinct
 * values stay distinct).
 */
function swap(from: string, to: string): Map<string, string> {
  return from === to
    ? new Map()
    : new Map([
        [from, to],
        [to, from],
      ]);
}

function substitute(text: string, pattern: RegExp, map: ReadonlyMap<string, string>): string {
  return map.size === 0 ? text : text.replace(pattern, (match) => map.get(match) ?? match);
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function accountOf(record: CloudTrailRecord): string | undefined {
  const identity = record.userIdentity;
  const actorAccount =
    identity !== null && typeof identity === 'object'
      ? str((identity as Record<string, unknown>).accountId)
      : undefined;
  return str(record.recipientAccountId) ?? actorAccount;
}

interface Candidate {
  readonly records: readonly CloudTrailRecord[];
  readonly accounts: readonly string[];
  readonly regions: readonly string[];
}

/** The fixture's records with accounts and regions swapped; undefined when not every record lands in the archive. */
function remap(
  sequence: FixtureSequence,
  accounts: Map<string, string>,
  regions: Map<string, string>,
): Candidate | undefined {
  const records = sequence.records.map(
    (record) =>
      JSON.parse(
        substitute(substitute(JSON.stringify(record), ACCOUNT_PATTERN, accounts), REGION_PATTERN, regions),
      ) as CloudTrailRecord,
  );
  const accountList = records.map((r) => accountOf(r) ?? '');
  const regionList = records.map((r) => str(r.awsRegion) ?? '');
  if (!accountList.every((a) => ACCOUNT_IDS.includes(a)) || !regionList.every((r) => REGIONS.includes(r)))
    return undefined;
  return { records, accounts: accountList, regions: regionList };
}

/**
 * True when reading the archive the way the CLI does (by account, then region, then time)
 * meets the records in the fixture's order, so earlier records can teach the state the
 * judged one needs.
 */
function inReadingOrder(candidate: Candidate): boolean {
  for (let i = 1; i < candidate.records.length; i++) {
    const before = `${candidate.accounts[i - 1]}/${candidate.regions[i - 1]}`;
    const after = `${candidate.accounts[i]}/${candidate.regions[i]}`;
    if (before > after) return false;
  }
  return true;
}

function choose(sequence: FixtureSequence, rng: Random): Candidate | undefined {
  const judged = sequence.records[sequence.records.length - 1] as CloudTrailRecord;
  const homeAccount = accountOf(judged) ?? ACCOUNT_IDS[0] ?? '';
  const homeRegion = str(judged.awsRegion) ?? REGIONS[0] ?? '';
  const global = sequence.records.some((r) => GLOBAL_SOURCES.has(str(r.eventSource) ?? ''));
  // Global services are recorded in us-east-1: keep their fixtures there; move the rest around.
  const regionTargets = global
    ? [REGIONS.includes(homeRegion) ? homeRegion : (REGIONS[0] as string)]
    : rng.shuffle(REGIONS);
  for (const account of rng.shuffle(ACCOUNT_IDS)) {
    for (const region of regionTargets) {
      const regions = swap(homeRegion, region);
      // Regions the archive does not have (a fixture's second region) move to one it has.
      for (const record of sequence.records) {
        const own = str(record.awsRegion);
        if (own === undefined || REGIONS.includes(regions.get(own) ?? own)) continue;
        const free = REGIONS.find(
          (r) => ![...regions.values()].includes(r) && ![...regions.keys()].includes(r),
        );
        if (free !== undefined) for (const [k, v] of swap(own, free)) regions.set(k, v);
      }
      const candidate = remap(sequence, swap(homeAccount, account), regions);
      if (candidate && inReadingOrder(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * Places every fixture sequence in the period, one after the other in a shuffled order.
 *
 * @example
 * const { records, placements } = placeFixtures(sequences, new Random('seed/fixtures'), period);
 */
export function placeFixtures(sequences: readonly FixtureSequence[], rng: Random, period: Period): Injection {
  const order = rng.shuffle(sequences);
  const offsets = order.map((s) => compressedOffsets(s.records.map((r) => str(r.eventTime))));
  const spans = offsets.map((o) => o[o.length - 1] ?? 0);
  const usable = period.endMs - period.startMs - 2 * MARGIN_MS;
  const spacing = Math.max(
    60_000,
    Math.floor((usable - spans.reduce((a, b) => a + b, 0)) / Math.max(1, order.length)),
  );
  const records: SampleRecord[] = [];
  const placements: Placement[] = [];
  const unplaced: SkippedFixture[] = [];
  let cursor = period.startMs + MARGIN_MS;
  order.forEach((sequence, index) => {
    const start = cursor + rng.int(0, Math.floor(spacing / 2));
    const own = offsets[index] as number[];
    cursor = start + (spans[index] ?? 0) + Math.ceil(spacing / 2);
    const candidate = choose(sequence, rng);
    if (!candidate) {
      unplaced.push({
        ruleId: sequence.ruleId,
        name: sequence.name,
        reason: 'its records span accounts or regions in an order the archive cannot keep',
      });
      return;
    }
    let judgedEventId = '';
    candidate.records.forEach((original, i) => {
      const timeMs = Math.floor((start + (own[i] ?? 0)) / 1000) * 1000;
      const oldMs = parseIso(str(original.eventTime) ?? '');
      const record = shiftTimestamps(original, oldMs === undefined ? 0 : timeMs - oldMs) as CloudTrailRecord;
      const account = candidate.accounts[i] as string;
      record.eventTime = isoSeconds(timeMs);
      record.eventID = rng.uuid();
      record.recipientAccountId = account;
      const judged = i === candidate.records.length - 1;
      if (judged) judgedEventId = record.eventID as string;
      records.push({
        account,
        region: candidate.regions[i] as string,
        timeMs,
        record,
        fixture: { ruleId: sequence.ruleId, name: sequence.name, judged },
      });
    });
    placements.push({
      ruleId: sequence.ruleId,
      category: sequence.category,
      name: sequence.name,
      account: candidate.accounts[candidate.accounts.length - 1] as string,
      region: candidate.regions[candidate.regions.length - 1] as string,
      judgedEventId,
    });
  });
  return { records, placements, unplaced };
}
