import { bool, field, items, list, str } from '../../util/fields.js';

/**
 * What a trail's event selectors log, reduced to the questions tampering detection asks:
 * are management writes logged, are management reads logged, which management event sources
 * are excluded, are any data events logged. Works for basic `eventSelectors` and for
 * `advancedEventSelectors` (a trail has one kind or the other).
 *
 * An event is logged when ANY selector matches it, so a source counts as excluded only when
 * every selector that logs management events excludes it.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_PutEventSelectors.html
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedFieldSelector.html
 */
export interface SelectorCoverage {
  /** Management events that change something (the ones CIS requires). */
  readonly managementWrites: boolean;
  /** Read-only management events (`Describe*`, `Get*`, `List*`). */
  readonly managementReads: boolean;
  /** Management event sources excluded from logging (e.g. `kms.amazonaws.com`). */
  readonly excludedSources: readonly string[];
  /** Any data events (S3 object-level, Lambda invoke …) selected. */
  readonly dataEvents: boolean;
}

interface ManagementSelector {
  readonly reads: boolean;
  readonly writes: boolean;
  readonly excluded: readonly string[];
}

const strings = (values: readonly unknown[]): string[] =>
  values.filter((v): v is string => typeof v === 'string');

function basicSelectors(selectors: readonly Readonly<Record<string, unknown>>[]): {
  management: ManagementSelector[];
  data: boolean;
} {
  const management: ManagementSelector[] = [];
  let data = false;
  for (const selector of selectors) {
    if (items(selector, 'dataResources').length > 0) data = true;
    // Both fields default to logging: IncludeManagementEvents true, ReadWriteType All.
    if (bool(selector, 'includeManagementEvents') === false) continue;
    const readWrite = str(selector, 'readWriteType') ?? 'All';
    management.push({
      reads: readWrite === 'All' || readWrite === 'ReadOnly',
      writes: readWrite === 'All' || readWrite === 'WriteOnly',
      excluded: strings(list(selector, 'excludeManagementEventSources')),
    });
  }
  return { management, data };
}

function advancedSelectors(selectors: readonly Readonly<Record<string, unknown>>[]): {
  management: ManagementSelector[];
  data: boolean;
} {
  const management: ManagementSelector[] = [];
  let data = false;
  for (const selector of selectors) {
    const fields = items(selector, 'fieldSelectors');
    const byName = (name: string) =>
      fields.find((f) => str(f, 'field')?.toLowerCase() === name.toLowerCase());
    const category = strings(list(byName('eventCategory'), 'equals'));
    if (!category.includes('Management')) {
      if (category.length > 0) data = true;
      continue;
    }
    const readOnly = strings(list(byName('readOnly'), 'equals'));
    management.push({
      reads: readOnly.length === 0 || readOnly.includes('true'),
      writes: readOnly.length === 0 || readOnly.includes('false'),
      excluded: strings(list(byName('eventSource'), 'notEquals')),
    });
  }
  return { management, data };
}

/**
 * The coverage of the selectors a `PutEventSelectors` request (or response) sets, or
 * undefined when it carries neither `eventSelectors` nor `advancedEventSelectors`.
 *
 * @example
 * selectorCoverage({ eventSelectors: [{ readWriteType: 'ReadOnly', includeManagementEvents: true }] });
 * // { managementWrites: false, managementReads: true, excludedSources: [], dataEvents: false }
 */
export function selectorCoverage(bag: Readonly<Record<string, unknown>>): SelectorCoverage | undefined {
  const hasBasic = Array.isArray(field(bag, 'eventSelectors'));
  const hasAdvanced = Array.isArray(field(bag, 'advancedEventSelectors'));
  if (!hasBasic && !hasAdvanced) return undefined;
  const parsed = hasAdvanced
    ? advancedSelectors(items(bag, 'advancedEventSelectors'))
    : basicSelectors(items(bag, 'eventSelectors'));
  const { management } = parsed;
  const excluded =
    management.length === 0
      ? []
      : (management[0]?.excluded ?? []).filter((source) =>
          management.every((m) => m.excluded.includes(source)),
        );
  return {
    managementWrites: management.some((m) => m.writes),
    managementReads: management.some((m) => m.reads),
    excludedSources: [...new Set(excluded)].sort(),
    dataEvents: parsed.data,
  };
}
