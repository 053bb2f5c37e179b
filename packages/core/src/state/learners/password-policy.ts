import type { ChangeEvent } from '../../events/change-event.js';
import { bool, num } from '../../util/fields.js';
import { forget, put, type StateKey, stateKey } from '../state.js';
import type { StateLearner } from './learner.js';

/**
 * The account password policy in force after an `UpdateAccountPasswordPolicy` call, with
 * every field resolved. `maxPasswordAge` and `passwordReusePrevention` use 0 for "never
 * expires" and "reuse allowed", as IAM does.
 */
export interface PasswordPolicy {
  readonly minimumPasswordLength: number;
  readonly requireSymbols: boolean;
  readonly requireNumbers: boolean;
  readonly requireUppercaseCharacters: boolean;
  readonly requireLowercaseCharacters: boolean;
  readonly allowUsersToChangePassword: boolean;
  readonly maxPasswordAge: number;
  readonly passwordReusePrevention: number;
  readonly hardExpiry: boolean;
}

/**
 * What IAM applies for a parameter the request leaves out. `UpdateAccountPasswordPolicy` does
 * not support partial updates: an omitted parameter reverts to its default, so a request that
 * only sets the length silently drops every character-class requirement.
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccountPasswordPolicy.html
 */
export const IAM_PASSWORD_POLICY_DEFAULTS: PasswordPolicy = Object.freeze({
  minimumPasswordLength: 8,
  requireSymbols: false,
  requireNumbers: false,
  requireUppercaseCharacters: false,
  requireLowercaseCharacters: false,
  allowUsersToChangePassword: false,
  maxPasswordAge: 0,
  passwordReusePrevention: 0,
  hardExpiry: false,
});

/**
 * State key of an account's password policy, as last seen in a successful
 * `UpdateAccountPasswordPolicy` (forgotten on `DeleteAccountPasswordPolicy`).
 *
 * @example
 * state.get(passwordPolicyKey('111122223333'))?.minimumPasswordLength; // 14
 */
export function passwordPolicyKey(account: string): StateKey<PasswordPolicy> {
  return stateKey<PasswordPolicy>('password-policy', account);
}

/**
 * The policy an `UpdateAccountPasswordPolicy` request puts in force: the request's values,
 * IAM's defaults for the rest. Numbers and booleans are read leniently (CloudTrail and
 * re-serialized records may carry them as strings).
 *
 * @example
 * passwordPolicyFromRequest({ minimumPasswordLength: 14, requireSymbols: true }).requireNumbers; // false
 */
export function passwordPolicyFromRequest(
  requestParameters: Readonly<Record<string, unknown>>,
): PasswordPolicy {
  const d = IAM_PASSWORD_POLICY_DEFAULTS;
  return {
    minimumPasswordLength: num(requestParameters, 'minimumPasswordLength') ?? d.minimumPasswordLength,
    requireSymbols: bool(requestParameters, 'requireSymbols') ?? d.requireSymbols,
    requireNumbers: bool(requestParameters, 'requireNumbers') ?? d.requireNumbers,
    requireUppercaseCharacters:
      bool(requestParameters, 'requireUppercaseCharacters') ?? d.requireUppercaseCharacters,
    requireLowercaseCharacters:
      bool(requestParameters, 'requireLowercaseCharacters') ?? d.requireLowercaseCharacters,
    allowUsersToChangePassword:
      bool(requestParameters, 'allowUsersToChangePassword') ?? d.allowUsersToChangePassword,
    maxPasswordAge: num(requestParameters, 'maxPasswordAge') ?? d.maxPasswordAge,
    passwordReusePrevention: num(requestParameters, 'passwordReusePrevention') ?? d.passwordReusePrevention,
    hardExpiry: bool(requestParameters, 'hardExpiry') ?? d.hardExpiry,
  };
}

const IAM = 'iam.amazonaws.com';

/** Remembers each account's password policy so the next change can be compared with it. */
export const passwordPolicyLearner: StateLearner = {
  name: 'password-policy',
  events: [{ source: IAM, names: ['UpdateAccountPasswordPolicy', 'DeleteAccountPasswordPolicy'] }],
  learn(event: ChangeEvent) {
    const key = passwordPolicyKey(event.account);
    if (event.eventName === 'DeleteAccountPasswordPolicy') return [forget(key)];
    return [put(key, passwordPolicyFromRequest(event.requestParameters))];
  },
};

export const passwordPolicyLearners: readonly StateLearner[] = [passwordPolicyLearner];
