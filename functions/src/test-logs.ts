import { vi } from 'vitest';

/** One structured log line as Powertools Logger writes it. */
export type LogLine = Readonly<Record<string, unknown>> & {
  readonly level: string;
  readonly message: string;
};

/** Log lines written while capturing, and everything written (to check what must never appear). */
export interface CapturedLogs {
  readonly lines: () => readonly LogLine[];
  readonly raw: () => string;
  readonly restore: () => void;
}

/**
 * Captures what the handlers log. Powertools Logger writes JSON lines to the process's
 * stdout/stderr through its own `Console` (not the global `console`), so the streams are
 * watched; what they write is kept here instead of cluttering the test output.
 *
 * @example
 * const logs = captureLogs();
 * await handler(event, context);
 * logs.restore();
 * expect(logs.lines().find((line) => line.level === 'ERROR')).toMatchObject({ messageId });
 */
export function captureLogs(): CapturedLogs {
  const chunks: string[] = [];
  const spies = [process.stdout, process.stderr].map((stream) =>
    vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return true;
    }) as typeof stream.write),
  );
  const lines = (): LogLine[] =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line): line is LogLine => typeof line.level === 'string' && typeof line.message === 'string');
  return {
    lines,
    raw: () => chunks.join(''),
    restore: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
}
