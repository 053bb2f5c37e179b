import { LineCounter, parseDocument } from 'yaml';
import { SettingsError } from '../errors.js';
import { CATALOG } from '../rules/catalog.js';
import { type CatalogRuleInfo, catalogProblems, duplicateSuppressionProblems } from './catalog-checks.js';
import { describeIssues, formatPath, type SettingsProblem } from './format-issues.js';
import { type Settings, SettingsSchema } from './settings-schema.js';
import { type LocatableDocument, lineOf } from './yaml-lines.js';

export type SettingsFormat = 'yaml' | 'json';

export interface ParseSettingsOptions {
  /** Rules whose ids the file may name (default: the shipped catalog). */
  readonly catalog?: readonly CatalogRuleInfo[];
  /** Name used in messages, usually the file name. */
  readonly sourceName?: string;
}

type Locate = (problem: SettingsProblem) => number | undefined;

function fail(sourceName: string, issues: readonly string[]): never {
  const list = issues.map((issue) => `  - ${issue}`).join('\n');
  throw new SettingsError(`invalid settings in ${sourceName}:\n${list}`, issues);
}

function validate(input: unknown, options: ParseSettingsOptions, locate: Locate | undefined): Settings {
  const sourceName = options.sourceName ?? 'settings';
  const document = input ?? {};
  const parsed = SettingsSchema.safeParse(document);
  const problems = [
    ...(parsed.success
      ? duplicateSuppressionProblems(parsed.data)
      : describeIssues(parsed.error.issues, document, SettingsSchema)),
    ...catalogProblems(document, options.catalog ?? CATALOG),
  ];
  if (parsed.success && problems.length === 0) return parsed.data;
  const located = problems.map((problem) => ({ problem, line: locate?.(problem) }));
  // In file order, so the list reads top to bottom beside the file; on one line a mapping's
  // own problem comes before its fields' (the sort is stable otherwise).
  located.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.problem.path.length - b.problem.path.length);
  const issues = located.map(
    ({ problem, line }) =>
      `${line === undefined ? '' : `line ${line}: `}${formatPath(problem.path)}: ${problem.message}`,
  );
  return fail(sourceName, issues);
}

/**
 * Validates an already-parsed settings document (e.g. JSON read from SSM) and applies the
 * defaults. Throws `SettingsError` whose `issues` name each field, the value found and what is
 * expected; rule ids are checked against the catalog.
 *
 * @example
 * const settings = parseSettings({ rules: { 'root-activity': { severity: 'critical' } } });
 * settings.alerts; // {}
 */
export function parseSettings(input: unknown, options: ParseSettingsOptions = {}): Settings {
  return validate(input, options, undefined);
}

/** `1:5` style position of a JSON.parse error ("… at position 42"), when the engine reports one. */
function jsonPosition(text: string, message: string): string {
  const match = /position (\d+)/.exec(message);
  if (!match) return '';
  const before = text.slice(0, Number(match[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return ` at line ${line}, column ${column}`;
}

/**
 * Parses and validates the text of a settings file (`trailwarden.config.yaml` or `.json`).
 * Problems carry the line they are on, for example
 * `line 14: suppressions[2].expires: "next week" is not a date-time; expected ISO-8601 like 2027-01-31T00:00:00Z`.
 * An empty file means every default.
 *
 * @example
 * const settings = parseSettingsText(await readFile(file, 'utf8'), settingsFormatOf(file), file);
 */
export function parseSettingsText(
  text: string,
  format: SettingsFormat,
  sourceName = 'settings',
  options: Omit<ParseSettingsOptions, 'sourceName'> = {},
): Settings {
  const lineCounter = new LineCounter();
  // JSON is a subset of YAML 1.2, so the YAML parser also locates problems in JSON files.
  const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  let input: unknown;
  if (format === 'json') {
    try {
      input = text.trim() === '' ? {} : JSON.parse(text);
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : String(cause);
      return fail(sourceName, [
        `not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}${jsonPosition(text, message)}`,
      ]);
    }
  } else {
    if (document.errors.length > 0) {
      // prettyErrors puts "at line L, column C" at the end of each message's first line.
      return fail(
        sourceName,
        document.errors.map(
          (error) => `not valid YAML: ${(error.message.split('\n', 1)[0] ?? '').replace(/:$/, '')}`,
        ),
      );
    }
    input = document.toJS();
  }
  const locatable: LocatableDocument | undefined = document.errors.length === 0 ? document : undefined;
  return validate(input, { ...options, sourceName }, (problem) =>
    locatable ? lineOf(locatable, lineCounter, problem.path, problem.atKey) : undefined,
  );
}

/**
 * The format of a settings file from its name: `.json` is JSON, anything else YAML.
 *
 * @example
 * settingsFormatOf('trailwarden.config.json'); // 'json'
 */
export function settingsFormatOf(fileName: string): SettingsFormat {
  return fileName.toLowerCase().endsWith('.json') ? 'json' : 'yaml';
}

/** The file names trailwarden looks for, in order. */
export const SETTINGS_FILE_NAMES = [
  'trailwarden.config.yaml',
  'trailwarden.config.yml',
  'trailwarden.config.json',
] as const;
