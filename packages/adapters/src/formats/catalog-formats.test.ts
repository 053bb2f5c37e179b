import { describe, expect, it } from 'vitest';
import { toAsff } from './asff/to-asff.js';
import { toOcsf } from './ocsf/to-ocsf.js';
import { AsffFindingSchema } from './schemas/asff-schema.js';
import { OcsfDetectionFindingSchema } from './schemas/ocsf-schema.js';
import { catalogFindings, findingOf, lifecycleCases, storedFinding } from './test-findings.js';

/**
 * Every finding the catalog's positive fixtures produce, fresh and at each lifecycle step, must
 * be valid ASFF and valid OCSF: a rule whose output breaks a format limit fails here.
 */
const NOW = '2026-11-02T10:15:00.000Z';
const findings = catalogFindings();
const lifecycles = lifecycleCases();

function issues(result: { success: boolean; error?: { issues: readonly unknown[] } }): unknown[] {
  return result.success ? [] : [...(result.error?.issues ?? [])];
}

describe('catalog findings as ASFF and OCSF', () => {
  it('covers every rule with at least one finding', () => {
    expect(findings.length).toBeGreaterThan(40);
  });

  it.each(findings.map((entry) => [entry.name, entry] as const))('%s', (_name, { finding }) => {
    // Act
    const asff = toAsff(finding, { now: NOW });
    const ocsf = toOcsf(finding, { now: NOW });
    // Assess
    expect(issues(AsffFindingSchema.safeParse(asff))).toEqual([]);
    expect(issues(OcsfDetectionFindingSchema.safeParse(ocsf))).toEqual([]);
    for (const lifecycle of lifecycles) {
      const stored = storedFinding(finding, lifecycle);
      expect(issues(AsffFindingSchema.safeParse(toAsff(stored, { now: NOW }))), lifecycle.name).toEqual([]);
      expect(
        issues(OcsfDetectionFindingSchema.safeParse(toOcsf(stored, { now: NOW }))),
        lifecycle.name,
      ).toEqual([]);
    }
  });
});

describe('stored finding lifecycle', () => {
  const finding = findingOf('root-console-login');

  it.each(lifecycles.map((lifecycle) => [lifecycle.name, lifecycle] as const))('%s', (_name, lifecycle) => {
    // Prepare
    const stored = storedFinding(finding, lifecycle);
    // Act
    const asff = toAsff(stored, { now: NOW });
    const ocsf = toOcsf(stored, { now: NOW });
    // Assess
    expect(asff.Workflow.Status).toBe(lifecycle.expect.asff.workflow);
    expect(asff.RecordState).toBe(lifecycle.expect.asff.recordState);
    expect(asff.Compliance?.Status).toBe(lifecycle.expect.asff.compliance);
    expect(asff.Note !== undefined).toBe(lifecycle.expect.asff.note);
    expect(asff.CreatedAt).toBe(new Date(stored.firstSeen).toISOString());
    expect(asff.UpdatedAt).toBe(new Date(stored.updatedAt).toISOString());
    expect(asff.LastObservedAt).toBe(new Date(stored.lastSeen).toISOString());
    expect(asff.ProductFields['trailwarden/count']).toBe(String(stored.count));
    expect(asff.ProductFields['trailwarden/status']).toBe(stored.status);
    expect(ocsf.status_id).toBe(lifecycle.expect.ocsf.statusId);
    expect(ocsf.status).toBe(lifecycle.expect.ocsf.status);
    expect(ocsf.activity_id).toBe(lifecycle.expect.ocsf.activityId);
    expect(ocsf.type_uid).toBe(lifecycle.expect.ocsf.typeUid);
    expect(ocsf.count).toBe(stored.count);
    expect(ocsf.time).toBe(Date.parse(stored.updatedAt));
    expect(ocsf.finding_info.last_seen_time).toBe(Date.parse(stored.lastSeen));
  });

  it('never dates an update before the finding, even with a skewed store clock', () => {
    // Prepare
    const [first] = lifecycles;
    if (first === undefined) throw new Error('no lifecycle cases');
    const skewed = { ...storedFinding(finding, first), updatedAt: '2000-01-01T00:00:00Z' };
    // Act
    const asff = toAsff(skewed, { now: NOW });
    // Assess
    expect(Date.parse(asff.UpdatedAt)).toBeGreaterThanOrEqual(Date.parse(asff.CreatedAt));
    expect(AsffFindingSchema.safeParse(asff).success).toBe(true);
  });

  it('records a suppression in an ASFF note', () => {
    const suppressed = lifecycles.find((lifecycle) => lifecycle.status === 'suppressed');
    if (suppressed === undefined) throw new Error('no suppressed lifecycle case');
    expect(toAsff(storedFinding(finding, suppressed), { now: NOW }).Note).toEqual({
      Text: `Suppressed until ${suppressed.suppression?.expires}: ${suppressed.suppression?.reason}`,
      UpdatedBy: suppressed.suppression?.owner,
      UpdatedAt: new Date(storedFinding(finding, suppressed).updatedAt).toISOString(),
    });
  });
});
