/**
 * Parsing of IAM policy documents (identity, resource and trust policies) into the typed
 * {@link PolicyDocument}. Real inputs arrive as objects, JSON strings (CloudTrail's
 * `requestParameters.policyDocument`) or URL-encoded JSON strings (IAM's
 * `GetPolicyVersion`/`GetRolePolicy` return `%7B%22Version%22...`).
 *
 * The grammar follows IAM's: element names are case-sensitive, a statement has exactly one
 * of `Action`/`NotAction`, at most one of `Resource`/`NotResource` and of
 * `Principal`/`NotPrincipal`. Unknown elements are rejected (IAM rejects them too, and a
 * typo such as `Actions` would otherwise silently grant nothing in our analysis).
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */

import { PolicyParseError } from '../errors.js';
import { err, ok, type Result } from '../util/result.js';
import { LruMap } from './memo.js';
import type { ConditionBlock, Effect, PolicyDocument, Principal, Statement } from './types.js';

/**
 * Largest accepted document, in characters of its JSON text. IAM caps identity policies at
 * 6,144/10,240 characters and S3 bucket policies at 20 KB; 1 MiB leaves room for any real
 * document while refusing pathological inputs before any work is done on them.
 */
export const MAX_POLICY_CHARS = 1_048_576;

const DOCUMENT_KEYS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
]);
const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'] as const;
const VERSIONS = new Set(['2012-10-17', '2008-10-17']);

type Json = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;

/**
 * Parses a policy document in any form IAM, CloudTrail or a user hands us.
 *
 * Strings are JSON, or URL-encoded JSON (detected by a leading `%7B`); a JSON string that
 * itself holds a JSON string (double-encoded, seen in some exports) is unwrapped once.
 * Throws {@link PolicyParseError} whose `path` names the offending element, e.g.
 * `Statement[1].Effect`.
 *
 * @example
 * ```ts
 * const doc = parsePolicy('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}');
 * doc.statements[0]?.action; // ['s3:GetObject']
 * ```
 */
export function parsePolicy(input: unknown): PolicyDocument {
  if (typeof input !== 'string') return parseValue(checkObjectSize(input));
  const parsed = parseText(input);
  if (parsed instanceof PolicyParseError) throw parsed;
  return parsed;
}

/**
 * Parsed documents (or their parse errors) by exact text. The same document text arrives again
 * and again (re-applied policies, several rules reading one request), and documents are
 * immutable, so callers may share one parse.
 */
const parsedTexts = new LruMap<string, PolicyDocument | PolicyParseError>(256);

function parseText(text: string): PolicyDocument | PolicyParseError {
  const hit = parsedTexts.get(text);
  if (hit) return hit;
  let parsed: PolicyDocument | PolicyParseError;
  try {
    parsed = parseValue(decodeText(text, 0));
  } catch (error) {
    // Anything but a parse error (e.g. a stack overflow) is not a property of the text: not memoized.
    if (!(error instanceof PolicyParseError)) throw error;
    parsed = error;
  }
  return parsedTexts.set(text, parsed);
}

function parseValue(value: unknown): PolicyDocument {
  if (!isObject(value)) {
    throw new PolicyParseError(`policy document must be a JSON object, got ${describe(value)}`);
  }
  return parseDocument(value);
}

/**
 * {@link parsePolicy} without throwing: malformed documents are an expected outcome when
 * reading CloudTrail records.
 *
 * @example
 * ```ts
 * const parsed = tryParsePolicy(record.requestParameters?.policyDocument);
 * if (!parsed.ok) log(parsed.error.path, parsed.error.message);
 * ```
 */
export function tryParsePolicy(input: unknown): Result<PolicyDocument, PolicyParseError> {
  try {
    if (typeof input === 'string') {
      // The memoized path: no throw-and-catch per bad document.
      const parsed = parseText(input);
      return parsed instanceof PolicyParseError ? err(parsed) : ok(parsed);
    }
    return ok(parsePolicy(input));
  } catch (error) {
    if (error instanceof PolicyParseError) return err(error);
    return err(new PolicyParseError('policy document could not be parsed', '', { cause: error }));
  }
}

function decodeText(text: string, depth: number): unknown {
  if (text.length > MAX_POLICY_CHARS) {
    throw new PolicyParseError(
      `policy document is ${text.length} characters, over the ${MAX_POLICY_CHARS} limit`,
    );
  }
  const trimmed = text.trim();
  if (trimmed === '') throw new PolicyParseError('policy document is an empty string');
  const json = /^%7b/i.test(trimmed) ? urlDecode(trimmed) : trimmed;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new PolicyParseError('policy document is not valid JSON', '', { cause: error });
  }
  // Double-encoded documents ("\"{...}\"") are unwrapped once, never recursively.
  if (typeof value === 'string' && depth === 0) return decodeText(value, 1);
  return value;
}

function urlDecode(text: string): string {
  try {
    const decoded = decodeURIComponent(text);
    // Form encoding writes spaces as '+'; a '+' can only be a space when the result is
    // otherwise not JSON, so try the literal reading first.
    if (isJson(decoded)) return decoded;
    const spaced = decodeURIComponent(text.replace(/\+/g, '%20'));
    return isJson(spaced) ? spaced : decoded;
  } catch (error) {
    throw new PolicyParseError('policy document has an invalid URL encoding', '', { cause: error });
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    // Not JSON is the answer here, not a failure.
    return false;
  }
}

function checkObjectSize(input: unknown): unknown {
  if (!isObject(input)) return input;
  let size: number;
  try {
    size = JSON.stringify(input).length;
  } catch (error) {
    throw new PolicyParseError('policy document cannot be serialized (cyclic or BigInt values)', '', {
      cause: error,
    });
  }
  if (size > MAX_POLICY_CHARS) {
    throw new PolicyParseError(`policy document is ${size} characters, over the ${MAX_POLICY_CHARS} limit`);
  }
  return input;
}

function parseDocument(doc: Json): PolicyDocument {
  rejectUnknownKeys(doc, DOCUMENT_KEYS, '');
  const version = optionalString(doc.Version, 'Version');
  if (version !== undefined && !VERSIONS.has(version)) {
    throw new PolicyParseError(`unsupported policy version "${version}" (use 2012-10-17)`, 'Version');
  }
  const id = optionalString(doc.Id, 'Id');
  if (!('Statement' in doc)) throw new PolicyParseError('missing Statement', 'Statement');
  const raw = doc.Statement;
  const list = Array.isArray(raw) ? raw : [raw];
  const statements = list.map((entry, index) =>
    parseStatement(entry, index, Array.isArray(raw) ? `Statement[${index}]` : 'Statement'),
  );
  return {
    ...(version !== undefined ? { version } : {}),
    ...(id !== undefined ? { id } : {}),
    statements,
  };
}

function parseStatement(entry: unknown, index: number, path: string): Statement {
  if (!isObject(entry))
    throw new PolicyParseError(`statement must be an object, got ${describe(entry)}`, path);
  rejectUnknownKeys(entry, STATEMENT_KEYS, path);
  const sid = optionalString(entry.Sid, `${path}.Sid`);
  const effect = parseEffect(entry.Effect, `${path}.Effect`);
  exclusive(entry, 'Action', 'NotAction', path, true);
  exclusive(entry, 'Resource', 'NotResource', path, false);
  exclusive(entry, 'Principal', 'NotPrincipal', path, false);
  const action = stringList(entry.Action, `${path}.Action`);
  const notAction = stringList(entry.NotAction, `${path}.NotAction`);
  const resource = stringList(entry.Resource, `${path}.Resource`);
  const notResource = stringList(entry.NotResource, `${path}.NotResource`);
  const principal = parsePrincipal(entry.Principal, `${path}.Principal`);
  const notPrincipal = parsePrincipal(entry.NotPrincipal, `${path}.NotPrincipal`);
  const condition = parseCondition(entry.Condition, `${path}.Condition`);
  return {
    index,
    ...(sid !== undefined ? { sid } : {}),
    effect,
    ...(action ? { action } : {}),
    ...(notAction ? { notAction } : {}),
    ...(resource ? { resource } : {}),
    ...(notResource ? { notResource } : {}),
    ...(principal ? { principal } : {}),
    ...(notPrincipal ? { notPrincipal } : {}),
    ...(condition ? { condition } : {}),
    raw: entry,
  };
}

function rejectUnknownKeys(value: Json, allowed: ReadonlySet<string>, path: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.has(key)) {
      const hint = [...allowed].find((name) => name.toLowerCase() === key.toLowerCase());
      const suffix = hint ? ` (element names are case-sensitive: did you mean ${hint}?)` : '';
      throw new PolicyParseError(`unknown element "${key}"${suffix}`, path ? `${path}.${key}` : key);
    }
  }
}

function exclusive(entry: Json, a: string, b: string, path: string, required: boolean): void {
  const hasA = entry[a] !== undefined;
  const hasB = entry[b] !== undefined;
  if (hasA && hasB) throw new PolicyParseError(`statement has both ${a} and ${b}`, path);
  if (required && !hasA && !hasB) throw new PolicyParseError(`statement needs ${a} or ${b}`, path);
}

function parseEffect(value: unknown, path: string): Effect {
  if (value === 'Allow' || value === 'Deny') return value;
  if (value === undefined) throw new PolicyParseError('missing Effect', path);
  throw new PolicyParseError(
    `Effect must be "Allow" or "Deny", got ${JSON.stringify(value) ?? describe(value)}`,
    path,
  );
}

function optionalString(value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new PolicyParseError(`must be a string, got ${describe(value)}`, path);
  return value;
}

function stringList(value: unknown, path: string): readonly string[] | undefined {
  if (value === undefined) return undefined;
  const values = Array.isArray(value) ? value : [value];
  if (values.length === 0) throw new PolicyParseError('must not be an empty list', path);
  return values.map((item, i) => {
    const at = Array.isArray(value) ? `${path}[${i}]` : path;
    if (typeof item !== 'string') throw new PolicyParseError(`must be a string, got ${describe(item)}`, at);
    if (item.trim() === '') throw new PolicyParseError('must not be an empty string', at);
    return item;
  });
}

function parsePrincipal(value: unknown, path: string): Principal | undefined {
  if (value === undefined) return undefined;
  if (value === '*') return '*';
  if (!isObject(value)) {
    throw new PolicyParseError(
      `principal must be "*" or an object of principal types, got ${describe(value)}`,
      path,
    );
  }
  const out: { -readonly [K in (typeof PRINCIPAL_TYPES)[number]]?: readonly string[] } = {};
  for (const [key, entries] of Object.entries(value)) {
    const type = PRINCIPAL_TYPES.find((name) => name === key);
    if (!type) {
      throw new PolicyParseError(
        `unknown principal type "${key}" (expected ${PRINCIPAL_TYPES.join(', ')})`,
        `${path}.${key}`,
      );
    }
    const list = stringList(entries, `${path}.${key}`);
    if (list) out[type] = list;
  }
  if (Object.keys(out).length === 0) throw new PolicyParseError('principal object is empty', path);
  return out;
}

function parseCondition(value: unknown, path: string): ConditionBlock | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value))
    throw new PolicyParseError(`Condition must be an object, got ${describe(value)}`, path);
  const block: Record<string, Record<string, readonly string[]>> = {};
  for (const [operator, keys] of Object.entries(value)) {
    const at = `${path}.${operator}`;
    if (!isObject(keys))
      throw new PolicyParseError(`condition operator needs an object of keys, got ${describe(keys)}`, at);
    const entries: Record<string, readonly string[]> = {};
    for (const [key, raw] of Object.entries(keys)) {
      entries[key] = conditionValues(raw, `${at}.${key}`);
    }
    block[operator] = entries;
  }
  return block;
}

/** Condition values may be strings, booleans or numbers (IAM compares their text), or arrays of them. */
function conditionValues(raw: unknown, path: string): readonly string[] {
  const values = Array.isArray(raw) ? raw : [raw];
  return values.map((item, i) => {
    if (typeof item === 'string') return item;
    if (typeof item === 'boolean' || (typeof item === 'number' && Number.isFinite(item))) return String(item);
    const at = Array.isArray(raw) ? `${path}[${i}]` : path;
    throw new PolicyParseError(
      `condition value must be a string, number or boolean, got ${describe(item)}`,
      at,
    );
  });
}
