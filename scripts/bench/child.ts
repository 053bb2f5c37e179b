import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs a command as a child process and measures it from outside: wall time, and peak RSS
 * and CPU time through GNU time (`/usr/bin/time -f`) when it is installed, else peak RSS by
 * polling `/proc/<pid>/status` (VmHWM, the high-water mark, so the last reading is the peak).
 */

export interface ChildMeasurement {
  readonly exitCode: number;
  readonly wallMs: number;
  readonly peakRssBytes?: number;
  readonly cpuMs?: number;
  /** How the peak RSS was measured. */
  readonly rssSource: 'gnu-time' | 'proc' | 'none';
  readonly stdout: string;
  readonly stderr: string;
}

const GNU_TIME = '/usr/bin/time';

let gnuTimeUsable: boolean | undefined;
function hasGnuTime(): boolean {
  gnuTimeUsable ??=
    existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-f', '%M', '-o', '/dev/null', 'true']).status === 0;
  return gnuTimeUsable;
}

/** VmHWM of a running process in bytes, or undefined when /proc does not say. */
function procPeak(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    // The process has exited between two polls; the previous reading stands.
    return undefined;
  }
}

/**
 * Runs `command args…`; stdout goes to /dev/null when `discardStdout`, else it is captured.
 *
 * @example
 * const run = await measureChild(process.execPath, ['dist/cli.mjs', 'scan', 'logs/'], { discardStdout: true });
 */
export async function measureChild(
  command: string,
  args: readonly string[],
  options: { readonly discardStdout: boolean; readonly cwd?: string },
): Promise<ChildMeasurement> {
  const useTime = hasGnuTime();
  const scratch = useTime ? mkdtempSync(join(tmpdir(), 'trailwarden-bench-')) : undefined;
  const timeFile = scratch ? join(scratch, 'time.txt') : undefined;
  const devNull = options.discardStdout ? openSync('/dev/null', 'w') : undefined;
  const started = performance.now();
  const child = timeFile
    ? spawn(GNU_TIME, ['-f', '%M %U %S', '-o', timeFile, command, ...args], {
        stdio: ['ignore', devNull ?? 'pipe', 'pipe'],
        ...(options.cwd !== undefined && { cwd: options.cwd }),
      })
    : spawn(command, [...args], {
        stdio: ['ignore', devNull ?? 'pipe', 'pipe'],
        ...(options.cwd !== undefined && { cwd: options.cwd }),
      });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  let polled: number | undefined;
  const poll =
    !timeFile && child.pid !== undefined
      ? setInterval(() => {
          polled = procPeak(child.pid as number) ?? polled;
        }, 20)
      : undefined;
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
  const wallMs = performance.now() - started;
  if (poll) clearInterval(poll);
  if (devNull !== undefined) closeSync(devNull);
  let peakRssBytes = polled;
  let cpuMs: number | undefined;
  if (timeFile && existsSync(timeFile)) {
    // GNU time writes "Command exited with non-zero status N" first when the command failed.
    const line = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1) ?? '';
    const [kb, user, system] = line.split(' ').map(Number);
    if (kb !== undefined && Number.isFinite(kb)) peakRssBytes = kb * 1024;
    if (user !== undefined && system !== undefined && Number.isFinite(user + system))
      cpuMs = (user + system) * 1000;
  }
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  return {
    exitCode,
    wallMs,
    ...(peakRssBytes !== undefined && { peakRssBytes }),
    ...(cpuMs !== undefined && { cpuMs }),
    rssSource: timeFile ? 'gnu-time' : peakRssBytes !== undefined ? 'proc' : 'none',
    stdout,
    stderr,
  };
}
