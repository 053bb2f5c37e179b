import { describe, expect, it } from 'vitest';
import { parseSettings } from '../settings/parse-settings.js';
import { MemoryState } from '../state/memory-state.js';
import { MemoryFindingStore } from './memory-finding-store.js';
import { retryUnalerted } from './outbox.js';
import { createPipeline } from './pipeline.js';
import { fixture, RecordingLogger, RecordingPublisher } from './testing/doubles.js';

const NOW = new Date('2026-11-02T12:00:00Z');
const LATER = new Date('2026-11-02T12:30:00Z');

async function recordWhileSnsIsDown() {
  const store = new MemoryFindingStore();
  const sns = new RecordingPublisher();
  sns.failWith = new Error('SNS: Service Unavailable');
  const logger = new RecordingLogger();
  const pipeline = createPipeline({
    settings: parseSettings({}),
    store,
    state: new MemoryState(),
    alerts: [{ channel: 'sns', publisher: sns, minSeverity: 'info' }],
    logger,
    clock: () => NOW,
  });
  const results = await pipeline.processBatch([
    fixture('stop-logging-by-user'),
    fixture('console-login-failure'),
  ]);
  return { store, sns, logger, results };
}

describe('a failed publish leaves the finding unalerted for the outbox', () => {
  it('keeps the finding, reports the failure and lists it as unalerted', async () => {
    // Act
    const { store, logger, results } = await recordWhileSnsIsDown();
    // Assess
    const first = results[0];
    const finding = first?.kind === 'processed' ? first.findings[0] : undefined;
    expect(finding?.outcome).toBe('new');
    expect(finding?.alerted).toBe(false);
    expect(finding?.alert?.status).toBe('failed');
    expect(finding?.errors.map((e) => e.stage)).toEqual(['alert']);
    expect(finding?.errors[0]?.message).toContain('SNS: Service Unavailable');
    expect((await store.listUnalerted(10)).map((f) => f.ruleId).toSorted()).toEqual([
      'cloudtrail-logging-stopped',
      'console-login-failure',
    ]);
    expect(logger.at('error')).toHaveLength(2);
  });

  it('retryUnalerted delivers them once SNS is back, then has nothing left', async () => {
    // Prepare
    const { store, sns } = await recordWhileSnsIsDown();
    sns.failWith = undefined;
    // Act
    const report = await retryUnalerted(store, sns, { limit: 10, clock: () => LATER });
    const again = await retryUnalerted(store, sns, { limit: 10, clock: () => LATER });
    // Assess
    expect(report.attempted).toBe(2);
    expect(report.delivered).toHaveLength(2);
    expect(report.failed).toEqual([]);
    expect(sns.published).toHaveLength(2);
    for (const id of report.delivered) {
      expect(await store.get(id)).toMatchObject({ alerted: true, alertedAt: LATER.toISOString() });
    }
    expect(again).toEqual({ attempted: 0, delivered: [], notRouted: [], failed: [] });
  });

  it('retryUnalerted leaves findings unalerted while the publisher still fails, and honours the limit', async () => {
    // Prepare
    const { store, sns } = await recordWhileSnsIsDown();
    sns.failWith = undefined;
    sns.throwWith = new Error('socket hang up');
    // Act
    const report = await retryUnalerted(store, sns, { limit: 1, clock: () => LATER });
    // Assess
    expect(report.attempted).toBe(1);
    expect(report.failed).toHaveLength(1);
    expect(report.failed[0]?.errors[0]?.message).toContain('socket hang up');
    expect(await store.listUnalerted(10)).toHaveLength(2);
  });

  it('retryUnalerted routes by severity: a finding below every route is marked, not sent', async () => {
    // Prepare
    const { store } = await recordWhileSnsIsDown();
    const slack = new RecordingPublisher();
    // Act
    const report = await retryUnalerted(
      store,
      [{ channel: 'slack', publisher: slack, minSeverity: 'high' }],
      {
        limit: 10,
        clock: () => LATER,
      },
    );
    // Assess
    expect(slack.published.map((f) => f.ruleId)).toEqual(['cloudtrail-logging-stopped']);
    expect(report.delivered).toHaveLength(1);
    expect(report.notRouted).toHaveLength(1);
    expect(await store.listUnalerted(10)).toEqual([]);
  });
});
