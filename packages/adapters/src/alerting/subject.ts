import type { Finding } from '@trailwarden/core';
import { SEVERITY_STYLE } from './severity-style.js';
import { toPrintableAscii, truncateText } from './text.js';

/**
 * SNS requires subjects "less than 100 characters long", printable ASCII, without line breaks
 * (non-ASCII subjects are rejected or replaced by an error text), so 99 is the ceiling.
 */
export const SNS_SUBJECT_MAX = 99;

/**
 * The email subject of an alert: severity, title, account, e.g.
 * `[CRITICAL] Root user signed in to the console without MFA - 111122223333`. Printable ASCII,
 * one line, at most {@link SNS_SUBJECT_MAX} characters; a long title is cut, the severity and
 * the account always stay (they are what a reader triages on).
 *
 * @example
 * alertSubject({ severity: 'high', title: 'IAM user created', account: '111122223333' });
 * // '[HIGH] IAM user created - 111122223333'
 */
export function alertSubject(finding: Pick<Finding, 'severity' | 'title' | 'account'>): string {
  const prefix = `[${SEVERITY_STYLE[finding.severity].label}] `;
  const account = truncateText(toPrintableAscii(finding.account), 20, '...');
  const suffix = account ? ` - ${account}` : '';
  const title = toPrintableAscii(finding.title) || 'trailwarden finding';
  return `${prefix}${truncateText(title, SNS_SUBJECT_MAX - prefix.length - suffix.length, '...')}${suffix}`;
}
