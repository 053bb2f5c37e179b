import { describe, expect, it } from 'vitest';
import type { Finding } from '../findings/finding.js';
import { parseSettings } from '../settings/parse-settings.js';
import { MemoryState } from '../state/memory-state.js';
import { MemoryFindingStore } from './memory-finding-store.js';
import { createPipeline } from './pipeline.js';
import type { RecordOptions, RecordOutcome } from './ports.js';
import { summarizeResults } from './results.js';
import { fixture, ListDeadLetters, RecordingLogger, RecordingPublisher } from './testing/doubles.js';

const NOW = new Date('2026-11-02T12:00:00Z');

/** A memory store whose `record` fails for one rule, as a throttled or unreachable table would. */
class FailingForRuleStore extends MemoryFindingStore {
  constructor(readonly failingRule: string) {
    super();
  }
  override async record(finding: Finding, options: RecordOptions): Promise<RecordOutcome> {
    if (finding.ruleId === this.failingRule) throw new Error('DynamoDB at http://127.0.0.1:1 is unavailable');
    return super.record(finding, options);
  }
}

describe('processBatch', () => {
  it('sends malformed items to the dead-letter port with the reason and processes the rest', async () => {
    // Prepare
    const deadLetter = new ListDeadLetters();
    const publisher = new RecordingPublisher();
    const pipeline = createPipeline({
      settings: parseSettings({}),
      store: new MemoryFindingStore(),
      state: new MemoryState(),
      alerts: [{ channel: 'sns', publisher, minSeverity: 'info' }],
      deadLetter,
      logger: new RecordingLogger(),
      clock: () => NOW,
    });
    const items = [
      fixture('stop-logging-by-user'),
      42,
      { hello: 'world' },
      { 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} },
      fixture('console-login-failure'),
    ];
    // Act
    const results = await pipeline.processBatch(items, {
      sourceOf: (index) => ({ file: 'batch.json', index }),
    });
    // Assess
    expect(results.map((r) => r.kind)).toEqual(['processed', 'invalid', 'invalid', 'invalid', 'processed']);
    expect(deadLetter.letters.map((l) => [l.item, l.source?.index, l.errorName])).toEqual([
      [42, 1, 'ParseError'],
      [{ hello: 'world' }, 2, 'ParseError'],
      [items[3], 3, 'ParseError'],
    ]);
    for (const [index, letter] of deadLetter.letters.entries()) {
      const result = results[index + 1];
      expect(result?.kind === 'invalid' && result.deadLettered).toBe(true);
      expect(letter.reason).toBe(result?.kind === 'invalid' ? result.error.message : '');
      expect(letter.at).toBe(NOW.toISOString());
    }
    expect(deadLetter.letters[0]?.reason).toContain('number');
    expect(publisher.published).toHaveLength(2);
    expect(summarizeResults(results)).toMatchObject({
      items: 5,
      invalid: 3,
      findings: 2,
      new: 2,
      alerted: 2,
    });
  });

  it('keeps going when the store fails for one item, and marks that item incomplete', async () => {
    // Prepare
    const logger = new RecordingLogger();
    const store = new FailingForRuleStore('console-login-failure');
    const pipeline = createPipeline({
      settings: parseSettings({}),
      store,
      state: new MemoryState(),
      logger,
      clock: () => NOW,
    });
    // Act
    const results = await pipeline.processBatch([
      fixture('console-login-failure'),
      fixture('stop-logging-by-user'),
    ]);
    // Assess
    const [failed, ok] = results;
    expect(failed?.kind === 'processed' && failed.incomplete).toBe(true);
    expect(failed?.kind === 'processed' && failed.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('not recorded: DynamoDB at http://127.0.0.1:1 is unavailable'),
    ]);
    expect(ok?.kind === 'processed' && ok.findings[0]?.outcome).toBe('new');
    expect(store.size).toBe(1);
    expect(logger.at('error')).toHaveLength(1);
  });

  it('still detects in input order with in-memory state, so earlier events teach later ones', async () => {
    // Prepare: IAMFullAccess attached to ops-admin, then ops-admin's MFA removed → admin-level target
    const attach = {
      ...fixture('deactivate-mfa'),
      eventName: 'AttachUserPolicy',
      eventID: 'd0000000-0000-4000-8000-000000000001',
      eventTime: '2026-11-02T10:10:00Z',
      requestParameters: { userName: 'ops-admin', policyArn: 'arn:aws:iam::aws:policy/IAMFullAccess' },
    };
    const pipeline = createPipeline({
      settings: parseSettings({}),
      store: new MemoryFindingStore(),
      state: new MemoryState(),
      concurrency: 8,
      clock: () => NOW,
      logger: new RecordingLogger(),
    });
    // Act
    const results = await pipeline.processBatch([attach, fixture('deactivate-mfa')]);
    // Assess
    const last = results[1];
    const mfa =
      last?.kind === 'processed'
        ? last.findings.find((f) => f.finding.ruleId === 'mfa-device-removed')
        : undefined;
    expect(mfa?.finding.severity).toBe('critical');
  });

  it('returns one result per item, in input order, with bounded concurrency', async () => {
    // Prepare
    let inFlight = 0;
    let peak = 0;
    class SlowStore extends MemoryFindingStore {
      override async record(finding: Finding, options: RecordOptions): Promise<RecordOutcome> {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        return super.record(finding, options);
      }
    }
    const pipeline = createPipeline({
      settings: parseSettings({}),
      store: new SlowStore(),
      state: new MemoryState(),
      clock: () => NOW,
    });
    const items = Array.from({ length: 12 }, (_, i) => ({
      ...fixture('stop-logging-by-user'),
      eventID: `e0000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`,
      eventTime: `2026-11-02T${String(i).padStart(2, '0')}:00:00Z`,
    }));
    // Act
    const results = await pipeline.processBatch(items, { concurrency: 3 });
    // Assess
    expect(results.map((r) => (r.kind === 'processed' ? r.eventId : r.kind))).toEqual(
      items.map((i) => i.eventID),
    );
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThan(1);
  });
});
