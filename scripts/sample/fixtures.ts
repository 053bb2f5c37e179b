import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Category, type Rule, splitDocument } from '../../packages/core/src/index.js';

/**
 * The positive fixtures of the catalog's rules, as sequences of raw CloudTrail records ready to
 * be injected into the sample: EventBridge events give their `detail`, lookup-events entries
 * their parsed `CloudTrailEvent`, log files their records in order (the last one is judged).
 */

export type CloudTrailRecord = Record<string, unknown>;

export interface FixtureSequence {
  readonly ruleId: string;
  readonly category: Category;
  /** File name, e.g. `match-stop-logging.json`. */
  readonly name: string;
  readonly records: readonly CloudTrailRecord[];
}

export interface SkippedFixture {
  readonly ruleId: string;
  readonly name: string;
  readonly reason: string;
}

export interface LoadedFixtures {
  readonly sequences: readonly FixtureSequence[];
  readonly skipped: readonly SkippedFixture[];
}

const CLOUDTRAIL_DETAIL_TYPE = / via CloudTrail$/;

function isBag(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The CloudTrail record inside one fixture item, or why there is none. */
export function recordOf(item: unknown): CloudTrailRecord | string {
  if (!isBag(item)) return 'item is not an object';
  const detailType = item['detail-type'];
  if (detailType !== undefined) {
    if (typeof detailType !== 'string' || !CLOUDTRAIL_DETAIL_TYPE.test(detailType)) {
      return `EventBridge detail-type ${JSON.stringify(detailType)} is not a CloudTrail record`;
    }
    return isBag(item.detail) ? recordOf(item.detail) : 'EventBridge event without a detail';
  }
  if (typeof item.CloudTrailEvent === 'string') {
    try {
      return recordOf(JSON.parse(item.CloudTrailEvent));
    } catch (error) {
      return `CloudTrailEvent is not JSON: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  if (typeof item.eventName !== 'string' || typeof item.eventSource !== 'string') {
    return 'not a CloudTrail record (no eventSource/eventName)';
  }
  return item;
}

/**
 * Loads every `match-*.json` fixture of the given rules from `rulesDir/<id>/fixtures/`, in
 * catalog order and file-name order. Fixtures that need settings (the sample is scanned
 * with the defaults) or that are not CloudTrail records (AWS Config events) are skipped,
 * with the reason.
 *
 * @example
 * const { sequences, skipped } = loadFixtureSequences('packages/core/src/rules', CATALOG);
 */
export function loadFixtureSequences(rulesDir: string, rules: readonly Rule[]): LoadedFixtures {
  const sequences: FixtureSequence[] = [];
  const skipped: SkippedFixture[] = [];
  for (const rule of rules) {
    const dir = join(rulesDir, rule.id, 'fixtures');
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir)
      .filter((file) => file.startsWith('match-') && file.endsWith('.json'))
      .sort();
    for (const name of files) {
      const skip = (reason: string) => skipped.push({ ruleId: rule.id, name, reason });
      let document: unknown;
      try {
        document = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      } catch (error) {
        skip(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      if (isBag(document) && document.settings !== undefined) {
        skip('needs settings the default scan does not have');
        continue;
      }
      const records: CloudTrailRecord[] = [];
      let problem: string | undefined;
      for (const item of splitDocument(document) ?? [document]) {
        const record = recordOf(item);
        if (typeof record === 'string') {
          problem = record;
          break;
        }
        records.push(record);
      }
      if (problem !== undefined) skip(problem);
      else if (records.length === 0) skip('no records');
      else sequences.push({ ruleId: rule.id, category: rule.category, name, records });
    }
  }
  return { sequences, skipped };
}
