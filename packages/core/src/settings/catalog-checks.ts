import type { SettingsProblem } from './format-issues.js';
import { didYouMean } from './messages.js';
import type { Settings } from './settings-schema.js';

/** What the settings checks need to know about each rule of the catalog. */
export interface CatalogRuleInfo {
  readonly id: string;
  readonly remediation: readonly string[];
}

const isBag = (value: unknown): value is Readonly<Record<string, unknown>> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Checks that need the rule catalog: rule ids under `rules` and in suppressions exist, and
 * remediation is only switched on for rules that have actions. Works on the raw document, so
 * these problems are reported together with the schema's.
 *
 * @example
 * catalogProblems({ rules: { 'root-activty': {} } }, CATALOG);
 * // [{ path: ['rules', 'root-activty'], atKey: true, message: 'unknown rule id (did you mean "root-activity"?); …' }]
 */
export function catalogProblems(document: unknown, catalog: readonly CatalogRuleInfo[]): SettingsProblem[] {
  if (!isBag(document)) return [];
  const byId = new Map(catalog.map((rule) => [rule.id, rule]));
  const ids = [...byId.keys()];
  const problems: SettingsProblem[] = [];
  const rules = isBag(document.rules) ? document.rules : {};
  for (const [id, ruleSettings] of Object.entries(rules)) {
    const rule = byId.get(id);
    const mode = isBag(ruleSettings) ? ruleSettings.remediation : undefined;
    if (!rule) {
      problems.push({
        path: ['rules', id],
        atKey: true,
        message: `unknown rule id${didYouMean(id, ids)}; expected a rule id from the catalog (see trailwarden rules list)`,
      });
    } else if ((mode === 'dry-run' || mode === 'auto') && rule.remediation.length === 0) {
      problems.push({
        path: ['rules', id, 'remediation'],
        atKey: false,
        message: `"${mode}" is not available: ${id} has no remediation actions; expected off`,
      });
    }
  }
  const suppressions = Array.isArray(document.suppressions) ? document.suppressions : [];
  suppressions.forEach((suppression: unknown, index) => {
    const named = isBag(suppression) && Array.isArray(suppression.rules) ? suppression.rules : [];
    named.forEach((id: unknown, at) => {
      if (typeof id !== 'string' || byId.has(id)) return;
      problems.push({
        path: ['suppressions', index, 'rules', at],
        atKey: false,
        message: `"${id}" is not a rule id in the catalog${didYouMean(id, ids)}; expected ids from trailwarden rules list`,
      });
    });
  });
  return problems;
}

/**
 * Suppression ids must be unique: they name the suppression in findings and logs. Two
 * suppressions without an id collide when they have the same owner and scope.
 *
 * @example
 * duplicateSuppressionProblems(settings); // [] when every id is unique
 */
export function duplicateSuppressionProblems(settings: Pick<Settings, 'suppressions'>): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const seen = new Map<string, number>();
  settings.suppressions.forEach((suppression, index) => {
    const first = seen.get(suppression.id);
    if (first === undefined) {
      seen.set(suppression.id, index);
      return;
    }
    problems.push({
      path: ['suppressions', index],
      atKey: false,
      message: `has the id "${suppression.id}" of suppressions[${first}] as well (same id, or same owner and scope); expected unique ids: merge them or give each an id`,
    });
  });
  return problems;
}
