import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cliSummary, cliVariants } from './cli-phase.js';

// `trailwarden scan --help` as the CLI printed it when this test was written.
const HELP = readFileSync(new URL('./fixtures/scan-help.txt', import.meta.url), 'utf8');

describe('cliVariants', () => {
  it('runs the scan as a user does, and the scan alone when the CLI has a store and alerts', () => {
    expect(cliVariants(HELP)).toEqual([
      {
        id: 'c',
        label: 'trailwarden scan --format jsonl',
        args: ['--format', 'jsonl', '--no-progress', '--no-settings', '--data-dir', '{dataDir}'],
      },
      {
        id: "c'",
        label: 'the same, --store memory, no alerts',
        args: [
          '--format',
          'jsonl',
          '--no-progress',
          '--no-settings',
          '--store',
          'memory',
          '--no-console-alerts',
        ],
      },
    ]);
  });

  it('uses only the flags a CLI without a store knows', () => {
    const help = 'Options:\n  --format <format>  output format\n  --no-progress      no progress bar\n';
    expect(cliVariants(help)).toEqual([
      { id: 'c', label: 'trailwarden scan --format jsonl', args: ['--format', 'jsonl', '--no-progress'] },
    ]);
  });

  it('does not mistake a longer flag for a shorter one', () => {
    const help = '  --store-path <dir>  somewhere\n  --data-directory <dir>\n';
    expect(cliVariants(help).map((v) => v.id)).toEqual(['c']);
    expect(cliVariants(help)[0]?.args).not.toContain('--data-dir');
  });
});

describe('cliSummary', () => {
  it('finds the summary line among the alerts', () => {
    const stderr =
      'HIGH  Root user signed in\n  details\nscanned 2 files, 10 records in 0.1 s\nfindings: 1\n';
    expect(cliSummary(stderr)).toBe('scanned 2 files, 10 records in 0.1 s');
    expect(cliSummary('nothing useful')).toBe('(no summary line)');
  });
});
