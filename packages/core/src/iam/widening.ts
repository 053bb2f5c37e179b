/**
 * Widening: what a new policy document grants that the old one did not.
 *
 * Decisions:
 * - Coverage is pattern inclusion ({@link patternCovers}): old `s3:Get*` covers new
 *   `s3:GetObject` and `s3:Get*Acl`; old `s3:GetObject` + `s3:GetObjectAcl` does not cover
 *   new `s3:GetObject*` (no action catalog is consulted, so an enumerated list never covers a
 *   wildcard). When unsure we report: a false "widened" costs a look, a missed one costs more.
 * - `NotAction`/`NotResource` are compared as complements: old `NotAction [iam:*]` covers new
 *   `NotAction [iam:*, organizations:*]` (it excludes more); a new `NotAction` is covered only
 *   by an old one excluding no more, or by an old `*`; an old `NotAction` covers a new pattern
 *   that cannot overlap any excluded pattern.
 * - `addedPermissions` ignore principals and conditions (those are reported as
 *   `addedPrincipals` and `removedRestrictions`), so one change is not counted twice.
 * - A new statement is compared with single old statements, so an old Deny split across
 *   several new Denies reads as removed (conservative).
 * - Statements without `Resource` (trust policies) apply to their own resource: `*` here.
 */

import { analyzeGrants, trustKey } from './grants.js';
import { IdentityMemo } from './memo.js';
import { principalAccount, principalEntries, principalLabels } from './principals.js';
import type {
  ConditionBlock,
  Grant,
  PolicyDocument,
  Statement,
  TrustContext,
  WideningReport,
} from './types.js';
import { patternCovers, patternsOverlap } from './wildcard.js';

type Permission = WideningReport['addedPermissions'][number];

/** A statement's action or resource element: patterns, or everything except them. */
interface Scope {
  readonly negated: boolean;
  readonly patterns: readonly string[];
}

const ALL_ACTIONS = '*:*';
const ALL_RESOURCES = 'arn:aws:*:*:*:*';

const actionScope = (s: Statement): Scope =>
  s.notAction ? { negated: true, patterns: s.notAction } : { negated: false, patterns: s.action ?? [] };
const resourceScope = (s: Statement): Scope =>
  s.notResource
    ? { negated: true, patterns: s.notResource }
    : { negated: false, patterns: s.resource ?? ['*'] };

function scopeCovers(old: Scope, next: Scope, universe: string, ci: boolean): boolean {
  if (!old.negated && !next.negated)
    return next.patterns.every((p) => old.patterns.some((o) => patternCovers(o, p, ci)));
  if (old.negated && !next.negated) {
    return next.patterns.every((p) => !old.patterns.some((excluded) => patternsOverlap(excluded, p, ci)));
  }
  if (!old.negated) return old.patterns.some((o) => patternCovers(o, universe, ci));
  return old.patterns.every((excluded) => next.patterns.some((n) => patternCovers(n, excluded, ci)));
}

/** Comparable form of an AWS principal: an account id and its `:root` ARN are the same principal. */
function principalKey(type: string, value: string): string {
  if (value === '*') return '*';
  if (type === 'AWS' && /^(\d{12}|arn:[^:]+:iam::\d{12}:root)$/.test(value))
    return `account:${principalAccount(value)}`;
  return type === 'Service' ? `${type}:${value.toLowerCase()}` : `${type}:${value}`;
}

/** Whether an old principal value (as written) already admits a new one of the same type. */
function principalValueCovers(oldType: string, oldValue: string, type: string, value: string): boolean {
  if (oldValue === '*' && (oldType === '*' || oldType === type || type === '*')) return true;
  const oldKey = principalKey(oldType, oldValue);
  const account = type === 'AWS' ? principalAccount(value) : undefined;
  // Trusting an account (its root) already lets that account delegate to any of its principals.
  return oldKey === principalKey(type, value) || (account !== undefined && oldKey === `account:${account}`);
}

function principalCoveredBy(old: Statement, type: string, value: string): boolean {
  if (old.notPrincipal !== undefined) return false;
  return principalEntries(old.principal).some(
    (entry) => entry.public || principalValueCovers(entry.type, entry.value, type, value),
  );
}

function principalsCovered(old: Statement, next: Statement): boolean {
  const oldHas = old.principal !== undefined || old.notPrincipal !== undefined;
  const nextHas = next.principal !== undefined || next.notPrincipal !== undefined;
  if (!oldHas || !nextHas) return oldHas === nextHas;
  if (next.notPrincipal !== undefined) {
    return (
      principalEntries(old.principal).some((e) => e.public) ||
      principalLabels(old).join() === principalLabels(next).join()
    );
  }
  return principalEntries(next.principal).every((entry) => principalCoveredBy(old, entry.type, entry.value));
}

function statementCovers(old: Statement, next: Statement): boolean {
  return (
    scopeCovers(actionScope(old), actionScope(next), ALL_ACTIONS, true) &&
    scopeCovers(resourceScope(old), resourceScope(next), ALL_RESOURCES, false) &&
    principalsCovered(old, next)
  );
}

const label = (s: Statement): string => `Statement[${s.index}]${s.sid !== undefined ? ` (${s.sid})` : ''}`;
const describeScope = (scope: Scope): string =>
  scope.negated ? `* except ${scope.patterns.join(', ')}` : scope.patterns.join(', ');

/**
 * Condition entries of `old` that `next` no longer enforces as strictly: missing, or with
 * values that admit more (more values for a positive operator, fewer for a negated one).
 */
function lostConditions(old: ConditionBlock | undefined, next: ConditionBlock | undefined): string[] {
  const lost: string[] = [];
  for (const [operator, entries] of Object.entries(old ?? {})) {
    const negated = /^(forallvalues:|foranyvalue:)?(stringnot|arnnot|numericnot|datenot|notipaddress)/i.test(
      operator,
    );
    for (const [key, values] of Object.entries(entries)) {
      const kept = next?.[operator]?.[key];
      const oldSet = new Set(values);
      if (kept === undefined) lost.push(`${operator} ${key} removed`);
      else if (negated ? !values.every((v) => kept.includes(v)) : !kept.every((v) => oldSet.has(v))) {
        lost.push(`${operator} ${key} widened to ${kept.join(', ')}`);
      }
    }
  }
  return lost;
}

function removedDenies(old: readonly Statement[], next: readonly Statement[]): string[] {
  const out: string[] = [];
  for (const deny of old.filter((s) => s.effect === 'Deny')) {
    const kept = next.some(
      (n) =>
        n.effect === 'Deny' &&
        statementCovers(n, deny) &&
        lostConditions(n.condition, deny.condition).length === 0,
    );
    if (!kept) {
      const resources = describeScope(resourceScope(deny));
      out.push(
        `Deny removed or narrowed: ${label(deny)} denied ${describeScope(actionScope(deny))} on ${resources}`,
      );
    }
  }
  return out;
}

function removedConditions(old: readonly Statement[], next: readonly Statement[]): string[] {
  const out = new Set<string>();
  const oldAllows = old.filter((s) => s.effect === 'Allow');
  // An old Allow without conditions loses nothing, so it settles every pair it covers: with no
  // conditional old Allow at all there is nothing to report.
  if (!oldAllows.some((o) => o.condition !== undefined)) return [];
  for (const statement of next.filter((s) => s.effect === 'Allow')) {
    // What each old Allow loses depends on the statement, not the pair: computed once.
    const losses = oldAllows
      .filter((o) => principalsCovered(o, statement))
      .map((o) => ({ o, lost: lostConditions(o.condition, statement.condition) }));
    const keeping = losses.filter((l) => l.lost.length === 0);
    const losing = losses.filter((l) => l.lost.length > 0);
    if (losing.length === 0) continue;
    // Judged per (action, resource) pair: a statement that also adds actions must not hide a lost condition.
    for (const pair of pairsOf(statement)) {
      const covers = (o: Statement): boolean =>
        scopeCovers(actionScope(o), pair.action, ALL_ACTIONS, true) &&
        scopeCovers(resourceScope(o), pair.resource, ALL_RESOURCES, false);
      if (keeping.some((l) => covers(l.o))) continue;
      const covering = losing.filter((l) => covers(l.o));
      if (covering.length === 0) continue;
      const best = covering.reduce((a, b) => (b.lost.length < a.lost.length ? b : a));
      for (const lost of best.lost) out.add(`Condition ${lost}: ${label(statement)} (was ${label(best.o)})`);
    }
  }
  return [...out];
}

/** A statement's Allow as (action, resource) pairs, each with the single-pattern scopes it stands for. */
function pairsOf(
  s: Statement,
): { readonly permission: Permission; readonly action: Scope; readonly resource: Scope }[] {
  const actions: Scope[] = s.notAction
    ? [actionScope(s)]
    : (s.action ?? []).map((p) => ({ negated: false, patterns: [p] }));
  const resources: Scope[] = s.notResource
    ? [resourceScope(s)]
    : (s.resource ?? ['*']).map((p) => ({ negated: false, patterns: [p] }));
  return actions.flatMap((action) =>
    resources.map((resource) => ({
      permission: { action: describeScope(action), resource: describeScope(resource), statement: s.index },
      action,
      resource,
    })),
  );
}

function addedPermissions(old: readonly Statement[], next: readonly Statement[]): Permission[] {
  const seen = new Set<string>();
  const out: Permission[] = [];
  const oldAllows = old.filter((s) => s.effect === 'Allow');
  for (const statement of next.filter((s) => s.effect === 'Allow')) {
    for (const { permission, action, resource } of pairsOf(statement)) {
      const key = `${permission.action.toLowerCase()}\u0000${permission.resource}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const covered = oldAllows.some(
        (o) =>
          scopeCovers(actionScope(o), action, ALL_ACTIONS, true) &&
          scopeCovers(resourceScope(o), resource, ALL_RESOURCES, false),
      );
      if (!covered) out.push(permission);
    }
  }
  return out;
}

function addedPrincipals(old: readonly Statement[], next: readonly Statement[]): string[] {
  const out = new Set<string>();
  const oldAllows = old.filter((s) => s.effect === 'Allow');
  for (const statement of next.filter((s) => s.effect === 'Allow')) {
    if (statement.notPrincipal !== undefined) {
      const covered = oldAllows.some((o) => principalsCovered(o, statement));
      if (!covered) for (const l of principalLabels(statement)) out.add(l);
      continue;
    }
    for (const entry of principalEntries(statement.principal)) {
      if (!oldAllows.some((o) => principalCoveredBy(o, entry.type, entry.value))) out.add(entry.value);
    }
  }
  return [...out];
}

const IDENTITY_KINDS = new Set(['admin', 'service-wildcard', 'not-action-allow', 'privilege-escalation']);

function grantCovers(old: Grant, next: Grant): boolean {
  // Admin grants differ in how much they allow (`*` vs a NotAction allow); judged per statement instead.
  if (old.kind !== next.kind || next.kind === 'admin') return false;
  const oldActions = old.actions ?? [];
  const nextActions = next.actions ?? [];
  const actionsOk =
    next.kind === 'not-action-allow'
      ? oldActions.every((excluded) => nextActions.some((n) => patternCovers(n, excluded, true)))
      : nextActions.every((n) => oldActions.some((o) => patternCovers(o, n, true)));
  const oldResources = old.resources ?? ['*'];
  const resourcesOk = (next.resources ?? ['*']).every((n) => oldResources.some((o) => patternCovers(o, n)));
  // Grant principals are values as written; their type does not matter for this comparison.
  const principalsOk = (next.principals ?? []).every((p) =>
    (old.principals ?? []).some((o) => o === p || principalValueCovers('AWS', o, 'AWS', p)),
  );
  return actionsOk && resourcesOk && principalsOk;
}

/**
 * A new grant is not added when an old grant of its kind covers it, or — for identity
 * kinds — when one old statement already allowed everything its statement allows, at
 * least as unconditionally (an old `Allow *` covers a new `s3:*`; an old `NotAction iam:*`
 * does not cover a new `iam:PassRole`).
 */
function addedGrants(
  oldDoc: PolicyDocument | undefined,
  newDoc: PolicyDocument,
  trust: TrustContext,
): Grant[] {
  const oldGrants = oldDoc ? analyzeGrants(oldDoc, trust).grants : [];
  const oldAllows = (oldDoc?.statements ?? []).filter((s) => s.effect === 'Allow');
  return analyzeGrants(newDoc, trust).grants.filter((grant) => {
    if (oldGrants.some((o) => grantCovers(o, grant))) return false;
    const statement = newDoc.statements[grant.statement];
    if (!statement || !IDENTITY_KINDS.has(grant.kind)) return true;
    return !oldAllows.some(
      (o) => statementCovers(o, statement) && lostConditions(o.condition, statement.condition).length === 0,
    );
  });
}

/**
 * Compares two versions of a policy and reports what the new one grants that the old did
 * not. With no old document, everything in the new one is added.
 *
 * @example
 * ```ts
 * const report = compareGrants(parsePolicy(previousVersion), parsePolicy(newVersion), { ownerAccount: '111122223333' });
 * if (report.widened) notify(report.addedGrants, report.addedPermissions, report.removedRestrictions);
 * ```
 */
export function compareGrants(
  oldDoc: PolicyDocument | undefined,
  newDoc: PolicyDocument,
  trust: TrustContext = {},
): WideningReport {
  const key = trustKey(trust);
  const byOld = comparisons.get(newDoc, key) ?? comparisons.set(newDoc, key, new WeakMap());
  const oldKey = oldDoc ?? NO_DOCUMENT;
  const hit = byOld.get(oldKey);
  if (hit) return hit;
  const report = computeWidening(oldDoc, newDoc, trust);
  byOld.set(oldKey, report);
  return report;
}

/** Reports per (new document, trust context), then per old document (parsed documents are shared). */
const comparisons = new IdentityMemo<PolicyDocument, WeakMap<PolicyDocument, WideningReport>>();
const NO_DOCUMENT: PolicyDocument = { statements: [] };

function computeWidening(
  oldDoc: PolicyDocument | undefined,
  newDoc: PolicyDocument,
  trust: TrustContext,
): WideningReport {
  const old = oldDoc?.statements ?? [];
  const next = newDoc.statements;
  const report = {
    addedGrants: addedGrants(oldDoc, newDoc, trust),
    addedPermissions: addedPermissions(old, next),
    addedPrincipals: addedPrincipals(old, next),
    removedRestrictions: [...removedDenies(old, next), ...removedConditions(old, next)],
  };
  const widened =
    report.addedGrants.length > 0 ||
    report.addedPermissions.length > 0 ||
    report.addedPrincipals.length > 0 ||
    report.removedRestrictions.length > 0;
  return { widened, ...report };
}
