import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, markdownToMrkdwn, truncateMrkdwn } from './mrkdwn.js';

describe('escapeMrkdwn', () => {
  it('neutralises mentions and links from record data', () => {
    expect(escapeMrkdwn('<!channel> & <https://evil.example|click>')).toBe(
      '&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;',
    );
  });
});

describe('markdownToMrkdwn', () => {
  it.each([
    { case: 'a heading', markdown: '## Fix it', expected: '*Fix it*' },
    { case: 'bold', markdown: 'Run **this** now', expected: 'Run *this* now' },
    {
      case: 'a link',
      markdown: 'See [the docs](https://docs.aws.amazon.com/a?b=1&c=2).',
      expected: 'See <https://docs.aws.amazon.com/a?b=1&amp;c=2|the docs>.',
    },
    {
      case: 'inline code with angle brackets',
      markdown: '`--bucket <name>`',
      expected: '`--bucket &lt;name&gt;`',
    },
    {
      case: 'a code fence, left alone apart from escaping',
      markdown: '```bash\naws s3api get-bucket-policy --bucket <b> **x**\n```',
      expected: '```bash\naws s3api get-bucket-policy --bucket &lt;b&gt; **x**\n```',
    },
  ])('converts $case', ({ markdown, expected }) => {
    expect(markdownToMrkdwn(markdown)).toBe(expected);
  });
});

describe('truncateMrkdwn', () => {
  it('leaves short text alone', () => {
    expect(truncateMrkdwn('short', 100)).toBe('short');
  });

  it('closes a code fence it cut through', () => {
    // Act
    const cut = truncateMrkdwn(`intro\n\`\`\`\n${'line\n'.repeat(1000)}\`\`\``, 300);

    // Assess
    expect(Array.from(cut).length).toBeLessThanOrEqual(300);
    expect(cut.endsWith('\n```')).toBe(true);
    expect((cut.match(/```/g) ?? []).length % 2).toBe(0);
  });
});
