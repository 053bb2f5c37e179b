/**
 * IAM wildcard matching. `*` matches any run of characters (including none) and `?` exactly
 * one; both may span `:` and `/`, because IAM compares the ARN as one string.
 *
 * Actions compare case-insensitively (`S3:getobject` equals `s3:GetObject`); ARNs and
 * resources case-sensitively.
 *
 * Policy variables: `${aws:username}` and friends are literal text here (no wildcard
 * meaning, matched character by character) unless the caller substitutes them first with
 * {@link substitutePolicyVariables}. The three IAM escapes are honoured: `${*}`, `${?}` and
 * `${$}` stand for a literal `*`, `?` and `$`.
 *
 * Patterns are compiled once into literal segments split at `*` and cached, so the
 * detection hot path pays only for `indexOf`-style scans. Matching is linear-ish
 * (O(pattern × value) worst case) with no regex backtracking.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */

/** One token of a pattern: a literal character, `?` (any one character) or `*` (any run). */
type Token =
  | { readonly kind: 'char'; readonly char: string }
  | { readonly kind: 'one' }
  | { readonly kind: 'any' };

/** A run between two `*`: literal text where `wild[i]` marks a `?` position. */
interface Segment {
  readonly text: string;
  readonly wild: readonly boolean[] | undefined;
}

interface Compiled {
  /** True when the pattern has no `*`: the value must match `segments[0]` exactly. */
  readonly exact: boolean;
  readonly segments: readonly Segment[];
  readonly minLength: number;
}

const MAX_CACHE = 10_000;
const sensitiveCache = new Map<string, Compiled>();
const insensitiveCache = new Map<string, Compiled>();
const codeCache = new Map<string, Int32Array>();
/** Pattern-pair answers (`patternCovers`, `patternsOverlap`): the same pairs recur for every statement. */
const coverCache = new Map<string, boolean>();
const overlapCache = new Map<string, boolean>();

/** Bounded caches: policy patterns repeat heavily, but a stream of unique inputs must not grow memory. */
function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(key, value);
  return value;
}

/** Splits a pattern into tokens, resolving the `${*}`, `${?}` and `${$}` escapes. */
function tokenize(pattern: string): readonly Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '$' && pattern[i + 1] === '{' && pattern[i + 3] === '}') {
      const inner = pattern[i + 2];
      if (inner === '*' || inner === '?' || inner === '$') {
        tokens.push({ kind: 'char', char: inner });
        i += 3;
        continue;
      }
    }
    if (c === '*') tokens.push({ kind: 'any' });
    else if (c === '?') tokens.push({ kind: 'one' });
    else tokens.push({ kind: 'char', char: c });
  }
  return tokens;
}

function compile(pattern: string, caseInsensitive: boolean): Compiled {
  const cache = caseInsensitive ? insensitiveCache : sensitiveCache;
  const hit = cache.get(pattern);
  if (hit) return hit;
  const source = caseInsensitive ? pattern.toLowerCase() : pattern;
  const segments: Segment[] = [];
  let text = '';
  let wild: boolean[] = [];
  let hasWild = false;
  let stars = 0;
  const flush = (): void => {
    segments.push({ text, wild: hasWild ? wild : undefined });
    text = '';
    wild = [];
    hasWild = false;
  };
  for (const token of tokenize(source)) {
    if (token.kind === 'any') {
      stars++;
      flush();
      continue;
    }
    text += token.kind === 'char' ? token.char : '?';
    wild.push(token.kind === 'one');
    hasWild ||= token.kind === 'one';
  }
  flush();
  const compiled: Compiled = {
    exact: stars === 0,
    segments,
    minLength: segments.reduce((sum, s) => sum + s.text.length, 0),
  };
  return remember(cache, pattern, compiled);
}

function segmentAt(segment: Segment, value: string, at: number): boolean {
  const { text, wild } = segment;
  if (!wild) return value.startsWith(text, at);
  if (at + text.length > value.length) return false;
  for (let i = 0; i < text.length; i++) {
    if (!wild[i] && value[at + i] !== text[i]) return false;
  }
  return true;
}

function findSegment(segment: Segment, value: string, from: number, limit: number): number {
  if (!segment.wild) {
    const found = value.indexOf(segment.text, from);
    return found !== -1 && found + segment.text.length <= limit ? found : -1;
  }
  for (let at = from; at + segment.text.length <= limit; at++) {
    if (segmentAt(segment, value, at)) return at;
  }
  return -1;
}

function run(compiled: Compiled, value: string): boolean {
  const { segments } = compiled;
  if (compiled.exact) {
    const only = segments[0]!;
    return value.length === only.text.length && segmentAt(only, value, 0);
  }
  if (value.length < compiled.minLength) return false;
  const first = segments[0]!;
  const last = segments[segments.length - 1]!;
  if (!segmentAt(first, value, 0)) return false;
  const end = value.length - last.text.length;
  if (end < first.text.length || !segmentAt(last, value, end)) return false;
  // Leftmost placement of each middle segment is optimal for `*`-separated literals.
  let cursor = first.text.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const segment = segments[i]!;
    const found = findSegment(segment, value, cursor, end);
    if (found === -1) return false;
    cursor = found + segment.text.length;
  }
  return true;
}

/**
 * Tests `value` against an IAM wildcard `pattern` (`*`, `?`).
 *
 * @example
 * ```ts
 * wildcardMatch('arn:aws:s3:::logs-*', 'arn:aws:s3:::logs-2024/key'); // true
 * wildcardMatch('iam:Get*', 'IAM:GETROLE', true); // true
 * ```
 */
export function wildcardMatch(pattern: string, value: string, caseInsensitive = false): boolean {
  if (pattern === '*') return true;
  return run(compile(pattern, caseInsensitive), caseInsensitive ? value.toLowerCase() : value);
}

/**
 * Tests an action (`service:Name`) against a policy's action pattern, case-insensitively.
 * `*` matches every action; `iam:*`, `iam:Put*`, `ec2:Describe?nstances` work as in IAM.
 *
 * @example
 * ```ts
 * actionMatches('s3:Get*', 's3:GetObject'); // true
 * actionMatches('s3:*', 'S3:PutObject'); // true
 * actionMatches('s3:Get*', 's3:PutObject'); // false
 * ```
 */
export function actionMatches(pattern: string, action: string): boolean {
  return wildcardMatch(pattern, action, true);
}

/**
 * Tests an ARN against a policy's resource pattern, case-sensitively; wildcards may span
 * `:` and `/`.
 *
 * @example
 * ```ts
 * arnMatches('arn:aws:s3:::my-bucket/*', 'arn:aws:s3:::my-bucket/a/b.txt'); // true
 * arnMatches('arn:aws:s3:::My-Bucket', 'arn:aws:s3:::my-bucket'); // false
 * ```
 */
export function arnMatches(pattern: string, arn: string): boolean {
  return wildcardMatch(pattern, arn, false);
}

/** True when the pattern has an unescaped `*` or `?`. */
export function hasWildcard(pattern: string): boolean {
  // Most patterns are plain names or ARNs: no `*`/`?` at all means no tokenizing.
  if (!pattern.includes('*') && !pattern.includes('?')) return false;
  return tokenize(pattern).some((token) => token.kind !== 'char');
}

/**
 * Replaces policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`, with an
 * optional default `${aws:username, 'nobody'}`) by their values. Values are inserted
 * literally: a `*` or `?` inside a value is escaped so it never acts as a wildcard.
 * Variables without a value and without a default are left as written (matching nothing
 * but themselves), which is IAM's behaviour for a missing key.
 *
 * @example
 * ```ts
 * substitutePolicyVariables('arn:aws:iam::111122223333:user/${aws:username}', { 'aws:username': 'alice' });
 * // 'arn:aws:iam::111122223333:user/alice'
 * ```
 */
export function substitutePolicyVariables(pattern: string, values: Readonly<Record<string, string>>): string {
  const lowered = new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
  return pattern.replace(
    /\$\{([^}*?$][^},]*)(?:,\s*'([^']*)')?\}/g,
    (whole, name: string, fallback?: string) => {
      const value = lowered.get(name.trim().toLowerCase()) ?? fallback;
      return value === undefined ? whole : value.replace(/[*?$]/g, (c) => `\${${c}}`);
    },
  );
}

const ONE = -1;
const ANY = -2;

/**
 * A pattern as numbers (char codes, `ONE` for `?`, `ANY` for `*`), with every run of `*`/`?`
 * rewritten as its `?`s then one `*` (`*?` ≡ `?*`). Numbers keep the coverage loops monomorphic.
 */
function canonicalCodes(pattern: string, caseInsensitive: boolean): Int32Array {
  const source = caseInsensitive ? pattern.toLowerCase() : pattern;
  const hit = codeCache.get(source);
  if (hit) return hit;
  const out: number[] = [];
  let ones = 0;
  let star = false;
  const flushRun = (): void => {
    for (let k = 0; k < ones; k++) out.push(ONE);
    if (star) out.push(ANY);
    ones = 0;
    star = false;
  };
  for (const token of tokenize(source)) {
    if (token.kind === 'one') ones++;
    else if (token.kind === 'any') star = true;
    else {
      flushRun();
      out.push(token.char.charCodeAt(0));
    }
  }
  flushRun();
  return remember(codeCache, source, Int32Array.from(out));
}

/** An unambiguous key for a pattern pair: the first pattern's length says where it ends. */
function pairKey(a: string, b: string, caseInsensitive: boolean): string {
  return `${caseInsensitive ? 'i' : 's'}${a.length}:${a}${b}`;
}

/** Literal prefixes (and suffixes) that disagree rule out both coverage and overlap cheaply. */
function literalEndsClash(x: Int32Array, y: Int32Array): boolean {
  for (let i = 0; i < x.length && i < y.length && x[i]! >= 0 && y[i]! >= 0; i++)
    if (x[i] !== y[i]) return true;
  for (let i = 1; i <= x.length && i <= y.length && x[x.length - i]! >= 0 && y[y.length - i]! >= 0; i++) {
    if (x[x.length - i] !== y[y.length - i]) return true;
  }
  return false;
}

/**
 * True when every string matched by `specific` is also matched by `general` (pattern
 * inclusion): `s3:Get*` covers `s3:GetObject` and `s3:Get*Acl`, but not `s3:*`.
 * The answer is never a false "yes"; for exotic mixes of `?` and `*` it may say "no" where
 * inclusion holds, which callers treat as "possibly wider" (the safe side for widening).
 *
 * @example
 * ```ts
 * patternCovers('s3:Get*', 's3:Get*Acl', true); // true
 * patternCovers('s3:Get*', 's3:*', true); // false
 * ```
 */
export function patternCovers(general: string, specific: string, caseInsensitive = false): boolean {
  if (general === '*') return true;
  const key = pairKey(general, specific, caseInsensitive);
  const hit = coverCache.get(key);
  if (hit !== undefined) return hit;
  return remember(coverCache, key, computeCovers(general, specific, caseInsensitive));
}

function computeCovers(general: string, specific: string, caseInsensitive: boolean): boolean {
  const g = canonicalCodes(general, caseInsensitive);
  const s = canonicalCodes(specific, caseInsensitive);
  if (literalEndsClash(g, s)) return false;
  // next[j] holds "g[i+1..] covers s[j..]" while row[j] is computed for g[i..], last row first.
  let next = new Uint8Array(s.length + 1);
  let row = new Uint8Array(s.length + 1);
  next[s.length] = 1;
  for (let i = g.length - 1; i >= 0; i--) {
    const gi = g[i]!;
    row[s.length] = gi === ANY ? next[s.length]! : 0;
    for (let j = s.length - 1; j >= 0; j--) {
      const sj = s[j]!;
      if (gi === ANY) row[j] = next[j]! | row[j + 1]!;
      else if (sj === ANY) row[j] = 0;
      else if (gi === ONE) row[j] = next[j + 1]!;
      else row[j] = sj === gi ? next[j + 1]! : 0;
    }
    [next, row] = [row, next];
  }
  return next[0] === 1;
}

/**
 * True when some string matches both patterns: `s3:Get*` and `s3:*Object` overlap
 * (`s3:GetObject`), `s3:Get*` and `s3:Put*` do not.
 *
 * @example
 * ```ts
 * patternsOverlap('iam:*', 'iam:Pass?ole', true); // true
 * ```
 */
export function patternsOverlap(a: string, b: string, caseInsensitive = false): boolean {
  const key = pairKey(a, b, caseInsensitive);
  const hit = overlapCache.get(key);
  if (hit !== undefined) return hit;
  return remember(overlapCache, key, computeOverlap(a, b, caseInsensitive));
}

function computeOverlap(a: string, b: string, caseInsensitive: boolean): boolean {
  const x = canonicalCodes(a, caseInsensitive);
  const y = canonicalCodes(b, caseInsensitive);
  if (literalEndsClash(x, y)) return false;
  // Bottom-up over (i, j) = "x[i..] and y[j..] share a string"; two reused rows, no recursion.
  let next = new Uint8Array(y.length + 1);
  let row = new Uint8Array(y.length + 1);
  for (let i = x.length; i >= 0; i--) {
    const xi = i < x.length ? x[i]! : undefined;
    for (let j = y.length; j >= 0; j--) {
      const yj = j < y.length ? y[j]! : undefined;
      if (xi === undefined && yj === undefined) row[j] = 1;
      else if (xi === ANY) row[j] = next[j]! | (yj !== undefined ? row[j + 1]! : 0);
      else if (yj === ANY) row[j] = row[j + 1]! | (xi !== undefined ? next[j]! : 0);
      else if (xi === undefined || yj === undefined) row[j] = 0;
      else row[j] = xi === ONE || yj === ONE || xi === yj ? next[j + 1]! : 0;
    }
    [next, row] = [row, next];
  }
  return next[0] === 1;
}
