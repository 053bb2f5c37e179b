import { describe, expect, it } from 'vitest';
import { splitDocument } from './split-document.js';

const record = { eventSource: 'iam.amazonaws.com', eventName: 'CreateUser' };

describe('splitDocument', () => {
  it.each([
    ['a CloudTrail log file', { Records: [record, record] }, [record, record]],
    ['an empty log file', { Records: [] }, []],
    [
      'lookup-events output',
      { Events: [{ CloudTrailEvent: '{}' }], NextToken: 'abc' },
      [{ CloudTrailEvent: '{}' }],
    ],
    ['a JSON array', [record, 1], [record, 1]],
  ])('%s → its items', (_name, doc, expected) => {
    expect(splitDocument(doc)).toEqual(expected);
  });

  it.each([
    ['a record', record],
    ['an EventBridge event', { 'detail-type': 'AWS API Call via CloudTrail', detail: record }],
    ['Records that is not an array', { Records: 'nope' }],
    ['Events that is not an array', { Events: { a: 1 } }],
    ['null', null],
    ['a string', 'Records'],
    ['a number', 3],
  ])('%s → undefined (it is one item)', (_name, doc) => {
    expect(splitDocument(doc)).toBeUndefined();
  });

  it('returns the same array without copying it', () => {
    const records = [record];
    expect(splitDocument({ Records: records })).toBe(records);
  });
});
