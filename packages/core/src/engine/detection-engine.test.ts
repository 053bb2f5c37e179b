import { buildChangeEvent } from '@trailwarden/testing';
import { describe, expect, it } from 'vitest';
import { defineRule, type RuleDefinition } from '../rules/define-rule.js';
import { parseDetectionSettings } from '../settings/detection-settings.js';
import { MemoryState } from '../state/memory-state.js';
import { DetectionEngine } from './detection-engine.js';

const base: Omit<RuleDefinition, 'id' | 'events' | 'match'> = {
  title: 'Test rule',
  description: 'A rule used by the engine tests.',
  category: 'iam_user_or_key_created',
  severity: 'low',
  references: { mitre: ['T1136.003'] },
  runbook: 'Check who created the user.',
  remediation: [],
  dedupeWindowMinutes: 60,
};

const createUser = defineRule({
  ...base,
  id: 'create-user',
  events: [{ source: 'iam.amazonaws.com', names: ['CreateUser'] }],
  match: (event) => ({ summary: `${event.actor.userName} created a user` }),
});
const everything = defineRule({
  ...base,
  id: 'everything',
  events: '*',
  match: (event) => (event.eventName === 'Boom' ? { summary: 'boom', severity: 'critical' } : undefined),
});
const throwing = defineRule({
  ...base,
  id: 'throwing',
  events: [{ source: 'iam.amazonaws.com', names: ['CreateUser'] }],
  match: () => {
    throw new TypeError('bad rule');
  },
});
const counting = defineRule({
  ...base,
  id: 'counting',
  events: [{ source: 'signin.amazonaws.com', names: ['ConsoleLogin'] }],
  counter: (event) => ({ key: `failures#${event.actor.sourceIp}`, windowSeconds: 60 }),
  match: (_event, context) => (context.count >= 3 ? { summary: `${context.count} failures` } : undefined),
});

describe('DetectionEngine', () => {
  it('runs only the candidate rules of an event, plus wildcard rules', () => {
    // Prepare
    const engine = new DetectionEngine([createUser, everything, counting]);
    // Act
    const created = engine.detect(buildChangeEvent(), new MemoryState());
    const boom = engine.detect(
      buildChangeEvent({ eventName: 'Boom', eventSource: 'ec2.amazonaws.com' }),
      new MemoryState(),
    );
    // Assess
    expect(
      engine.candidates({ eventSource: 'iam.amazonaws.com', eventName: 'CreateUser' }).map((r) => r.id),
    ).toEqual(['create-user', 'everything']);
    expect(created.findings.map((f) => f.ruleId)).toEqual(['create-user']);
    expect(boom.findings.map((f) => [f.ruleId, f.severity])).toEqual([['everything', 'critical']]);
  });

  it('builds a complete finding with a deterministic id', () => {
    const engine = new DetectionEngine([createUser]);
    const event = buildChangeEvent({ resources: ['arn:aws:iam::111122223333:user/bob'] });

    const [first] = engine.detect(event, new MemoryState(), { file: 'a.json', index: 3 }).findings;
    const [again] = engine.detect(event, new MemoryState()).findings;

    expect(first).toMatchObject({
      ruleId: 'create-user',
      category: 'iam_user_or_key_created',
      severity: 'low',
      title: 'Test rule',
      summary: 'alice created a user',
      eventName: 'CreateUser',
      account: '111122223333',
      resources: ['arn:aws:iam::111122223333:user/bob'],
      actor: {
        type: 'IAMUser',
        arn: 'arn:aws:iam::111122223333:user/alice',
        mfa: true,
        provenance: 'human-api',
      },
      dedupeKey:
        'create-user|111122223333|arn:aws:iam::111122223333:user/bob|arn:aws:iam::111122223333:user/alice',
      source: { file: 'a.json', index: 3 },
    });
    expect(first?.id).toMatch(/^[0-9a-f]{32}$/);
    expect(again?.id).toBe(first?.id);
  });

  it('keeps the other rules findings when one rule throws, and reports the error', () => {
    const engine = new DetectionEngine([throwing, createUser]);

    const result = engine.detect(buildChangeEvent(), new MemoryState());

    expect(result.findings.map((f) => f.ruleId)).toEqual(['create-user']);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.ruleId).toBe('throwing');
    expect(result.errors[0]?.cause).toBeInstanceOf(TypeError);
  });

  it('applies settings: disabled rules do not run, severity overrides win', () => {
    const settings = parseDetectionSettings({
      rules: { 'create-user': { severity: 'high' }, everything: { enabled: false } },
    });
    const engine = new DetectionEngine([createUser, everything], { settings });

    const result = engine.detect(buildChangeEvent({ eventName: 'CreateUser' }), new MemoryState());

    expect(engine.rules.map((r) => r.id)).toEqual(['create-user']);
    expect(result.findings.map((f) => f.severity)).toEqual(['high']);
  });

  it('counts threshold events per key inside the window', () => {
    const engine = new DetectionEngine([counting]);
    const state = new MemoryState();
    const login = (second: number, sourceIp: string) =>
      buildChangeEvent({
        eventSource: 'signin.amazonaws.com',
        eventName: 'ConsoleLogin',
        timeMs: Date.parse('2026-11-02T10:00:00Z') + second * 1000,
        actor: { sourceIp },
      });

    const results = [
      engine.detect(login(0, '203.0.113.5'), state),
      engine.detect(login(10, '203.0.113.5'), state),
      engine.detect(login(20, '198.51.100.7'), state),
      engine.detect(login(30, '203.0.113.5'), state),
      engine.detect(login(200, '203.0.113.5'), state),
    ];

    expect(results.map((r) => r.findings.map((f) => f.summary))).toEqual([[], [], [], ['3 failures'], []]);
  });
});
