/**
 * Time formats CloudTrail uses, and the S3 layout of its log files. Everything is UTC.
 */

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/**
 * CloudTrail's `eventTime` form: ISO-8601 to the second, `Z`.
 *
 * @example
 * isoSeconds(Date.UTC(2024, 4, 14, 9, 5, 7)); // '2024-05-14T09:05:07Z'
 */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/**
 * The key of a CloudTrail log file in its trail bucket:
 * `AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<suffix>.json.gz`.
 *
 * @example
 * logFileKey('111122223333', 'us-east-1', Date.UTC(2024, 4, 14, 10, 5), 'Ab12Cd34Ef56Gh78');
 * // 'AWSLogs/111122223333/CloudTrail/us-east-1/2024/05/14/111122223333_CloudTrail_us-east-1_20240514T1005Z_Ab12Cd34Ef56Gh78.json.gz'
 */
export function logFileKey(account: string, region: string, deliveredMs: number, suffix: string): string {
  const d = new Date(deliveredMs);
  const yyyy = String(d.getUTCFullYear());
  const mm = pad(d.getUTCMonth() + 1);
  const dd = pad(d.getUTCDate());
  const stamp = `${yyyy}${mm}${dd}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}Z`;
  return `AWSLogs/${account}/CloudTrail/${region}/${yyyy}/${mm}/${dd}/${account}_CloudTrail_${region}_${stamp}_${suffix}.json.gz`;
}

/** Matches a key written by {@link logFileKey}; the groups are account, region, date path and stamp. */
export const LOG_FILE_KEY =
  /^AWSLogs\/(\d{12})\/CloudTrail\/([a-z]{2}(?:-[a-z]+)+-\d)\/(\d{4}\/\d{2}\/\d{2})\/\1_CloudTrail_\2_(\d{8}T\d{4}Z)_[A-Za-z0-9]{16}\.json\.gz$/;

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** IAM writes dates in responseElements like `May 14, 2024 4:31:22 PM`. */
const IAM_DATE =
  /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{1,2}), (\d{4}) (\d{1,2}):(\d{2}):(\d{2}) (AM|PM)$/;

/** Epoch milliseconds of an ISO-8601 UTC timestamp, or undefined when it is not one. */
export function parseIso(value: string): number | undefined {
  if (!ISO.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * A timestamp string moved by `deltaMs`, written in the same form (ISO with its fractional
 * digits, or IAM's `Mon D, YYYY h:mm:ss AM`); undefined when `value` is not a timestamp.
 *
 * @example
 * shiftTimestamp('2024-05-14T10:00:00Z', 3_600_000);    // '2024-05-14T11:00:00Z'
 * shiftTimestamp('May 14, 2024 11:30:00 PM', 3_600_000); // 'May 15, 2024 12:30:00 AM'
 */
export function shiftTimestamp(value: string, deltaMs: number): string | undefined {
  const iso = ISO.exec(value);
  if (iso) {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) return undefined;
    const shifted = new Date(ms + deltaMs).toISOString().slice(0, 19);
    const fraction = iso[7];
    if (fraction === undefined) return `${shifted}Z`;
    const millis = pad(new Date(ms + deltaMs).getUTCMilliseconds(), 3);
    return `${shifted}.${millis.padEnd(fraction.length - 1, '0').slice(0, fraction.length - 1)}Z`;
  }
  const iam = IAM_DATE.exec(value);
  if (iam) {
    const [, mon, day, year, hour, minute, second, half] = iam;
    let h = Number(hour) % 12;
    if (half === 'PM') h += 12;
    const ms = Date.UTC(
      Number(year),
      MONTHS.indexOf(mon as string),
      Number(day),
      h,
      Number(minute),
      Number(second),
    );
    const d = new Date(ms + deltaMs);
    const h24 = d.getUTCHours();
    const h12 = h24 % 12 === 0 ? 12 : h24 % 12;
    return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} ${h12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h24 < 12 ? 'AM' : 'PM'}`;
  }
  return undefined;
}

/**
 * A copy of a JSON value with every timestamp string moved by `deltaMs` (see
 * {@link shiftTimestamp}); other values are kept as they are.
 */
export function shiftTimestamps(value: unknown, deltaMs: number): unknown {
  if (typeof value === 'string') return shiftTimestamp(value, deltaMs) ?? value;
  if (Array.isArray(value)) return value.map((item) => shiftTimestamps(item, deltaMs));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = shiftTimestamps(item, deltaMs);
    return out;
  }
  return value;
}
