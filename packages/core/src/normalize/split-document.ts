import { isBag } from './values.js';

/**
 * The items of a container document, or `undefined` when `doc` is itself one item:
 * - a CloudTrail log file `{"Records": [...]}` → its records;
 * - `aws cloudtrail lookup-events` output `{"Events": [...], "NextToken": …}` → its entries;
 * - a JSON array → its elements.
 *
 * @example
 * splitDocument({ Records: [a, b] }); // [a, b]
 * splitDocument(record);              // undefined
 */
export function splitDocument(doc: unknown): readonly unknown[] | undefined {
  if (Array.isArray(doc)) return doc;
  if (!isBag(doc)) return undefined;
  if (Array.isArray(doc.Records)) return doc.Records;
  if (Array.isArray(doc.Events)) return doc.Events;
  return undefined;
}
