import { list, num, str } from '../../util/fields.js';

/**
 * Reading `PutBucketLifecycle` records (CloudTrail's event name for the
 * PutBucketLifecycleConfiguration API): which enabled rules delete objects, and how soon.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html
 */

/** One enabled rule that deletes objects (current or noncurrent versions). */
export interface ExpiringRule {
  readonly id?: string;
  readonly prefix?: string;
  /** Days after creation (or after becoming noncurrent); 0 for a fixed `Date` expiration. */
  readonly days: number;
  readonly date?: string;
  readonly noncurrent: boolean;
}

/**
 * Enabled rules that expire objects. `Expiration.ExpiredObjectDeleteMarker` alone only cleans
 * up delete markers and transitions only move objects: neither deletes log files.
 *
 * @example
 * expiringRules({ LifecycleConfiguration: { Rule: { ID: 'purge', Status: 'Enabled', Expiration: { Days: 1 } } } });
 * // [{ id: 'purge', days: 1, noncurrent: false }]
 */
export function expiringRules(requestParameters: Readonly<Record<string, unknown>>): ExpiringRule[] {
  const out: ExpiringRule[] = [];
  for (const rule of list(requestParameters, 'LifecycleConfiguration.Rule')) {
    const bag = { rule };
    if (str(bag, 'rule.Status') !== 'Enabled') continue;
    const id = str(bag, 'rule.ID');
    const prefix =
      str(bag, 'rule.Filter.Prefix') ?? str(bag, 'rule.Filter.And.Prefix') ?? str(bag, 'rule.Prefix');
    const common = { ...(id !== undefined && { id }), ...(prefix !== undefined && { prefix }) };
    const days = num(bag, 'rule.Expiration.Days');
    const date = str(bag, 'rule.Expiration.Date');
    if (days !== undefined) out.push({ ...common, days, noncurrent: false });
    else if (date !== undefined) out.push({ ...common, days: 0, date, noncurrent: false });
    const noncurrentDays = num(bag, 'rule.NoncurrentVersionExpiration.NoncurrentDays');
    if (noncurrentDays !== undefined) out.push({ ...common, days: noncurrentDays, noncurrent: true });
  }
  return out;
}
