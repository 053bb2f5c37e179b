import { CATALOG } from '@trailwarden/core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../program.js';
import { type FakeIoOptions, fakeIo } from '../testing/fake-io.js';

async function rules(args: readonly string[], options: FakeIoOptions = {}) {
  const io = fakeIo(options);
  const code = await runCli(['rules', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('trailwarden rules', () => {
  it('list: one line per rule with its category, severity, events, references and remediation', async () => {
    // Act
    const { code, out } = await rules(['list'], { columns: 400 });
    // Assess
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+CATEGORY\s+SEVERITY\s+EVENTS\s+REFERENCES\s+REMEDIATION$/);
    expect(lines).toHaveLength(CATALOG.length + 2);
    for (const rule of CATALOG) {
      const line = lines.find((l) => l.startsWith(`${rule.id} `));
      expect(line, rule.id).toBeDefined();
      expect(line).toContain(rule.category);
      expect(line).toContain(rule.severity);
    }
    const root = lines.find((l) => l.startsWith('root-console-login '));
    expect(root).toContain('signin: ConsoleLogin');
    expect(root).toContain('CIS 4.3');
    expect(lines.at(-1)).toContain(`${CATALOG.length} rules`);
  });

  it('list: lines are cut to the terminal width', async () => {
    // Act
    const { out } = await rules(['list'], { columns: 80 });
    // Assess
    for (const line of out.trimEnd().split('\n').slice(0, -1))
      expect(Array.from(line).length).toBeLessThanOrEqual(80);
  });

  it('list --format json: every rule with its metadata, no runbook', async () => {
    // Act
    const { code, out } = await rules(['list', '--format', 'json']);
    // Assess
    expect(code).toBe(0);
    const listed = JSON.parse(out) as Record<string, unknown>[];
    expect(listed.map((r) => r.id)).toEqual(CATALOG.map((r) => r.id));
    const first = listed[0]!;
    expect(Object.keys(first)).toEqual([
      'id',
      'title',
      'category',
      'severity',
      'description',
      'events',
      'references',
      'remediation',
      'dedupeWindowMinutes',
    ]);
    expect(first.events).toEqual(CATALOG[0]!.events);
  });

  it('show: all metadata and the runbook', async () => {
    // Prepare
    const rule = CATALOG.find((r) => r.id === 's3-bucket-policy-public')!;
    // Act
    const { code, out } = await rules(['show', rule.id]);
    // Assess
    expect(code).toBe(0);
    expect(out.startsWith(`${rule.id} — ${rule.title}\n`)).toBe(true);
    expect(out).toContain(`category:      ${rule.category}`);
    expect(out).toContain(`dedupe window: ${rule.dedupeWindowMinutes} minutes`);
    expect(out).toContain('s3.amazonaws.com: PutBucketPolicy');
    expect(out).toContain(`Security Hub: ${rule.references.securityHub?.join(', ')}`);
    expect(out).toContain(`remediation:   ${rule.remediation.join(', ')}`);
    expect(out).toContain(rule.runbook.trim());
  });

  it('show --format json: the metadata with the runbook', async () => {
    // Act
    const { out } = await rules(['show', 'root-console-login', '--format', 'json']);
    // Assess
    const shown = JSON.parse(out) as Record<string, unknown>;
    expect(shown.id).toBe('root-console-login');
    expect(shown.runbook).toBe(CATALOG.find((r) => r.id === 'root-console-login')?.runbook);
  });

  it.each([
    { id: 'root-login', hint: 'did you mean root-console-login?' },
    { id: 's3-bucket-policy-pubic', hint: 'did you mean s3-bucket-policy-public?' },
    { id: 'nothing-like-it', hint: 'run `trailwarden rules list` to see the rule ids' },
  ])('show: unknown id $id exits with 2 and a hint', async ({ id, hint }) => {
    // Act
    const { code, out, err } = await rules(['show', id]);
    // Assess
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(`trailwarden: unknown rule id ${id}`);
    expect(err).toContain(hint);
  });
});
