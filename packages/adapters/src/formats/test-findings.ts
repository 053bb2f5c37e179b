import { readFileSync } from 'node:fs';
import {
  CATALOG,
  type Finding,
  FindingStatusSchema,
  StatusChangeSchema,
  type StoredFinding,
  SuppressionRefSchema,
} from '@trailwarden/core';
import { loadRuleFixtures, runFixture } from '@trailwarden/testing';
import { z } from 'zod';

/**
 * Findings the format tests render: produced by the real pipeline (normalization + the rule
 * catalog) from every rule's `match-*` fixtures, so the formats are checked against what the
 * rules actually emit rather than against hand-written findings.
 */

/** Where the catalog's rule folders live, relative to this file. */
const RULES_DIR = new URL('../../../core/src/rules/', import.meta.url);

export interface CatalogFinding {
  /** `<rule id>/<fixture name>`. */
  readonly name: string;
  readonly finding: Finding;
}

let cache: readonly CatalogFinding[] | undefined;

/**
 * The finding each rule's positive fixture yields for that rule, for every rule in the catalog.
 *
 * @example
 * const findings = catalogFindings(); // [{ name: 'root-console-login/match-root-with-mfa', finding }, …]
 */
export function catalogFindings(): readonly CatalogFinding[] {
  if (cache !== undefined) return cache;
  const found: CatalogFinding[] = [];
  for (const rule of CATALOG) {
    for (const fixture of loadRuleFixtures(new URL(`${rule.id}/fixtures/`, RULES_DIR))) {
      if (!fixture.expectMatch) continue;
      for (const finding of runFixture(fixture).findings.filter((f) => f.ruleId === rule.id)) {
        found.push({ name: `${rule.id}/${fixture.name}`, finding });
      }
    }
  }
  cache = found;
  return found;
}

/**
 * The first catalog finding of a rule (optionally one whose fixture name contains `fixture`).
 *
 * @example
 * const rootLogin = findingOf('root-console-login');
 */
export function findingOf(ruleId: string, fixture = ''): Finding {
  const hit = catalogFindings().find(
    (entry) => entry.name.startsWith(`${ruleId}/`) && entry.name.includes(fixture),
  );
  if (hit === undefined) throw new Error(`no catalog finding for ${ruleId} ${fixture}`);
  return hit.finding;
}

const LifecycleCaseSchema = z.object({
  name: z.string(),
  status: FindingStatusSchema,
  count: z.number().int().min(1),
  /** Minutes after the finding's event time of the last occurrence and of the last change. */
  lastSeenAfterMinutes: z.number(),
  updatedAfterMinutes: z.number(),
  history: z.array(StatusChangeSchema.omit({ at: true })),
  suppression: SuppressionRefSchema.optional(),
  expect: z.object({
    asff: z.object({
      workflow: z.string(),
      recordState: z.string(),
      compliance: z.string().optional(),
      note: z.boolean(),
    }),
    ocsf: z.object({
      statusId: z.number(),
      status: z.string(),
      activityId: z.number(),
      typeUid: z.number(),
    }),
  }),
});
export type LifecycleCase = z.infer<typeof LifecycleCaseSchema>;

/** The lifecycle cases of `fixtures/lifecycles.json`: a finding as the store returns it at each step. */
export function lifecycleCases(): LifecycleCase[] {
  const raw: unknown = JSON.parse(
    readFileSync(new URL('./fixtures/lifecycles.json', import.meta.url), 'utf8'),
  );
  return z.array(LifecycleCaseSchema).parse(raw);
}

/**
 * A finding as the store would return it at a lifecycle step: times offset from the event time,
 * the status changes in order, each one minute after the previous.
 *
 * @example
 * const resolved = storedFinding(findingOf('root-console-login'), lifecycleCases()[3]);
 */
export function storedFinding(finding: Finding, step: LifecycleCase): StoredFinding {
  const eventMs = Date.parse(finding.time);
  const at = (minutes: number) => new Date(eventMs + minutes * 60_000).toISOString();
  return {
    ...finding,
    status: step.status,
    count: step.count,
    firstSeen: finding.time,
    lastSeen: at(step.lastSeenAfterMinutes),
    alerted: true,
    alertedAt: at(1),
    history: step.history.map((change, index) => ({
      ...change,
      at: at(step.updatedAfterMinutes - step.history.length + index + 1),
    })),
    updatedAt: at(step.updatedAfterMinutes),
    ...(step.suppression !== undefined && { suppression: step.suppression }),
  };
}
