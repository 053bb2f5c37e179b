import type { ChangeEvent } from '../../events/change-event.js';
import { str } from '../../util/fields.js';

/** Event source of console sign-in records (`ConsoleLogin`, `CheckMfa`, password recovery …). */
export const SIGNIN_SOURCE = 'signin.amazonaws.com';

/**
 * CloudTrail writes this in place of a user name when a sign-in names a user that does not
 * exist, so that typos (often a password typed into the user field) are not logged.
 */
export const HIDDEN_USER_NAME = 'HIDDEN_DUE_TO_SECURITY_REASONS';

/**
 * Whether a `ConsoleLogin` record is a successful or a failed sign-in. Failures carry
 * `responseElements.ConsoleLogin: "Failure"` and an `errorMessage` (usually "Failed
 * authentication") but no `errorCode`, so the record's own verdict is read first.
 *
 * @example
 * consoleLoginOutcome(event); // 'failure' for { responseElements: { ConsoleLogin: 'Failure' } }
 */
export function consoleLoginOutcome(event: ChangeEvent): 'success' | 'failure' {
  const verdict = str(event.responseElements, 'ConsoleLogin');
  if (verdict === 'Failure') return 'failure';
  if (verdict === 'Success') return 'success';
  return event.success && event.errorMessage === undefined ? 'success' : 'failure';
}

/**
 * True when the sign-in used MFA: `additionalEventData.MFAUsed` is `"Yes"`. Records without
 * that field (rare, older formats) fall back to the normalized session flag.
 *
 * @example
 * mfaUsedAtSignIn(event); // false for { additionalEventData: { MFAUsed: 'No' } }
 */
export function mfaUsedAtSignIn(event: ChangeEvent): boolean {
  const used = str(event.additionalEventData, 'MFAUsed');
  return used === undefined ? event.actor.mfaUsed : used === 'Yes';
}

/**
 * The IAM user name a sign-in was for, when the record tells it: `userIdentity.userName`,
 * else `additionalEventData.userName`. Undefined for the hidden placeholder CloudTrail writes
 * for unknown user names.
 *
 * @example
 * signInUserName(event); // 'alice'
 */
export function signInUserName(event: ChangeEvent): string | undefined {
  const name = event.actor.userName ?? str(event.additionalEventData, 'userName');
  return name === HIDDEN_USER_NAME || name === '' ? undefined : name;
}
