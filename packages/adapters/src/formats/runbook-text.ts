import { clip, oneLine } from './limits.js';

/**
 * A rule runbook (Markdown: a **Check** part, then a **Fix** part) as plain text that fits a
 * short recommendation field. The fix steps come first because a recommendation says what to
 * do; the checks follow while there is room. Markdown markers are dropped, inline code and
 * commands are kept as text.
 *
 * @example
 * runbookRecommendation('**Check**\n1. Ask the owner.\n\n**Fix**\n- Run `aws iam …`.', 512);
 * // 'Fix: Run aws iam …. Check: Ask the owner.'
 */
export function runbookRecommendation(runbook: string, max: number): string {
  const sections = splitSections(runbook);
  const fix = sections.filter((section) => /\b(fix|remediat|respond|contain)/i.test(section.heading));
  const rest = sections.filter((section) => !fix.includes(section));
  const parts = [...fix, ...rest]
    .map((section) => {
      const body = plain(section.body);
      if (body === '') return '';
      return section.heading === '' ? body : `${section.heading}: ${body}`;
    })
    .filter((part) => part !== '');
  return clip(parts.join(' '), max);
}

interface Section {
  readonly heading: string;
  readonly body: string;
}

/** Splits on Markdown headings (`## Fix`) and bold-only lines (`**Fix**`). */
function splitSections(runbook: string): Section[] {
  const sections: Section[] = [];
  let heading = '';
  let lines: string[] = [];
  const flush = () => {
    if (lines.some((line) => line.trim() !== '')) sections.push({ heading, body: lines.join('\n') });
  };
  for (const line of runbook.split('\n')) {
    const title = /^\s{0,3}(?:#{1,6}\s+(.+?)\s*#*\s*|\*\*([^*]+)\*\*:?\s*)$/.exec(line);
    if (title) {
      flush();
      heading = oneLine(title[1] ?? title[2] ?? '').replace(/:$/, '');
      lines = [];
      continue;
    }
    lines.push(line);
  }
  flush();
  return sections;
}

function plain(markdown: string): string {
  const text = markdown
    .replace(/^\s*```.*$/gm, '')
    .replace(/^\s{0,3}(?:\d+[.)]|[-*+])\s+/gm, '')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)');
  return oneLine(text);
}
