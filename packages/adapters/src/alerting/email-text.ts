import type { StoredFinding } from '@trailwarden/core';
import { actorDetails, findingActorLabel } from './actor-label.js';
import type { TrimNote } from './alert-body.js';
import { findingConsoleUrl } from './console-links.js';
import { evidenceLines } from './evidence.js';
import { SEVERITY_STYLE } from './severity-style.js';
import { readableTime } from './text.js';

export interface EmailTextOptions {
  /** Console link; defaults to {@link findingConsoleUrl}. */
  readonly consoleUrl?: string | undefined;
  /** Set when the evidence was trimmed to fit the message size limit. */
  readonly trimmed?: TrimNote | undefined;
}

/**
 * A finding as plain text for a mail client: title, summary, then labelled lines a reader
 * can scan (severity, who, what, where, when), the evidence, the runbook, references and the
 * ids and link needed to follow up. Plain text because SNS email subscriptions send text only.
 *
 * @example
 * const body = renderEmailText(finding);
 * // '[CRITICAL] Root user signed in to the console without MFA\n\nroot signed in …'
 */
export function renderEmailText(finding: StoredFinding, options: EmailTextOptions = {}): string {
  const style = SEVERITY_STYLE[finding.severity];
  const consoleUrl = options.consoleUrl ?? findingConsoleUrl(finding);
  const actor = finding.actor;
  const out: string[] = [];

  out.push(`[${style.label}] ${finding.title}`, '', finding.summary, '');
  const rows: [string, string][] = [
    ['Severity', style.label],
    ['Rule', `${finding.ruleId} (${finding.category})`],
    ['Who', `${findingActorLabel(actor)} (${actorDetails(actor)})`],
  ];
  if (actor.arn) rows.push(['Actor ARN', actor.arn]);
  if (actor.userAgent) rows.push(['User agent', actor.userAgent]);
  rows.push(['What', `${finding.eventSource} ${finding.eventName}`]);
  rows.push(['Where', `account ${finding.account}, region ${finding.region}`]);
  finding.resources.forEach((resource, index) => {
    rows.push([index === 0 ? 'Resources' : '', resource]);
  });
  rows.push(['When', readableTime(finding.time)]);
  rows.push(['Status', statusLine(finding)]);
  if (finding.suppression) {
    rows.push(['Suppressed', `by ${finding.suppression.owner} until ${finding.suppression.expires}`]);
  }
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  for (const [label, value] of rows) out.push(`${label ? `${label}:` : ''}`.padEnd(width) + value);

  const evidence = evidenceLines(finding.context, { maxLines: 30, maxLineLength: 300 });
  if (evidence.length > 0 || options.trimmed) {
    out.push('', 'Evidence');
    for (const line of evidence) out.push(`  ${line}`);
    if (options.trimmed) out.push(`  (${options.trimmed.reason})`);
  }

  if (finding.runbook.trim() !== '') out.push('', 'Runbook', '', finding.runbook.trim());

  const refs = referenceLines(finding);
  if (refs.length > 0) out.push('', 'References', ...refs.map((line) => `  ${line}`));

  out.push('', `Finding id: ${finding.id}`, `Event id:   ${finding.eventId}`);
  if (consoleUrl) out.push(`Console:    ${consoleUrl}`);
  out.push('', '-- ', 'Sent by trailwarden.');
  return `${out.join('\n')}\n`;
}

function statusLine(finding: StoredFinding): string {
  const seen =
    finding.count > 1
      ? `, seen ${finding.count} times (first ${readableTime(finding.firstSeen)}, last ${readableTime(finding.lastSeen)})`
      : '';
  return `${finding.status}${seen}`;
}

function referenceLines(finding: StoredFinding): string[] {
  const { cis, securityHub, mitre, links } = finding.references;
  const lines: string[] = [];
  if (cis?.length) lines.push(`CIS AWS Foundations: ${cis.join(', ')}`);
  if (securityHub?.length) lines.push(`Security Hub: ${securityHub.join(', ')}`);
  if (mitre?.length) lines.push(`MITRE ATT&CK: ${mitre.join(', ')}`);
  for (const link of links ?? []) lines.push(link);
  return lines;
}
