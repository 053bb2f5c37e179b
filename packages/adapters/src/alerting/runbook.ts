import { oneLine, truncateText } from './text.js';

/**
 * The list items of a rule's Markdown runbook (`1. …`, `- …`), each joined into one line,
 * in order. Chat formats show them as next steps; the full runbook stays in email and the body.
 *
 * @example
 * runbookSteps('**Check**\n1. Ask the owner.\n2. Look at the\n   source IP.\n');
 * // ['Ask the owner.', 'Look at the source IP.']
 */
export function runbookSteps(runbook: string, options: { max?: number; maxLength?: number } = {}): string[] {
  const max = options.max ?? 5;
  const maxLength = options.maxLength ?? 300;
  const steps: string[] = [];
  let current: string[] | undefined;
  let inFence = false;
  const flush = () => {
    if (current && current.length > 0) steps.push(truncateText(oneLine(current.join(' ')), maxLength));
    current = undefined;
  };
  for (const line of runbook.split('\n')) {
    if (/^\s*```/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    const item = /^\s{0,3}(?:\d+[.)]|[-*+])\s+(.*)$/.exec(line);
    if (item) {
      flush();
      current = [item[1] ?? ''];
    } else if (current && /^\s+\S/.test(line)) {
      // An indented line continues the item above it.
      current.push(line.trim());
    } else {
      flush();
    }
  }
  flush();
  return steps.slice(0, max);
}
