import type { z } from 'zod';
import { didYouMean, expectationOf } from './messages.js';

/** A path into the settings document: object keys and list indexes. */
export type SettingsPath = readonly (string | number)[];

/**
 * One validation problem, worded for people: where (`path`, and whether it is about the key
 * itself rather than its value) and what (`message`: the value, the problem, what is expected).
 */
export interface SettingsProblem {
  readonly path: SettingsPath;
  /** True when the key is the problem (unknown key, unknown rule id): its line is the key's. */
  readonly atKey: boolean;
  readonly message: string;
}

/**
 * `suppressions[2].expires`, `rules.root-activity.severity`, `(root)`. Keys that are not plain
 * words are quoted: `rules["my rule"]`.
 *
 * @example
 * formatPath(['suppressions', 2, 'expires']); // 'suppressions[2].expires'
 */
export function formatPath(path: SettingsPath): string {
  if (path.length === 0) return '(root)';
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(part)) text += text === '' ? part : `.${part}`;
    else text += `[${JSON.stringify(part)}]`;
  }
  return text;
}

/**
 * How a value is shown in a message: strings quoted and cut, containers by kind.
 *
 * @example
 * showValue('next week'); // '"next week"'
 * showValue([1, 2]); // 'a list of 2'
 */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value);
    return quoted.length > 62 ? `${quoted.slice(0, 58)}…"` : quoted;
  }
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `a list of ${value.length}`;
  if (typeof value === 'object') return Object.keys(value).length === 0 ? '{}' : 'a mapping';
  return String(value);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'text';
  return `a ${typeof value}`;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  object: 'a mapping of keys to values',
  record: 'a mapping of keys to values',
  array: 'a list',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

/**
 * The value at a path of the raw document (undefined when the path does not exist).
 *
 * @example
 * valueAt({ suppressions: [{ expires: 'soon' }] }, ['suppressions', 0, 'expires']); // 'soon'
 */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

/** The schema an object path leads to, looking through defaults, optionals, pipes, lists and records. */
function schemaAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): z.core.$ZodType | undefined {
  let current: z.core.$ZodType | undefined = schema;
  let rest = [...path];
  for (let guard = 0; current !== undefined && guard < 64; guard++) {
    // zod's definitions differ per kind; read the few fields used here as plain data.
    const def = current._zod.def as unknown as Readonly<Record<string, unknown>>;
    const inner = (def.innerType ?? (def.type === 'pipe' ? def.in : undefined)) as
      | z.core.$ZodType
      | undefined;
    if (inner) {
      current = inner;
      continue;
    }
    if (rest.length === 0) return current;
    const [head, ...tail] = rest;
    rest = tail;
    if (def.type === 'object') current = (def.shape as Record<string, z.core.$ZodType>)[String(head)];
    else if (def.type === 'array') current = def.element as z.core.$ZodType;
    else if (def.type === 'record') current = def.valueType as z.core.$ZodType;
    else return undefined;
  }
  return current;
}

/**
 * The keys an object in the schema accepts, for "unknown key" messages.
 *
 * @example
 * knownKeys(SettingsSchema, ['alerts']); // ['console', 'sns', 'slack', 'email']
 */
export function knownKeys(schema: z.core.$ZodType, path: readonly PropertyKey[]): readonly string[] {
  const found = schemaAt(schema, path);
  const def = found?._zod.def as unknown as Readonly<Record<string, unknown>> | undefined;
  return def?.type === 'object' ? Object.keys(def.shape as object) : [];
}

/** True for messages written by trailwarden's schemas (messages.ts), not zod's defaults. */
function isOwnMessage(message: string): boolean {
  return message.startsWith('is ') || expectationOf(message) !== undefined;
}

function rangeText(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, low: boolean): string {
  const bound = low ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum;
  const word = low ? (issue.inclusive ? 'at least' : 'more than') : issue.inclusive ? 'at most' : 'less than';
  if (issue.origin === 'array') return `${word} ${bound} item${Number(bound) === 1 ? '' : 's'}`;
  if (issue.origin === 'string') return `${word} ${bound} character${Number(bound) === 1 ? '' : 's'}`;
  return `${word} ${bound}`;
}

/** The words for one zod issue whose value is `value`. */
function describe(issue: z.core.$ZodIssue, value: unknown): string {
  const shown = showValue(value);
  const missing = value === undefined;
  if (isOwnMessage(issue.message)) {
    if (missing) return `is missing; expected ${expectationOf(issue.message) ?? issue.message}`;
    if (issue.message.startsWith('is ')) return `${shown} ${issue.message}`;
    if (issue.message.startsWith('expected ')) return `${shown} is invalid; ${issue.message}`;
    // Whole-object refinements ("gives both …; expected one of them") read on their own.
    return issue.message;
  }
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
      if (missing) return `is missing; expected ${expected}`;
      const container = value !== null && typeof value === 'object';
      return `${container ? '' : `${shown} `}is ${kindOf(value)}; expected ${expected}`;
    }
    case 'too_small':
      return `${shown} is too small; expected ${rangeText(issue, true)}`;
    case 'too_big':
      return `${shown} is too big; expected ${rangeText(issue, false)}`;
    case 'invalid_value': {
      const allowed = issue.values.map((v) => JSON.stringify(v));
      const hint = typeof value === 'string' ? didYouMean(value, issue.values.map(String)) : '';
      return `${shown} is not allowed; expected one of ${allowed.join(', ')}${hint}`;
    }
    case 'invalid_format':
      return `${shown} is not in the expected format; expected ${issue.format}`;
    case 'custom':
      return issue.message;
    default:
      return `${shown}: ${issue.message}`;
  }
}

/**
 * Turns zod issues into problems that name the field, show the value found and say what is
 * expected. Unknown keys become one problem per key, listing the keys that are allowed there.
 *
 * @example
 * describeIssues(SettingsSchema.safeParse(doc).error.issues, doc, SettingsSchema);
 * // [{ path: ['suppressions', 2, 'expires'], atKey: false,
 * //    message: '"next week" is not a date-time; expected ISO-8601 like 2027-01-31T00:00:00Z' }]
 */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  schema: z.core.$ZodType,
): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(schema, path);
      for (const key of issue.keys) {
        const hint = didYouMean(key, known);
        problems.push({
          path: [...path, key],
          atKey: true,
          message: `unknown key${hint}; expected one of ${known.join(', ')}`,
        });
      }
      continue;
    }
    problems.push({ path, atKey: false, message: describe(issue, valueAt(input, path)) });
  }
  return problems;
}
