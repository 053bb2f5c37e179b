import type { Severity } from '@trailwarden/core';

/** How a severity looks in each channel. */
export interface SeverityStyle {
  /** Upper-case label for subjects and plain text, e.g. `CRITICAL`. */
  readonly label: string;
  /** Slack emoji short code (Slack renders it in headers and mrkdwn). */
  readonly slackEmoji: string;
  /** Unicode emoji, for channels without Slack short codes (AWS Chatbot in Teams, terminals). */
  readonly emoji: string;
  /** Slack attachment colour bar. */
  readonly color: string;
  /** ANSI SGR code for terminals. */
  readonly ansi: string;
}

/**
 * The single place severities get their look, so Slack, email, Chatbot and the CLI agree.
 *
 * @example
 * SEVERITY_STYLE.critical.label; // 'CRITICAL'
 */
export const SEVERITY_STYLE: Readonly<Record<Severity, SeverityStyle>> = {
  info: { label: 'INFO', slackEmoji: ':information_source:', emoji: '⚪', color: '#8D99A6', ansi: '2' },
  low: { label: 'LOW', slackEmoji: ':large_blue_circle:', emoji: '🔵', color: '#2E77D0', ansi: '34' },
  medium: { label: 'MEDIUM', slackEmoji: ':large_yellow_circle:', emoji: '🟡', color: '#E8A317', ansi: '33' },
  high: { label: 'HIGH', slackEmoji: ':large_orange_circle:', emoji: '🟠', color: '#E36209', ansi: '1;33' },
  critical: { label: 'CRITICAL', slackEmoji: ':red_circle:', emoji: '🔴', color: '#C4001A', ansi: '1;31' },
};
