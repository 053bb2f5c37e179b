import type { StoredFinding } from '@trailwarden/core';
import type { TrimNote } from './alert-body.js';
import { truncateText, utf8Bytes } from './text.js';

// A marker reads `[trimmed: 123456 bytes]`; cutting anything this small saves nothing.
const MIN_TRIMMABLE_BYTES = 64;

/** A finding made to fit, and what was cut (undefined when nothing was). */
export interface FittedFinding {
  readonly finding: StoredFinding;
  readonly trimmed?: TrimNote;
}

/**
 * Makes a finding's alert fit a size limit by cutting the least important parts first, and
 * says what it cut: (1) the fewest of the largest evidence values, replaced by a size
 * marker; (2) all evidence; (3) the runbook, summary, title and resource list shortened.
 * `fits` renders the candidate (with the note, which the rendering must include) and says
 * whether it is small enough. Undefined when even the shortest form does not fit.
 *
 * @example
 * const fitted = fitFinding(finding, 'SNS 256 KB message limit', (f, note) => render(f, note).length <= max);
 */
export function fitFinding(
  finding: StoredFinding,
  limitName: string,
  fits: (candidate: StoredFinding, trimmed: TrimNote | undefined) => boolean,
): FittedFinding | undefined {
  if (fits(finding, undefined)) return { finding };

  const originalContextBytes = utf8Bytes(JSON.stringify(finding.context));
  const reason =
    `evidence trimmed to fit the ${limitName}; the complete finding is in the findings store ` +
    `under id ${finding.id}`;
  const note = (contextKeys: string[], fields: string[]): TrimNote => ({
    reason,
    contextKeys,
    fields,
    originalContextBytes,
  });

  // (1) Largest evidence values first: one huge policy document should not cost the rest.
  // Values smaller than their marker would gain nothing, so only big ones are candidates.
  const bySize = Object.entries(finding.context)
    .map(([key, value]) => ({ key, bytes: utf8Bytes(JSON.stringify(value) ?? '') }))
    .filter(({ bytes }) => bytes > MIN_TRIMMABLE_BYTES)
    .sort((a, b) => b.bytes - a.bytes);
  const trimTop = (count: number): FittedFinding => {
    const context: Record<string, unknown> = { ...finding.context };
    const cut = bySize.slice(0, count);
    for (const { key, bytes } of cut) context[key] = `[trimmed: ${bytes} bytes]`;
    return {
      finding: { ...finding, context },
      trimmed: note(
        cut.map(({ key }) => key),
        [],
      ),
    };
  };
  const attempt = (fitted: FittedFinding) => fits(fitted.finding, fitted.trimmed);
  if (bySize.length > 0 && attempt(trimTop(bySize.length))) {
    // Binary search for the fewest values to cut: each try renders the whole alert.
    let low = 1;
    let high = bySize.length;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (attempt(trimTop(middle))) high = middle;
      else low = middle + 1;
    }
    return trimTop(high);
  }

  // (2) No evidence at all (many small keys add up too).
  const allKeys = Object.keys(finding.context);
  const bare = { ...finding, context: {} };
  if (fits(bare, note(allKeys, []))) return { finding: bare, trimmed: note(allKeys, []) };

  // (3) Shorten the free text and the resource list.
  const shortened: StoredFinding = {
    ...bare,
    title: truncateText(finding.title, 200),
    summary: truncateText(finding.summary, 1000),
    runbook: truncateText(finding.runbook, 2000),
    resources: finding.resources.slice(0, 20),
    references: { ...finding.references, links: (finding.references.links ?? []).slice(0, 5) },
  };
  const fields = ['title', 'summary', 'runbook', 'resources', 'references.links'].filter(
    (field) => JSON.stringify(readField(shortened, field)) !== JSON.stringify(readField(finding, field)),
  );
  const last = note(allKeys, fields);
  return fits(shortened, last) ? { finding: shortened, trimmed: last } : undefined;
}

function readField(finding: StoredFinding, field: string): unknown {
  return field === 'references.links' ? finding.references.links : finding[field as keyof StoredFinding];
}
