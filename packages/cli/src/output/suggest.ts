/**
 * The candidate closest to a mistyped value, when one is plausible: a small edit distance,
 * else a candidate containing the value or every one of its words.
 *
 * @example
 * closest('root-login', ['root-console-login', 'root-activity']); // 'root-console-login'
 */
export function closest(value: string, candidates: readonly string[]): string | undefined {
  const wanted = value.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(wanted.length / 3));
  for (const candidate of candidates) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (distance <= bestDistance) {
      best = candidate;
      bestDistance = distance - 1;
    }
  }
  if (best !== undefined) return best;
  const words = wanted.split(/[^a-z0-9]+/).filter((w) => w.length >= 2);
  if (words.length === 0) return undefined;
  return candidates.find((candidate) => {
    const lower = candidate.toLowerCase();
    return words.every((word) => lower.includes(word));
  });
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
