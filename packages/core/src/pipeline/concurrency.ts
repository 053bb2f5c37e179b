/**
 * Maps items through an async function with at most `limit` calls in flight, keeping the
 * results in input order. Workers take items in order, so the synchronous part of each call
 * (the pipeline's detection over in-memory state) also runs in input order.
 *
 * @example
 * const results = await mapConcurrent(records, 8, (record) => pipeline.process(record));
 */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
