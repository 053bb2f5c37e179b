/**
 * Small readers for the top-level fields normalization looks at. They read a value once,
 * accept the loose shapes real inputs carry (ids written as numbers, booleans as strings)
 * and never throw.
 */

/** A plain JSON object (not null, not an array). */
export type Bag = Readonly<Record<string, unknown>>;

/** True for a non-null, non-array object. */
export function isBag(value: unknown): value is Bag {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** An object value, or undefined. */
export function bagOf(value: unknown): Bag | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Bag) : undefined;
}

/** The empty bag shared by every event that carried `null` or nothing (frozen: rules only read). */
export const EMPTY_BAG: Bag = Object.freeze({});

/**
 * A string value. Finite numbers become strings because hand-written and re-serialized
 * records sometimes carry account ids as numbers; 12-digit account ids keep their leading zeros.
 */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** An AWS account id: a string, or a number padded back to 12 digits. */
export function accountText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0)
    return String(value).padStart(12, '0');
  return undefined;
}

/** `true`/`false` from a boolean or the strings CloudTrail writes (`"true"`, `"false"`). */
export function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/** How a value reads in an error message: its JSON type. */
export function kindOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * JSON with object keys sorted at every level, so that two copies of the same record hash
 * alike whatever order their keys were written in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const bag = value as Bag;
  const keys = Object.keys(bag)
    .filter((key) => bag[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(bag[key])}`).join(',')}}`;
}

/** Two or four decimal digits at `at`, or -1. */
function digits(text: string, at: number, count: 2 | 4): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

/** Days in a month (1-12) of the proleptic Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to a civil date (Howard Hinnant's `days_from_civil`), integers only. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The last date seen and its epoch day: a log file's records share a handful of dates. */
let lastDate = -1;
let lastDays = 0;

/**
 * Epoch milliseconds of an ISO-8601 time, or 0 when it does not parse. CloudTrail writes
 * `YYYY-MM-DDTHH:MM:SSZ`; reading those digits (plain integer arithmetic, no `Date` call) is
 * several times faster than `Date.parse`, which remains the path for every other form
 * (fractions, offsets, impossible dates).
 *
 * @example
 * epochMs('2024-03-01T09:15:02Z'); // 1709284502000
 */
export function epochMs(time: string): number {
  if (time.length === 20 && time.charCodeAt(10) === 84 && time.charCodeAt(19) === 90) {
    const year = digits(time, 0, 4);
    const month = digits(time, 5, 2);
    const day = digits(time, 8, 2);
    const hour = digits(time, 11, 2);
    const minute = digits(time, 14, 2);
    const second = digits(time, 17, 2);
    if (
      year >= 0 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      hour >= 0 &&
      hour <= 23 &&
      minute >= 0 &&
      minute <= 59 &&
      second >= 0 &&
      second <= 59 &&
      time.charCodeAt(4) === 45 &&
      time.charCodeAt(7) === 45 &&
      time.charCodeAt(13) === 58 &&
      time.charCodeAt(16) === 58 &&
      day <= daysInMonth(year, month)
    ) {
      // Date.UTC reads years 0-99 as 1900-1999; kept so that such times read as they always did.
      if (year < 100) return day <= 28 ? Date.UTC(year, month - 1, day, hour, minute, second) : parsed(time);
      const date = (year * 100 + month) * 100 + day;
      if (date !== lastDate) {
        lastDays = daysFromCivil(year, month, day);
        lastDate = date;
      }
      return ((lastDays * 24 + hour) * 60 + minute) * 60000 + second * 1000;
    }
  }
  return parsed(time);
}

function parsed(time: string): number {
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? 0 : ms;
}
