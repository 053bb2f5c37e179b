import { describe, expect, it } from 'vitest';
import { DetectionEngine } from '../engine/detection-engine.js';
import { normalizeInput } from '../normalize/normalize-input.js';
import { CATALOG } from '../rules/catalog.js';
import { parseSettings } from '../settings/parse-settings.js';
import { iamPrincipalKey, managedPolicyKey } from '../state/iam-state.js';
import { MemoryState } from '../state/memory-state.js';
import { put } from '../state/state.js';
import { MemoryFindingStore } from './memory-finding-store.js';
import { createPipeline } from './pipeline.js';
import { detectWithStatePort } from './state-bridge.js';
import { fixture, MapStatePort, RecordingLogger, variant } from './testing/doubles.js';

const NOW = new Date('2026-11-02T12:00:00Z');
const ACCOUNT = '111122223333';
const POLICY_ARN = 'arn:aws:iam::111122223333:policy/ops-everything';
const ADMIN_DOCUMENT =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

/** ops-admin is in group Operators, which has a customer policy whose default version is admin. */
const IAM_STATE = [
  put(iamPrincipalKey(ACCOUNT, 'user', 'ops-admin'), { groups: ['Operators'] }),
  put(iamPrincipalKey(ACCOUNT, 'group', 'Operators'), { attached: [POLICY_ARN] }),
  put(managedPolicyKey(POLICY_ARN), { defaultVersionId: 'v2', versions: { v1: '{}', v2: ADMIN_DOCUMENT } }),
];

function event(name: string) {
  const normalized = normalizeInput(fixture(name));
  if (!normalized.ok) throw normalized.error;
  return normalized.value;
}

describe('detectWithStatePort', () => {
  it('loads state in rounds (user → group → policy) and judges as with all state in memory', async () => {
    // Prepare
    const engine = new DetectionEngine(CATALOG);
    const port = new MapStatePort(IAM_STATE.map((u) => [u.key.key, u.value] as const));
    const memory = new MemoryState();
    memory.apply(IAM_STATE);
    // Act
    const bridged = await detectWithStatePort(engine, event('deactivate-mfa'), port);
    const direct = engine.detect(event('deactivate-mfa'), memory);
    // Assess
    expect(bridged.findings).toEqual(direct.findings);
    expect(bridged.findings[0]?.severity).toBe('critical');
    expect(bridged.rounds).toBe(4);
    expect(bridged.unresolved).toEqual([]);
    const loaded = port.loads.flat();
    expect(loaded).toContain(iamPrincipalKey(ACCOUNT, 'user', 'ops-admin').key);
    expect(loaded).toContain(iamPrincipalKey(ACCOUNT, 'group', 'operators').key);
    expect(loaded).toContain(managedPolicyKey(POLICY_ARN).key);
    expect(new Set(loaded).size).toBe(loaded.length);
  });

  it('asks for unknown keys once and stops', async () => {
    // Prepare
    const engine = new DetectionEngine(CATALOG);
    const port = new MapStatePort();
    // Act
    const bridged = await detectWithStatePort(engine, event('deactivate-mfa'), port);
    // Assess
    expect(bridged.findings[0]?.severity).toBe('high');
    expect(bridged.rounds).toBe(2);
    expect(port.loads).toEqual([[iamPrincipalKey(ACCOUNT, 'user', 'ops-admin').key]]);
  });

  it('stops at maxRounds and says which keys are still unknown', async () => {
    // Prepare
    const engine = new DetectionEngine(CATALOG);
    const port = new MapStatePort(IAM_STATE.map((u) => [u.key.key, u.value] as const));
    // Act
    const bridged = await detectWithStatePort(engine, event('deactivate-mfa'), port, { maxRounds: 2 });
    // Assess
    expect(bridged.rounds).toBe(2);
    expect(bridged.unresolved).toEqual([iamPrincipalKey(ACCOUNT, 'group', 'operators').key]);
    expect(bridged.findings[0]?.severity).toBe('high');
  });

  it('increments each threshold counter once per event, however many rounds detection takes', async () => {
    // Prepare: five failed sign-ins from one address reach the default threshold (5 in 15 minutes)
    const settings = parseSettings({});
    const port = new MapStatePort();
    const pipeline = createPipeline({
      settings,
      store: new MemoryFindingStore(),
      state: port,
      clock: () => NOW,
    });
    const record = fixture('console-login-failure');
    const items = [0, 1, 2, 3, 4].map((i) =>
      variant(record, `f0000000-0000-4000-8000-00000000000${i}`, `2026-11-02T08:1${i}:00Z`),
    );
    // Act
    const results = await pipeline.processBatch(items, { concurrency: 1 });
    // Assess
    expect(port.increments).toHaveLength(5);
    const severities = results.map((r) =>
      r.kind === 'processed' ? r.findings[0]?.finding.severity : r.kind,
    );
    expect(severities).toEqual(['low', 'low', 'low', 'low', 'medium']);
  });

  it('writes learner updates back to the port after the event, so the next event sees them', async () => {
    // Prepare
    const port = new MapStatePort();
    const logger = new RecordingLogger();
    const pipeline = createPipeline({
      settings: parseSettings({}),
      store: new MemoryFindingStore(),
      state: port,
      logger,
      clock: () => NOW,
    });
    const attach = {
      ...fixture('deactivate-mfa'),
      eventName: 'AttachUserPolicy',
      eventID: 'd0000000-0000-4000-8000-000000000002',
      eventTime: '2026-11-02T10:10:00Z',
      requestParameters: { userName: 'ops-admin', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
    };
    // Act
    await pipeline.process(attach);
    const mfa = await pipeline.process(fixture('deactivate-mfa'));
    // Assess
    expect(port.applied.map((u) => u.key.key)).toContain(iamPrincipalKey(ACCOUNT, 'user', 'ops-admin').key);
    expect(port.values.get(iamPrincipalKey(ACCOUNT, 'user', 'ops-admin').key)).toEqual({
      attached: ['arn:aws:iam::aws:policy/AdministratorAccess'],
    });
    const finding =
      mfa.kind === 'processed'
        ? mfa.findings.find((f) => f.finding.ruleId === 'mfa-device-removed')
        : undefined;
    expect(finding?.finding.severity).toBe('critical');
    expect(logger.at('error')).toEqual([]);
  });

  it('reports an unreachable state port as a failed item, recording nothing', async () => {
    // Prepare
    const port = new MapStatePort();
    port.failLoadsWith = new Error('connect ECONNREFUSED 127.0.0.1:8000');
    const store = new MemoryFindingStore();
    const pipeline = createPipeline({
      settings: parseSettings({}),
      store,
      state: port,
      clock: () => NOW,
      logger: new RecordingLogger(),
    });
    // Act
    const result = await pipeline.process(fixture('deactivate-mfa'));
    // Assess
    expect(result.kind).toBe('failed');
    expect(result.kind === 'failed' && [result.error.stage, result.error.message]).toEqual([
      'state',
      'state unavailable for event 0b6d64db-3c21-54bb-a1f8-4b3877bf76e7: connect ECONNREFUSED 127.0.0.1:8000',
    ]);
    expect(store.size).toBe(0);
  });
});
