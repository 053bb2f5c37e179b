import { describe, expect, it } from 'vitest';
import { parseSettings } from '../settings/parse-settings.js';
import { MemoryState } from '../state/memory-state.js';
import { MemoryFindingStore } from './memory-finding-store.js';
import { createPipeline } from './pipeline.js';
import type { FindingResult, ProcessResult } from './results.js';
import {
  fixture,
  RecordingLogger,
  RecordingPublisher,
  RecordingRemediation,
  variant,
} from './testing/doubles.js';

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

describe('createPipeline: suppressions', () => {
  const suppression = (expires: string) => ({
    id: 'ci-build-users',
    owner: 'platform-team',
    reason: 'CI creates short-lived build users',
    expires,
    principals: ['arn:aws:iam::444455556666:role/ci-*'],
    rules: ['iam-user-created'],
  });

  it('records a suppressed finding as suppressed, without alert or remediation', async () => {
    // Prepare
    const store = new MemoryFindingStore();
    const publisher = new RecordingPublisher();
    const remediation = new RecordingRemediation();
    const pipeline = createPipeline({
      settings: parseSettings({
        suppressions: [suppression('2027-01-31')],
        rules: { 'iam-user-created': { remediation: 'auto' } },
      }),
      store,
      state: new MemoryState(),
      alerts: [{ channel: 'sns', publisher, minSeverity: 'info' }],
      remediation,
      logger: new RecordingLogger(),
      clock: () => NOW,
    });
    // Act
    const result = only(await pipeline.process(fixture('create-user-by-ci-role')));
    // Assess
    expect(result.outcome).toBe('new');
    expect(result.suppressed).toEqual({
      id: 'ci-build-users',
      owner: 'platform-team',
      reason: 'CI creates short-lived build users',
      expires: '2027-01-31T00:00:00Z',
    });
    expect(result.alerted).toBe(false);
    expect(publisher.calls).toBe(0);
    expect(remediation.handed).toEqual([]);
    expect((await store.get(result.finding.id))?.status).toBe('suppressed');
    expect(await store.listUnalerted(10)).toEqual([]);
  });

  it('stops applying an expired suppression and logs it once per suppression', async () => {
    // Prepare
    const store = new MemoryFindingStore();
    const publisher = new RecordingPublisher();
    const logger = new RecordingLogger();
    const pipeline = createPipeline({
      settings: parseSettings({ suppressions: [suppression('2026-11-01T00:00:00Z')] }),
      store,
      state: new MemoryState(),
      alerts: [{ channel: 'sns', publisher, minSeverity: 'info' }],
      logger,
      clock: () => NOW,
    });
    const record = fixture('create-user-by-ci-role');
    // Act
    const first = only(await pipeline.process(record));
    const second = only(
      await pipeline.process({
        ...variant(record, 'b0000000-0000-4000-8000-000000000001', '2026-11-02T10:30:00Z'),
        requestParameters: { userName: 'it-build-4412' },
      }),
    );
    // Assess
    expect(first.suppressed).toBeUndefined();
    expect(first.alerted).toBe(true);
    expect(second.suppressed).toBeUndefined();
    const warnings = logger.at('warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toBe(
      'suppression ci-build-users (owner platform-team) expired at 2026-11-01T00:00:00Z and no longer applies',
    );
    expect(warnings[0]?.data).toMatchObject({ suppressionId: 'ci-build-users', owner: 'platform-team' });
  });
});

describe('createPipeline: remediation', () => {
  const build = (mode: string, remediation: RecordingRemediation, logger = new RecordingLogger()) =>
    createPipeline({
      settings: parseSettings({ rules: { 'cloudtrail-logging-stopped': { remediation: mode } } }),
      store: new MemoryFindingStore(),
      state: new MemoryState(),
      remediation,
      logger,
      clock: () => NOW,
    });

  it.each([
    { mode: 'auto', handed: 1 },
    { mode: 'dry-run', handed: 1 },
    { mode: 'off', handed: 0 },
  ])('mode $mode: handed over $handed time(s)', async ({ mode, handed }) => {
    // Prepare
    const remediation = new RecordingRemediation();
    const pipeline = build(mode, remediation);
    // Act
    const result = only(await pipeline.process(fixture('stop-logging-by-user')));
    // Assess
    expect(remediation.handed).toHaveLength(handed);
    if (handed > 0) {
      expect(result.remediation).toBe('handed-over');
      expect(remediation.handed[0]?.request).toEqual({ mode, actions: ['cloudtrail-restart-logging'] });
      expect(remediation.handed[0]?.event.eventName).toBe('StopLogging');
    } else {
      expect(result.remediation).toBeUndefined();
    }
  });

  it('hands over repeats (the change happened again) but not duplicates', async () => {
    // Prepare
    const remediation = new RecordingRemediation();
    const pipeline = build('auto', remediation);
    const record = fixture('stop-logging-by-user');
    const repeat = variant(record, 'c0000000-0000-4000-8000-000000000001', '2026-11-02T10:20:00Z');
    // Act
    await pipeline.process(record);
    await pipeline.process(record);
    await pipeline.process(repeat);
    // Assess
    expect(remediation.handed.map((h) => h.event.eventId)).toEqual([record.eventID, repeat.eventID]);
  });

  it('contains a remediation failure: logged, reported, the finding still recorded and alerted', async () => {
    // Prepare
    const remediation = new RecordingRemediation();
    remediation.failWith = new Error('AccessDenied: not authorized to perform cloudtrail:StartLogging');
    const logger = new RecordingLogger();
    const publisher = new RecordingPublisher();
    const store = new MemoryFindingStore();
    const pipeline = createPipeline({
      settings: parseSettings({ rules: { 'cloudtrail-logging-stopped': { remediation: 'auto' } } }),
      store,
      state: new MemoryState(),
      alerts: [{ channel: 'sns', publisher, minSeverity: 'info' }],
      remediation,
      logger,
      clock: () => NOW,
    });
    // Act
    const result = await pipeline.process(fixture('stop-logging-by-user'));
    // Assess
    const finding = only(result);
    expect(finding.remediation).toBe('failed');
    expect(finding.alerted).toBe(true);
    expect(finding.errors.map((e) => e.stage)).toEqual(['remediate']);
    expect(result.kind === 'processed' && result.incomplete).toBe(false);
    expect(logger.at('error')[0]?.message).toContain('AccessDenied');
    expect((await store.get(finding.finding.id))?.status).toBe('open');
  });
});
