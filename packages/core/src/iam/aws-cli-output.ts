/**
 * Where the AWS CLI puts a policy document in its output, outermost first:
 * - `aws iam get-policy-version` → `PolicyVersion.Document` (URL-encoded JSON);
 * - `aws iam get-role` → `Role.AssumeRolePolicyDocument` (URL-encoded JSON);
 * - `aws organizations describe-policy` → `Policy.Content` (JSON string);
 * - `aws iam get-role-policy` / `get-user-policy` / `get-group-policy` → `PolicyDocument`;
 * - `aws s3api get-bucket-policy`, `aws kms get-key-policy` → `Policy` (JSON string).
 *
 * `Policy.Content` comes before `Policy` so that describe-policy's object is not taken for the document.
 */
const CLI_WRAPPERS: readonly (readonly string[])[] = [
  ['PolicyVersion', 'Document'],
  ['Role', 'AssumeRolePolicyDocument'],
  ['Policy', 'Content'],
  ['PolicyDocument'],
  ['Policy'],
];

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function at(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) current = isRecord(current) ? current[key] : undefined;
  return current;
}

/**
 * The policy document inside the parsed JSON output of an AWS CLI command (see the wrappers
 * above), as a string or an object for `parsePolicy`. Anything else — a document itself (it has
 * a `Statement`), an array, a string, output with no known wrapper — is returned unchanged, so
 * the parser reports on what the user gave.
 *
 * @example
 * ```ts
 * const output = JSON.parse('{"Policy":"{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[]}"}');
 * parsePolicy(unwrapAwsCliOutput(output)); // the bucket policy from aws s3api get-bucket-policy
 * ```
 */
export function unwrapAwsCliOutput(value: unknown): unknown {
  if (!isRecord(value) || 'Statement' in value) return value;
  for (const path of CLI_WRAPPERS) {
    const inner = at(value, path);
    if (typeof inner === 'string' || (inner !== null && typeof inner === 'object')) return inner;
  }
  return value;
}
