import { describe, expect, it } from 'vitest';
import { parseSettings } from '../settings/parse-settings.js';
import { MemoryState } from '../state/memory-state.js';
import { MemoryFindingStore } from './memory-finding-store.js';
import { createPipeline } from './pipeline.js';
import type { FindingStore } from './ports.js';
import { fixture, RecordingLogger } from './testing/doubles.js';

const NOW = new Date('2026-11-02T13:00:00Z');

/** The memory store seen through the port's required methods only (no resolveOpenByResource). */
function withoutResolve(store: MemoryFindingStore): FindingStore {
  return {
    record: (finding, options) => store.record(finding, options),
    get: (id) => store.get(id),
    list: (query) => store.list(query),
    transition: (id, request) => store.transition(id, request),
    markAlerted: (id, at) => store.markAlerted(id, at),
    listUnalerted: (limit) => store.listUnalerted(limit),
  };
}

describe('Config COMPLIANT resolves the matching open finding', () => {
  it.each([
    { name: 'with the store’s resolveOpenByResource', port: (s: MemoryFindingStore): FindingStore => s },
    { name: 'through list and transition', port: withoutResolve },
  ])('$name', async ({ port }) => {
    // Prepare: two Config rules flag the same security group
    const memory = new MemoryFindingStore();
    const pipeline = createPipeline({
      settings: parseSettings({}),
      store: port(memory),
      state: new MemoryState(),
      clock: () => NOW,
      logger: new RecordingLogger(),
    });
    const ssh = await pipeline.process(fixture('config-ssh-noncompliant'));
    const ports = await pipeline.process(fixture('config-ports-noncompliant'));
    const sshId = ssh.kind === 'processed' ? ssh.findings[0]?.finding.id : undefined;
    const portsId = ports.kind === 'processed' ? ports.findings[0]?.finding.id : undefined;
    // Act
    const result = await pipeline.process(fixture('config-ssh-compliant'));
    // Assess
    expect(result.kind === 'processed' && result.resolved.map((f) => f.id)).toEqual([sshId]);
    const resolved = await memory.get(sshId ?? '');
    expect(resolved?.status).toBe('resolved');
    expect(resolved?.history).toEqual([
      {
        from: 'open',
        to: 'resolved',
        at: NOW.toISOString(),
        by: 'trailwarden',
        reason: 'AWS Config rule restricted-ssh reports the resource COMPLIANT',
      },
    ]);
    expect((await memory.get(portsId ?? ''))?.status).toBe('open');
  });

  it('also resolves an acknowledged finding, and leaves other accounts alone', async () => {
    // Prepare
    const store = new MemoryFindingStore();
    const pipeline = createPipeline({
      settings: parseSettings({}),
      store,
      state: new MemoryState(),
      clock: () => NOW,
    });
    const other = fixture('config-ssh-noncompliant') as { detail: Record<string, unknown> } & Record<
      string,
      unknown
    >;
    const otherAccount = {
      ...other,
      id: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
      account: '444455556666',
      detail: { ...other.detail, awsAccountId: '444455556666' },
    };
    const mine = await pipeline.process(fixture('config-ssh-noncompliant'));
    const theirs = await pipeline.process(otherAccount);
    const mineId = mine.kind === 'processed' ? mine.findings[0]?.finding.id : '';
    const theirsId = theirs.kind === 'processed' ? theirs.findings[0]?.finding.id : '';
    await store.transition(mineId ?? '', { to: 'acknowledged', by: 'alice', now: NOW.toISOString() });
    // Act
    await pipeline.process(fixture('config-ssh-compliant'));
    // Assess
    expect((await store.get(mineId ?? ''))?.status).toBe('resolved');
    expect((await store.get(theirsId ?? ''))?.status).toBe('open');
  });

  it('records nothing for a COMPLIANT result without an open finding', async () => {
    // Prepare
    const store = new MemoryFindingStore();
    const pipeline = createPipeline({
      settings: parseSettings({}),
      store,
      state: new MemoryState(),
      clock: () => NOW,
    });
    // Act
    const result = await pipeline.process(fixture('config-ssh-compliant'));
    // Assess
    expect(result).toMatchObject({ kind: 'processed', findings: [], resolved: [], incomplete: false });
    expect(store.size).toBe(0);
  });
});
