import { describe, expect, it } from 'vitest';
import { measureChild } from './child.js';

describe('measureChild', () => {
  it('measures a child process: exit code, output, wall time and peak memory', async () => {
    // Act
    const run = await measureChild(
      process.execPath,
      ['-e', 'const big = Buffer.alloc(64 * 1024 * 1024, 1); console.log(big.length); console.error("done")'],
      { discardStdout: false },
    );

    // Assess
    expect(run.exitCode).toBe(0);
    expect(run.stdout.trim()).toBe(String(64 * 1024 * 1024));
    expect(run.stderr).toContain('done');
    expect(run.wallMs).toBeGreaterThan(0);
    if (process.platform === 'linux') {
      expect(run.rssSource).not.toBe('none');
      expect(run.peakRssBytes).toBeGreaterThan(64 * 1024 * 1024);
    }
  }, 60_000);

  it('reports a failing child and can discard its stdout', async () => {
    const run = await measureChild(process.execPath, ['-e', 'console.log("hidden"); process.exit(3)'], {
      discardStdout: true,
    });
    expect(run.exitCode).toBe(3);
    expect(run.stdout).toBe('');
  }, 60_000);
});
