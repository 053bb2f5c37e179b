import type { Command } from 'commander';

/** `--help` text on the alert options, shared by `scan` and `alerts retry`. */
export const ALERT_HELP = `
Alerts:
  New findings (not repeats inside their dedupe window, not suppressed) are alerted once, after
  they are recorded. The console channel prints them on stderr, so stdout keeps only the finding
  stream (--no-console-alerts turns it off). --sns-topic (else alerts.sns.topicArn in the
  settings) publishes to SNS, honouring AWS_ENDPOINT_URL_SNS; --slack-webhook (else the variable
  named by alerts.slack.webhookUrlEnv) posts to Slack. Each channel takes the severities from
  its alerts.<channel>.minSeverity up (defaults: console info, sns low, slack medium). A finding
  is marked alerted only when every channel it is routed to accepted it; the others stay in
  the outbox for \`trailwarden alerts retry\`.
`;

/**
 * Adds `--sns-topic`, `--slack-webhook` and `--no-console-alerts`; read them back as `AlertFlags`.
 *
 * @example
 * addAlertOptions(program.command('alerts').command('retry'));
 */
export function addAlertOptions(command: Command): Command {
  return command
    .option('--sns-topic <arn>', 'publish alerts to this SNS topic (default: alerts.sns.topicArn)')
    .option('--slack-webhook <url>', 'post alerts to this Slack incoming webhook')
    .option('--no-console-alerts', 'do not print alerts on stderr');
}
