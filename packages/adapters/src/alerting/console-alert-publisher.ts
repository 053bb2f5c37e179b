import type { AlertPublisher, PublishResult, StoredFinding } from '@trailwarden/core';
import { findingConsoleUrl } from './console-links.js';
import { AlertPublishError } from './errors.js';
import { SEVERITY_STYLE } from './severity-style.js';
import { oneLine, readableTime, truncateText } from './text.js';

export interface ConsoleAlertPublisherOptions {
  /** Where the lines go: `process.stderr` in the CLI (stdout carries `--format json` output). */
  readonly stream: NodeJS.WritableStream;
  /** ANSI colour for the severity; the CLI decides (TTY, `NO_COLOR`) and passes it in. */
  readonly color?: boolean;
  /** Longest summary line, in characters. Default 160. */
  readonly width?: number;
}

const INDENT = ' '.repeat(10);

/**
 * Formats a finding as three short lines for a terminal (summaries already name the actor,
 * account and region):
 * ```
 * CRITICAL  Root user signed in to the console without MFA [root-console-login]
 *           root signed in to the AWS console of account 111122223333 from 192.0.2.10 without MFA.
 *           2026-11-02 10:15:00 UTC · finding 5f0c… · https://us-east-1.console.aws.amazon.com/cloudtrail/…
 * ```
 *
 * @example
 * process.stderr.write(consoleAlertText(finding, { color: true }));
 */
export function consoleAlertText(
  finding: StoredFinding,
  options: { color?: boolean; width?: number } = {},
): string {
  const style = SEVERITY_STYLE[finding.severity];
  const label = style.label.padEnd(INDENT.length);
  const severity = options.color ? `\u001b[${style.ansi}m${label}\u001b[0m` : label;
  const seen = finding.count > 1 ? ` ×${finding.count}` : '';
  const link = findingConsoleUrl(finding);
  const facts = [readableTime(finding.time), `finding ${finding.id}`, ...(link ? [link] : [])];
  return [
    `${severity}${oneLine(finding.title)} [${finding.ruleId}]${seen}`,
    `${INDENT}${truncateText(oneLine(finding.summary), options.width ?? 160)}`,
    `${INDENT}${facts.join(' · ')}`,
    '',
  ].join('\n');
}

/**
 * The CLI's alert channel: writes each finding to a stream. A write error becomes that
 * finding's `ok: false`, like any other channel, so `scan` reports it instead of crashing.
 *
 * @example
 * const alerts = new ConsoleAlertPublisher({ stream: process.stderr, color: process.stderr.isTTY });
 */
export class ConsoleAlertPublisher implements AlertPublisher {
  readonly #options: ConsoleAlertPublisherOptions;

  constructor(options: ConsoleAlertPublisherOptions) {
    this.#options = options;
  }

  async publish(findings: readonly StoredFinding[]): Promise<readonly PublishResult[]> {
    const results: PublishResult[] = [];
    for (const finding of findings) {
      const error = await this.#write(consoleAlertText(finding, this.#options));
      results.push(
        error
          ? {
              id: finding.id,
              ok: false,
              error: new AlertPublishError(
                `could not write the alert for finding ${finding.id}`,
                { findingId: finding.id },
                { cause: error },
              ),
            }
          : { id: finding.id, ok: true },
      );
    }
    return results;
  }

  #write(text: string): Promise<Error | undefined> {
    return new Promise((resolve) => {
      try {
        this.#options.stream.write(text, (error) => resolve(error ?? undefined));
      } catch (error) {
        // A destroyed stream can throw synchronously instead of calling back.
        resolve(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }
}
