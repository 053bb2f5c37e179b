/**
 * A finding's `context` without the keys whose value is `undefined`, so that evidence reads
 * the same whether a record had a field or not (and stores cleanly: DynamoDB rejects
 * `undefined` attributes).
 *
 * @example
 * evidence({ userName: 'alice', mfaIdentifier: undefined }); // { userName: 'alice' }
 */
export function evidence(fields: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out;
}
