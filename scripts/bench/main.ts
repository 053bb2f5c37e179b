/**
 * `pnpm bench`: throughput of trailwarden's hot path on a generated archive of ≥ 1,000,000
 * CloudTrail records (scripts/bench.mjs bundles this file with esbuild and runs it).
 *
 *   (a)  baseline: read + gunzip + JSON.parse each file, count records (naive reader)
 *   (a') the CLI's reader alone (readInputBatches)
 *   (b)  normalize + detect in process, whole catalog, over the naive reader
 *   (c)  `trailwarden scan --format jsonl > /dev/null` with the built CLI bundle, as a user runs it
 *   (c') the same with the in-memory store and no console alerts, when the CLI has those flags
 *   (d)  findings recorded per second into DynamoDB Local at concurrency 1, 8, 32 (store-phase.ts)
 *   (e)  the committed sample archive through the whole local pipeline (embedded store + alerts)
 *
 * Each phase runs in its own process. Options: --records <n> (default 1,000,000),
 * --runs <n> (best of n, default 1), --fixture-share <0..1> (share of records taken from rule
 * fixtures, default 0.01; see archive.ts), --no-cli (skip (c)), --no-store (skip (d) and (e)),
 * --store-findings <n> (findings per (d) run, default 1,000).
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_FIXTURE_SHARE, ensureBenchArchive } from './archive.js';
import { measureChild } from './child.js';
import { cliRows } from './cli-phase.js';
import { PHASES, type PhaseName, type PhaseResult, runPhase } from './phases.js';
import { evaluateTargets, formatReport, type PhaseRow, rate } from './report.js';
import { storeSection } from './store-phase.js';

const LABELS: Record<PhaseName, { id: string; label: string }> = {
  baseline: { id: 'a', label: 'read + gunzip + JSON.parse' },
  'cli-reader': { id: "a'", label: 'CLI reader (readInputBatches)' },
  'in-process': { id: 'b', label: 'normalize + detect, in process' },
};

const log = (line: string): void => void process.stderr.write(`${line}\n`);

function isPhase(value: string): value is PhaseName {
  return (PHASES as readonly string[]).includes(value);
}

/** Runs one phase in a child process (this same script with `--phase`), best of `runs`. */
async function phaseRow(name: PhaseName, dir: string, runs: number): Promise<PhaseRow> {
  let best: PhaseResult | undefined;
  let failure: string | undefined;
  for (let run = 0; run < runs; run++) {
    const child = await measureChild(
      process.execPath,
      [...process.execArgv, process.argv[1] as string, '--phase', name, '--dir', dir],
      { discardStdout: false },
    );
    if (child.exitCode !== 0) {
      failure = `failed (exit ${child.exitCode}): ${child.stderr.trim().split('\n').slice(-3).join(' ')}`;
      continue;
    }
    const result = JSON.parse(child.stdout) as PhaseResult;
    if (!best || rate(result.records, result.wallMs) > rate(best.records, best.wallMs)) best = result;
  }
  const { id, label } = LABELS[name];
  if (!best) return { id, label, records: 0, wallMs: 0, note: failure ?? 'not run' };
  const notes: string[] = [];
  if (best.findings !== undefined) notes.push(`${best.findings.toLocaleString('en-US')} findings`);
  if (best.detectMs !== undefined) {
    notes.push(
      `normalize + detect alone: ${Math.round(rate(best.records, best.detectMs)).toLocaleString('en-US')} records/s`,
    );
  }
  if (best.errors) notes.push(`${best.errors} parse/rule errors`);
  return {
    id,
    label,
    records: best.records,
    wallMs: best.wallMs,
    cpuMs: best.cpuMs,
    peakRssBytes: best.peakRssBytes,
    ...(notes.length > 0 && { note: notes.join('; ') }),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      records: { type: 'string', default: '1000000' },
      runs: { type: 'string', default: '1' },
      'fixture-share': { type: 'string', default: String(DEFAULT_FIXTURE_SHARE) },
      'no-cli': { type: 'boolean', default: false },
      'no-store': { type: 'boolean', default: false },
      'store-findings': { type: 'string', default: '1000' },
      'stale-cli': { type: 'boolean', default: false },
      root: { type: 'string', default: process.cwd() },
      phase: { type: 'string' },
      dir: { type: 'string' },
    },
  });
  if (values.phase !== undefined) {
    if (!isPhase(values.phase) || values.dir === undefined)
      throw new Error(`bad phase invocation: ${values.phase}`);
    process.stdout.write(JSON.stringify(await runPhase(values.phase, values.dir)));
    return;
  }
  const records = Number(values.records);
  const runs = Number(values.runs);
  if (!Number.isInteger(records) || records < 1000)
    throw new Error(`--records must be an integer ≥ 1000, got ${values.records}`);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs must be a positive integer, got ${values.runs}`);
  const fixtureShare = Number(values['fixture-share']);
  if (!(fixtureShare >= 0 && fixtureShare <= 1)) {
    throw new Error(`--fixture-share must be between 0 and 1, got ${values['fixture-share']}`);
  }
  const root = resolve(values.root);
  const archive = await ensureBenchArchive(root, records, log, { fixtureShare });
  const how = archive.cached ? 'cached' : `generated in ${(archive.generationMs / 1000).toFixed(1)} s`;
  log(`archive: ${archive.dir} (${how})`);
  const rows: PhaseRow[] = [];
  for (const name of PHASES) {
    log(`running ${LABELS[name].id} …`);
    rows.push(await phaseRow(name, archive.dir, runs));
  }
  if (!values['no-cli']) {
    const stale = 'STALE BUNDLE (pnpm build failed, so this is an earlier build)';
    for (const row of await cliRows(root, archive.dir, archive.records, runs, log)) {
      rows.push(values['stale-cli'] ? { ...row, note: `${stale}; ${row.note ?? ''}` } : row);
    }
  }
  const byId = (id: string) => rows.find((row) => row.id === id && row.records > 0);
  const a = byId('a');
  const header = [
    `trailwarden bench: ${archive.records.toLocaleString('en-US')} records in ${archive.files} files`,
    `(${Math.round(archive.bytes / 1024 / 1024)} MB gzipped, ${how}; ${archive.fixtureShare * 100}% from rule fixtures), best of ${runs};`,
    `node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}),`,
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  ].join(' ');
  const targets = a ? evaluateTargets(a, byId('b'), byId('c')) : [];
  process.stdout.write(formatReport(header, rows, targets));
  if (!values['no-store']) {
    const findings = Number(values['store-findings']);
    if (!Number.isInteger(findings) || findings < 100) {
      throw new Error(`--store-findings must be an integer ≥ 100, got ${values['store-findings']}`);
    }
    process.stdout.write(await storeSection(root, findings, log));
  }
}

await main();
