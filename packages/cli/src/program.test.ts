import { describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { runCli } from './program.js';
import { fakeIo } from './testing/fake-io.js';

describe('trailwarden', () => {
  it.each([
    { args: ['--help'], code: 0, stream: 'out', text: 'Usage: trailwarden [options] [command]' },
    { args: ['--version'], code: 0, stream: 'out', text: packageJson.version },
    { args: ['help', 'scan'], code: 0, stream: 'out', text: 'Exit codes:' },
    { args: ['scan', '--help'], code: 0, stream: 'out', text: '2  usage or input error' },
    { args: [], code: 2, stream: 'err', text: 'Usage: trailwarden' },
    { args: ['scna'], code: 2, stream: 'err', text: "unknown command 'scna'" },
    { args: ['rules', 'show'], code: 2, stream: 'err', text: "missing required argument 'id'" },
    { args: ['findings', 'list', '--help'], code: 0, stream: 'out', text: '--store local (default)' },
    { args: ['alerts', 'retry', '--help'], code: 0, stream: 'out', text: 'The outbox holds findings' },
    { args: ['scan', '--help'], code: 0, stream: 'out', text: 'The console channel prints them on stderr' },
    {
      args: ['findings', 'suppress', 'x', '--owner', 'o'],
      code: 2,
      stream: 'err',
      text: "required option '--reason",
    },
  ])('$args → exit $code', async ({ args, code, stream, text }) => {
    // Prepare
    const io = fakeIo({ columns: 100 });
    // Act
    const exitCode = await runCli(args, io);
    // Assess
    expect(exitCode).toBe(code);
    expect(stream === 'out' ? io.out() : io.err()).toContain(text);
  });

  it('lists every command in its help', async () => {
    // Prepare
    const io = fakeIo();
    // Act
    await runCli(['--help'], io);
    // Assess
    for (const command of ['scan', 'findings', 'alerts', 'settings', 'rules', 'policy'])
      expect(io.out()).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  });
});
