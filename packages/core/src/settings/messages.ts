/**
 * Wording of settings validation messages. Every message a schema attaches follows one of two
 * shapes, so that the formatter (format-issues.ts) can put the value in front of it:
 * - `is not <what>; expected <how>` — read as `<field>: "<value>" is not a date-time; expected …`;
 * - `expected <how>` — read as `<field>: "<value>" is invalid; expected …`.
 */

/**
 * A message for a value of the wrong shape.
 *
 * @example
 * notA('a date-time', 'ISO-8601 like 2027-01-31T00:00:00Z'); // 'is not a date-time; expected ISO-8601 like …'
 */
export function notA(what: string, expectation: string): string {
  return `is not ${what}; expected ${expectation}`;
}

/**
 * The `expected …` part of a message in either shape, or undefined for other messages.
 *
 * @example
 * expectationOf('is not a region; expected an AWS region like eu-west-1'); // 'an AWS region like eu-west-1'
 */
export function expectationOf(message: string): string | undefined {
  if (message.startsWith('expected ')) return message.slice('expected '.length);
  const at = message.indexOf('; expected ');
  return at >= 0 ? message.slice(at + '; expected '.length) : undefined;
}

/** Edit distance, for "did you mean" hints on keys and rule ids. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidate closest to a mistyped value, when it is close enough to be a plausible typo
 * (or the value is a prefix of it).
 *
 * @example
 * didYouMean('principal', ['principals', 'accounts']); // ' (did you mean "principals"?)'
 */
export function didYouMean(value: string, candidates: readonly string[]): string {
  const wanted = value.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(wanted.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  best ??= wanted.length >= 4 ? candidates.find((c) => c.toLowerCase().startsWith(wanted)) : undefined;
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}
