import type { ChangeEvent } from '../../events/change-event.js';
import { str } from '../../util/fields.js';

/** The IAM user an IAM user-credential call (access keys, login profile, MFA) acted on. */
export interface TargetUser {
  /** The user's name; undefined when the record does not name one (e.g. root acting on itself). */
  readonly userName?: string;
  /** True when the caller acted on its own credentials. */
  readonly self: boolean;
}

/**
 * Who an IAM credential call targeted. IAM applies calls such as `CreateAccessKey`,
 * `UpdateLoginProfile` or `DeactivateMFADevice` to the *calling* user when `userName` is
 * omitted, so a missing `requestParameters.userName` means "self". A role session or
 * federated user is never the same principal as an IAM user, even when its session name
 * happens to equal the user name, so only an IAM user naming itself counts as self.
 *
 * @param responseUserNamePath where the response names the user, as a fallback (e.g. `accessKey.userName`).
 * @example
 * targetUserOf(event); // { userName: 'bob', self: false } when alice acts on bob
 */
export function targetUserOf(event: ChangeEvent, responseUserNamePath?: string): TargetUser {
  const requested =
    str(event.requestParameters, 'userName') ??
    (responseUserNamePath ? str(event.responseElements, responseUserNamePath) : undefined);
  const actor = event.actor;
  if (requested === undefined || requested === '') {
    return actor.type === 'IAMUser' && actor.userName
      ? { userName: actor.userName, self: true }
      : { self: true };
  }
  // IAM user names are unique regardless of case.
  const self = actor.type === 'IAMUser' && actor.userName?.toLowerCase() === requested.toLowerCase();
  return { userName: requested, self };
}
