import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  ALERT_CHANNELS,
  parseSettingsText,
  type Settings,
  SettingsError,
  type Suppression,
  settingsFormatOf,
} from '@trailwarden/core/settings';
import type { Command } from 'commander';
import { EXIT_USAGE } from '../errors.js';
import { type CliIo, processIo } from '../io.js';

const DAY_MS = 86_400_000;

function list(values: readonly string[], empty = 'none'): string {
  return values.length === 0 ? empty : values.join(', ');
}

function expiryText(suppression: Suppression, now: Date): string {
  const left = Date.parse(suppression.expires) - now.getTime();
  if (left <= 0) return `expired ${suppression.expires} (no longer applies)`;
  const days = Math.floor(left / DAY_MS);
  return `expires ${suppression.expires} (${days === 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`})`;
}

function scopeText(suppression: Suppression): string {
  const parts: string[] = [];
  for (const key of ['rules', 'categories', 'principals', 'resources', 'accounts', 'regions'] as const) {
    const values = suppression[key];
    if (values) parts.push(`${key} ${values.join(', ')}`);
  }
  return parts.join('; ');
}

function channelText(settings: Settings): string {
  const channels = ALERT_CHANNELS.flatMap((channel) => {
    const route = settings.alerts[channel];
    if (!route) return [];
    let where = '';
    if (channel === 'sns' && settings.alerts.sns?.topicArn) where = ` to ${settings.alerts.sns.topicArn}`;
    if (channel === 'slack' && settings.alerts.slack?.webhookSecretArn)
      where = ` (webhook from ${settings.alerts.slack.webhookSecretArn})`;
    if (channel === 'slack' && settings.alerts.slack?.webhookUrlEnv)
      where = ` (webhook from $${settings.alerts.slack.webhookUrlEnv})`;
    if (channel === 'email' && settings.alerts.email?.addresses)
      where = ` to ${settings.alerts.email.addresses.join(', ')}`;
    return [`${channel} ≥ ${route.minSeverity}${where}`];
  });
  return list(channels);
}

/**
 * The short summary `settings check` prints for a valid file: what is switched off or
 * changed, the suppressions with their expiry, and where alerts go.
 *
 * @example
 * describeSettings(settings, new Date()); // ['rules disabled: vpc-changed', …]
 */
export function describeSettings(settings: Settings, now: Date): string[] {
  const rules = Object.entries(settings.rules);
  const disabled = rules.filter(([, rule]) => !rule.enabled).map(([id]) => id);
  const severities = rules.flatMap(([id, rule]) => (rule.severity ? [`${id} → ${rule.severity}`] : []));
  const remediation = rules.flatMap(([id, rule]) =>
    rule.remediation !== 'off' ? [`${id} ${rule.remediation}`] : [],
  );
  const windows = rules.flatMap(([id, rule]) =>
    rule.dedupeWindowMinutes !== undefined ? [`${id} ${rule.dedupeWindowMinutes} min`] : [],
  );
  const defaultWindow =
    settings.dedupeWindowMinutes === undefined ? "each rule's own" : `${settings.dedupeWindowMinutes} min`;
  const lines = [
    `rules disabled: ${list(disabled)}`,
    `severity overrides: ${list(severities)}`,
    `remediation: ${list(remediation, 'off for every rule')}`,
    `dedupe windows: ${defaultWindow}${windows.length > 0 ? `; ${windows.join(', ')}` : ''}`,
    `deploy pipelines: ${
      settings.deployPipeline.lowerSeverityBy === 0
        ? 'severity kept'
        : `severity lowered by ${settings.deployPipeline.lowerSeverityBy}`
    }`,
    `suppressions: ${settings.suppressions.length === 0 ? 'none' : settings.suppressions.length}`,
  ];
  for (const suppression of settings.suppressions) {
    lines.push(
      `  ${suppression.id}: owner ${suppression.owner}, ${expiryText(suppression, now)}; ${scopeText(suppression)}`,
    );
  }
  lines.push(`alert channels: ${channelText(settings)}`);
  return lines;
}

async function check(file: string, io: CliIo, clock: () => Date): Promise<void> {
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, file), 'utf8');
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    io.stderr.write(`trailwarden: cannot read settings file ${file}: ${reason}\n`);
    io.exitCode = EXIT_USAGE;
    return;
  }
  let settings: Settings;
  try {
    settings = parseSettingsText(text, settingsFormatOf(file), file);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    io.stderr.write(`${error.message}\n`);
    io.exitCode = EXIT_USAGE;
    return;
  }
  const now = clock();
  const expired = settings.suppressions.filter((s) => Date.parse(s.expires) <= now.getTime()).length;
  const note =
    expired === 0 ? '' : ` (${expired} expired suppression${expired === 1 ? '' : 's'}: renew or remove)`;
  io.stdout.write(`ok: ${file}${note}\n${describeSettings(settings, now).join('\n')}\n`);
}

/**
 * Adds `trailwarden settings check FILE`: validates a settings file (YAML or JSON, by its
 * extension) and prints `ok` with a short summary, exit 0; or every problem with its line,
 * exit 2. `io` and `clock` default to the process and the system clock.
 *
 * @example
 * registerSettingsCommands(program, io);
 * await program.parseAsync(['settings', 'check', 'trailwarden.config.yaml'], { from: 'user' });
 */
export function registerSettingsCommands(
  program: Command,
  io?: CliIo,
  clock: () => Date = () => new Date(),
): void {
  const settings = program.command('settings').description('Work with the settings file');
  settings
    .command('check')
    .description('Validate a settings file (trailwarden.config.yaml or .json) and summarize it')
    .argument('<file>', 'settings file; .json is read as JSON, anything else as YAML')
    .addHelpText(
      'after',
      '\nExit codes:\n  0  the file is valid (the summary follows "ok")\n  2  the file cannot be read or is invalid (each problem is listed with its line)\n',
    )
    .action(async (file: string) => {
      await check(file, io ?? processIo(), clock);
    });
}
