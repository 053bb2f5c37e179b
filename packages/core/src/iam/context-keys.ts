/**
 * The request context that conditions and policy variables read: keys are case-insensitive
 * (`aws:SourceIp` is `AWS:sourceip`), every key holds a list of values (most have one), and
 * a key with no values counts as absent.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */

import type { PrincipalIdentity } from './simulate-request.js';
import { substitutePolicyVariables } from './wildcard.js';

type ContextRecord = Readonly<Record<string, readonly string[] | string>>;

/** Read-only, case-insensitive view of request context keys. */
export class RequestContext {
  private readonly byKey = new Map<string, { readonly name: string; readonly values: readonly string[] }>();
  private variableValues: Readonly<Record<string, string>> | undefined;

  private constructor(records: readonly (ContextRecord | undefined)[]) {
    // Later records override earlier ones key by key, so explicit keys beat defaults.
    for (const record of records) {
      for (const [name, raw] of Object.entries(record ?? {})) {
        const values = typeof raw === 'string' ? [raw] : [...raw];
        this.byKey.set(name.toLowerCase(), { name, values });
      }
    }
  }

  /**
   * Builds a context from records applied in order (later keys win, compared case-insensitively).
   *
   * @example
   * ```ts
   * const context = RequestContext.of({ 'aws:SourceIp': '192.0.2.10' }, { 'AWS:SOURCEIP': ['198.51.100.7'] });
   * context.get('aws:sourceip'); // ['198.51.100.7']
   * ```
   */
  static of(...records: readonly (ContextRecord | undefined)[]): RequestContext {
    return new RequestContext(records);
  }

  /** The key's values, or undefined when the key is absent or has no values. */
  get(key: string): readonly string[] | undefined {
    const entry = this.byKey.get(key.toLowerCase());
    return entry && entry.values.length > 0 ? entry.values : undefined;
  }

  /** Keys and values as given (original spelling of each key's last writer). */
  toRecord(): Record<string, string[]> {
    return Object.fromEntries([...this.byKey.values()].map(({ name, values }) => [name, [...values]]));
  }

  /**
   * Substitutes policy variables in `text`. Only single-valued keys can be variables (IAM
   * rejects multi-valued ones), so a multi-valued or absent key without a default leaves
   * the variable unresolved: the caller must then treat the element as not matching.
   *
   * @example
   * ```ts
   * RequestContext.of({ 'aws:username': 'alice' }).substitute('home/${aws:username}/*');
   * // { text: 'home/alice/*', resolved: true }
   * ```
   */
  substitute(text: string): { readonly text: string; readonly resolved: boolean } {
    if (!text.includes('${')) return { text, resolved: true };
    this.variableValues ??= Object.fromEntries(
      [...this.byKey.values()]
        .filter(({ values }) => values.length === 1)
        .map(({ name, values }) => [name, values[0]!]),
    );
    const substituted = substitutePolicyVariables(text, this.variableValues);
    // What is left in ${…} form, other than the ${*} ${?} ${$} escapes, had no value.
    return { text: substituted, resolved: !/\$\{(?![*?$]\})[^}]*\}/.test(substituted) };
  }
}

/** Values for the keys AWS derives from the request itself. */
export interface DefaultContextOptions {
  readonly resourceAccount?: string;
  /** Time of the request, for `aws:CurrentTime`/`aws:EpochTime`; pass one to keep results reproducible. */
  readonly now?: Date;
}

const PRINCIPAL_TYPE: Record<PrincipalIdentity['type'], string | undefined> = {
  user: 'User',
  role: 'AssumedRole',
  'assumed-role': 'AssumedRole',
  root: 'Account',
  anonymous: 'Anonymous',
  service: undefined,
};

/**
 * The global keys AWS puts in every request context, as far as the principal tells them:
 * `aws:PrincipalArn` (a session's role ARN), `aws:PrincipalAccount`, `aws:PrincipalType`,
 * `aws:username` (IAM users only), `aws:userid` (when known; the account id for root),
 * `aws:PrincipalServiceName` and `aws:PrincipalIsAWSService`, `aws:ResourceAccount`,
 * `aws:SecureTransport` (`true`: AWS API endpoints are HTTPS) and, with `now`,
 * `aws:CurrentTime`/`aws:EpochTime`. Keys a request may or may not carry (`aws:SourceIp`,
 * `aws:MultiFactorAuthPresent`, `aws:PrincipalOrgID`, `aws:SourceAccount`, `aws:SourceArn`,
 * tags …) are left to the caller, because their absence changes how conditions read.
 *
 * @example
 * ```ts
 * defaultContextKeys(principalIdentity({ type: 'user', arn: 'arn:aws:iam::111122223333:user/alice' }));
 * // { 'aws:PrincipalArn': ['arn:aws:iam::111122223333:user/alice'], 'aws:username': ['alice'], … }
 * ```
 */
export function defaultContextKeys(
  who: PrincipalIdentity,
  options: DefaultContextOptions = {},
): Record<string, string[]> {
  const keys: Record<string, string[]> = {
    'aws:PrincipalIsAWSService': [who.type === 'service' ? 'true' : 'false'],
    'aws:SecureTransport': ['true'],
  };
  const put = (key: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') keys[key] = [value];
  };
  put('aws:PrincipalArn', who.principalArn);
  if (who.type !== 'service' && who.type !== 'anonymous') put('aws:PrincipalAccount', who.account);
  put('aws:PrincipalType', PRINCIPAL_TYPE[who.type]);
  put('aws:username', who.type === 'user' ? who.userName : undefined);
  put('aws:userid', who.type === 'root' ? who.account : who.userId);
  put('aws:PrincipalServiceName', who.service);
  put('aws:ResourceAccount', options.resourceAccount);
  if (options.now) {
    put('aws:CurrentTime', options.now.toISOString());
    put('aws:EpochTime', String(Math.floor(options.now.getTime() / 1000)));
  }
  return keys;
}
