import { beforeEach, describe, expect, it } from 'vitest';
import { parseSettings } from '../settings/parse-settings.js';
import { MemoryState } from '../state/memory-state.js';
import type { AlertRoute } from './alert-routing.js';
import { MemoryFindingStore } from './memory-finding-store.js';
import { createPipeline, type PipelineDeps } from './pipeline.js';
import type { FindingResult, ProcessResult } from './results.js';
import { fixture, RecordingLogger, RecordingPublisher, variant } from './testing/doubles.js';

const NOW = new Date('2026-11-02T12:00:00Z');

function findingsOf(result: ProcessResult): readonly FindingResult[] {
  if (result.kind !== 'processed') throw new Error(`expected a processed item, got ${result.kind}`);
  return result.findings;
}

function only(result: ProcessResult): FindingResult {
  const findings = findingsOf(result);
  expect(findings).toHaveLength(1);
  return findings[0]!;
}

describe('createPipeline: record, dedupe, alert', () => {
  let store: MemoryFindingStore;
  let publisher: RecordingPublisher;
  let logger: RecordingLogger;

  const build = (settings: unknown = {}, extra: Partial<PipelineDeps> = {}) =>
    createPipeline({
      settings: parseSettings(settings),
      store,
      state: new MemoryState(),
      alerts: [{ channel: 'sns', publisher, minSeverity: 'info' }],
      logger,
      clock: () => NOW,
      ...extra,
    });

  beforeEach(() => {
    store = new MemoryFindingStore();
    publisher = new RecordingPublisher();
    logger = new RecordingLogger();
  });

  it('records a new finding, alerts it and marks it alerted', async () => {
    // Prepare
    const pipeline = build();
    // Act
    const result = only(await pipeline.process(fixture('stop-logging-by-user')));
    // Assess
    expect(result.outcome).toBe('new');
    expect(result.alerted).toBe(true);
    expect(result.alert?.channels).toEqual(['sns']);
    expect(publisher.published.map((f) => f.ruleId)).toEqual(['cloudtrail-logging-stopped']);
    const stored = await store.get(result.finding.id);
    expect(stored).toMatchObject({ status: 'open', count: 1, alerted: true, alertedAt: NOW.toISOString() });
  });

  it('records a redelivered record once and does not alert it again', async () => {
    // Prepare
    const pipeline = build();
    const record = fixture('stop-logging-by-user');
    // Act
    await pipeline.process(record);
    const again = only(await pipeline.process(record));
    // Assess
    expect(again.outcome).toBe('duplicate');
    expect(again.alerted).toBe(false);
    expect(publisher.published).toHaveLength(1);
    expect(store.size).toBe(1);
  });

  it('counts a repeat inside the dedupe window on the open finding without alerting', async () => {
    // Prepare
    const pipeline = build();
    const record = fixture('stop-logging-by-user');
    // Act
    const first = only(await pipeline.process(record));
    const repeat = only(
      await pipeline.process(variant(record, 'a0000000-0000-4000-8000-000000000001', '2026-11-02T10:35:00Z')),
    );
    // Assess
    expect(repeat.outcome).toBe('repeat');
    expect(repeat.stored).toMatchObject({ id: first.finding.id, count: 2, lastSeen: '2026-11-02T10:35:00Z' });
    expect(publisher.published).toHaveLength(1);
  });

  it('opens a new finding, and alerts, once the window has passed', async () => {
    // Prepare: cloudtrail-logging-stopped has a 30-minute window
    const pipeline = build();
    const record = fixture('stop-logging-by-user');
    // Act
    await pipeline.process(record);
    const later = only(
      await pipeline.process(variant(record, 'a0000000-0000-4000-8000-000000000002', '2026-11-02T11:00:00Z')),
    );
    // Assess
    expect(later.outcome).toBe('new');
    expect(publisher.published).toHaveLength(2);
  });

  it('uses the dedupe window of the settings', async () => {
    // Prepare
    const pipeline = build({ rules: { 'cloudtrail-logging-stopped': { dedupeWindowMinutes: 120 } } });
    const record = fixture('stop-logging-by-user');
    // Act
    await pipeline.process(record);
    const later = only(
      await pipeline.process(variant(record, 'a0000000-0000-4000-8000-000000000003', '2026-11-02T11:00:00Z')),
    );
    // Assess
    expect(later.outcome).toBe('repeat');
  });

  it('does not move lastSeen backwards for a late, out-of-order repeat', async () => {
    // Prepare
    const pipeline = build();
    const record = fixture('stop-logging-by-user');
    await pipeline.process(record);
    await pipeline.process(variant(record, 'a0000000-0000-4000-8000-000000000004', '2026-11-02T10:40:00Z'));
    // Act
    const late = only(
      await pipeline.process(variant(record, 'a0000000-0000-4000-8000-000000000005', '2026-11-02T10:05:00Z')),
    );
    // Assess
    expect(late.outcome).toBe('repeat');
    expect(late.stored).toMatchObject({
      count: 3,
      firstSeen: '2026-11-02T10:05:00Z',
      lastSeen: '2026-11-02T10:40:00Z',
    });
  });
});

describe('createPipeline: deploy pipelines and routing', () => {
  it.each([
    {
      name: 'lowers a deploy role finding by the configured steps',
      lowerBy: 1,
      record: 'stop-logging-by-deploy-role',
      severity: 'high',
      adjusted: true,
    },
    {
      name: 'lowers by several steps',
      lowerBy: 3,
      record: 'stop-logging-by-deploy-role',
      severity: 'low',
      adjusted: true,
    },
    {
      name: 'keeps the severity when lowering is 0',
      lowerBy: 0,
      record: 'stop-logging-by-deploy-role',
      severity: 'critical',
      adjusted: false,
    },
    {
      name: 'does not lower a person',
      lowerBy: 2,
      record: 'stop-logging-by-user',
      severity: 'critical',
      adjusted: false,
    },
  ])('$name', async ({ lowerBy, record, severity, adjusted }) => {
    // Prepare
    const store = new MemoryFindingStore();
    const pipeline = createPipeline({
      settings: parseSettings({ deployPipeline: { lowerSeverityBy: lowerBy } }),
      store,
      state: new MemoryState(),
      clock: () => NOW,
      logger: new RecordingLogger(),
    });
    // Act
    const result = only(await pipeline.process(fixture(record)));
    // Assess
    expect(result.finding.severity).toBe(severity);
    expect((await store.get(result.finding.id))?.severity).toBe(severity);
    if (adjusted)
      expect(result.finding.context.severityAdjustment).toMatchObject({ from: 'critical', to: severity });
    else expect(result.finding.context.severityAdjustment).toBeUndefined();
  });

  it('sends each finding only to the channels whose minimum it reaches', async () => {
    // Prepare
    const store = new MemoryFindingStore();
    const console = new RecordingPublisher();
    const slack = new RecordingPublisher();
    const routes: AlertRoute[] = [
      { channel: 'console', publisher: console, minSeverity: 'low' },
      { channel: 'slack', publisher: slack, minSeverity: 'high' },
    ];
    const pipeline = createPipeline({
      settings: parseSettings({}),
      store,
      state: new MemoryState(),
      alerts: routes,
      clock: () => NOW,
    });
    // Act
    const low = only(await pipeline.process(fixture('console-login-failure')));
    const critical = only(await pipeline.process(fixture('stop-logging-by-user')));
    // Assess
    expect(low.finding.severity).toBe('low');
    expect(low.alert?.channels).toEqual(['console']);
    expect(critical.alert?.channels.toSorted()).toEqual(['console', 'slack']);
    expect(console.published.map((f) => f.id)).toEqual([low.finding.id, critical.finding.id]);
    expect(slack.published.map((f) => f.id)).toEqual([critical.finding.id]);
  });

  it('marks a finding no channel takes as handled, so the outbox does not keep it', async () => {
    // Prepare
    const store = new MemoryFindingStore();
    const slack = new RecordingPublisher();
    const pipeline = createPipeline({
      settings: parseSettings({}),
      store,
      state: new MemoryState(),
      alerts: [{ channel: 'slack', publisher: slack, minSeverity: 'high' }],
      clock: () => NOW,
    });
    // Act
    const low = only(await pipeline.process(fixture('console-login-failure')));
    // Assess
    expect(low.alerted).toBe(false);
    expect(low.alert?.status).toBe('not-routed');
    expect(slack.calls).toBe(0);
    expect(await store.listUnalerted(10)).toEqual([]);
  });
});
