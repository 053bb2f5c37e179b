import { err, ok, ParseError, type Result, type StoredFinding, StoredFindingSchema } from '@trailwarden/core';
import { z } from 'zod';

/** What was cut from a finding so that its alert fits a channel's size limit. */
export interface TrimNote {
  readonly reason: string;
  /** Evidence keys whose values were replaced by a size marker or removed. */
  readonly contextKeys: readonly string[];
  /** Other fields that were shortened (`runbook`, `summary`, `resources` …). */
  readonly fields: readonly string[];
  /** Size of the untrimmed `context` as JSON, in bytes. */
  readonly originalContextBytes: number;
}

/**
 * The machine-readable alert: the SNS `default`/`sqs`/`lambda` body and what the
 * slack-notifier function parses. Versioned so consumers can refuse what they do not know.
 */
export interface AlertBody {
  readonly type: 'trailwarden.finding';
  readonly version: 1;
  readonly finding: StoredFinding;
  /** Console page for the evidence (CloudTrail event or Config rule), when the region is known. */
  readonly consoleUrl?: string;
  /** Present only when evidence was cut to fit; the full finding stays in the store under its id. */
  readonly trimmed?: TrimNote;
}

/**
 * Wraps a finding in the alert body envelope.
 *
 * @example
 * JSON.stringify(alertBody(finding, { consoleUrl }));
 */
export function alertBody(
  finding: StoredFinding,
  extras: { readonly consoleUrl?: string | undefined; readonly trimmed?: TrimNote | undefined } = {},
): AlertBody {
  return {
    type: 'trailwarden.finding',
    version: 1,
    finding,
    ...(extras.consoleUrl !== undefined && { consoleUrl: extras.consoleUrl }),
    ...(extras.trimmed !== undefined && { trimmed: extras.trimmed }),
  };
}

const strings = z.array(z.string());

/** Schema of {@link AlertBody}; `version` is checked so a future v2 is refused, not misread. */
export const AlertBodySchema = z.object({
  type: z.literal('trailwarden.finding'),
  version: z.literal(1),
  finding: StoredFindingSchema,
  consoleUrl: z.string().optional(),
  trimmed: z
    .object({
      reason: z.string(),
      contextKeys: strings,
      fields: strings,
      originalContextBytes: z.number(),
    })
    .optional(),
}) satisfies z.ZodType<AlertBody>;

/**
 * Parses an alert body as received from SNS (the `Message` of an SQS/Lambda delivery).
 *
 * @example
 * const parsed = parseAlertBody(record.Sns.Message);
 * if (parsed.ok) await slack.publish([parsed.value.finding]);
 */
export function parseAlertBody(message: string): Result<AlertBody, ParseError> {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch (cause) {
    return err(new ParseError('alert body is not JSON', { input: message.slice(0, 200) }, { cause }));
  }
  const parsed = AlertBodySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') ?? '';
    return err(
      new ParseError(
        `alert body is not a trailwarden finding: ${issue?.message ?? 'invalid'}`,
        { path },
        {
          cause: parsed.error,
        },
      ),
    );
  }
  return ok(parsed.data);
}
