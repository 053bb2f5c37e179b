import { describe, expect, it } from 'vitest';
import { expiringRules } from './s3-lifecycle.js';

const config = (rule: unknown) => ({ LifecycleConfiguration: { Rule: rule } });

describe('expiringRules', () => {
  it.each([
    [
      'one enabled rule, 1 day',
      config({ ID: 'purge', Status: 'Enabled', Filter: { Prefix: '' }, Expiration: { Days: 1 } }),
      [{ id: 'purge', prefix: '', days: 1, noncurrent: false }],
    ],
    [
      'a disabled rule deletes nothing',
      config({ ID: 'purge', Status: 'Disabled', Expiration: { Days: 1 } }),
      [],
    ],
    [
      'fixed date',
      config({ ID: 'cutoff', Status: 'Enabled', Expiration: { Date: '2026-03-15T00:00:00Z' } }),
      [{ id: 'cutoff', days: 0, date: '2026-03-15T00:00:00Z', noncurrent: false }],
    ],
    [
      'transition only, and noncurrent versions',
      config([
        { ID: 'archive', Status: 'Enabled', Transition: { Days: 90, StorageClass: 'GLACIER' } },
        {
          ID: 'versions',
          Status: 'Enabled',
          Filter: { And: { Prefix: 'AWSLogs/' } },
          NoncurrentVersionExpiration: { NoncurrentDays: '30' },
        },
      ]),
      [{ id: 'versions', prefix: 'AWSLogs/', days: 30, noncurrent: true }],
    ],
    [
      'delete markers only',
      config({ ID: 'markers', Status: 'Enabled', Expiration: { ExpiredObjectDeleteMarker: true } }),
      [],
    ],
    ['no configuration', {}, []],
  ])('%s', (_name, requestParameters, expected) => {
    expect(expiringRules(requestParameters)).toEqual(expected);
  });
});
