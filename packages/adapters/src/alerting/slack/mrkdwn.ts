import { truncateText } from '../text.js';

/**
 * Escapes the three characters Slack gives meaning to in mrkdwn. Everything from a record
 * (names, summaries, evidence) goes through this, so a crafted value such as `<!channel>`
 * cannot ping a channel or forge a link.
 *
 * @example
 * escapeMrkdwn('a <b> & c'); // 'a &lt;b&gt; &amp; c'
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The subset of Markdown runbooks use, as Slack mrkdwn: headings and `**bold**` become `*bold*`,
 * `[text](url)` becomes `<url|text>`, code spans and fences stay, everything is escaped.
 *
 * @example
 * markdownToMrkdwn('## Fix\nRun **this**: [docs](https://docs.aws.amazon.com/)');
 * // '*Fix*\nRun *this*: <https://docs.aws.amazon.com/|docs>'
 */
export function markdownToMrkdwn(markdown: string): string {
  let inFence = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^\s*```/.test(line)) {
        inFence = !inFence;
        return line.trim() === '```' ? '```' : escapeMrkdwn(line);
      }
      if (inFence) return escapeMrkdwn(line);
      return escapeMrkdwn(line)
        .replace(/^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/, '*$1*')
        .replace(/\*\*(.+?)\*\*/g, '*$1*')
        .replace(/__(.+?)__/g, '_$1_')
        .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '<$2|$1>');
    })
    .join('\n');
}

/**
 * Cuts mrkdwn to `max` characters without leaving a code fence open (an open fence swallows
 * the rest of the message in Slack).
 *
 * @example
 * truncateMrkdwn('```\n' + 'x'.repeat(5000) + '\n```', 3000).endsWith('\n```'); // true
 */
export function truncateMrkdwn(text: string, max: number, note = '…'): string {
  if (Array.from(text).length <= max) return text;
  const closing = '\n```';
  let cut = truncateText(text, max - closing.length, note);
  const fences = cut.match(/```/g)?.length ?? 0;
  if (fences % 2 === 1) cut += closing;
  return cut;
}
