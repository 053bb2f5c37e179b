import type { Names } from './names.js';
import type { Random } from './random.js';
import type { SampleRecord } from './records.js';
import * as deploy from './scenarios-deploy.js';
import * as people from './scenarios-people.js';
import * as services from './scenarios-services.js';
import { Timeline } from './timeline.js';
import { ACCOUNTS, REGION_WEIGHTS, type World } from './world.js';

/** The period the archive covers. */
export interface Period {
  readonly startMs: number;
  readonly endMs: number;
}

interface ScenarioDef {
  readonly run: (world: World, line: Timeline) => void;
  /** Relative frequency. */
  readonly weight: number;
  /** People work office hours; machines run around the clock. */
  readonly human: boolean;
  /** Only these accounts (default: all, by traffic share). */
  readonly accounts?: readonly string[];
}

const SCENARIOS: readonly ScenarioDef[] = [
  { run: people.consoleSession, weight: 80, human: true },
  { run: people.cliSession, weight: 60, human: true },
  { run: people.iamUserConsole, weight: 10, human: true, accounts: ['444455556666'] },
  { run: deploy.deployRun, weight: 32, human: true },
  { run: services.appTraffic, weight: 140, human: false, accounts: ['111122223333', '444455556666'] },
  { run: services.configRecorder, weight: 40, human: false },
  { run: services.autoScaling, weight: 20, human: false, accounts: ['111122223333', '444455556666'] },
  { run: services.keyRotation, weight: 2, human: false },
  { run: services.securityAudit, weight: 7, human: false, accounts: ['111122223333', '444455556666'] },
  { run: services.billingExport, weight: 12, human: false, accounts: ['123456789012'] },
];

/** Share of human activity starting in each UTC hour: a working day across Europe and the US east coast. */
const HOURS: readonly (readonly [number, number])[] = Array.from({ length: 24 }, (_, hour) => [
  hour,
  hour >= 7 && hour <= 21 ? 6 : hour >= 5 && hour <= 23 ? 2 : 0.5,
]);

/** Activities never start in the last two hours, so none runs past the period. */
const TAIL_MS = 2 * 3_600_000;

function startTime(rng: Random, period: Period, human: boolean): number {
  const usable = period.endMs - TAIL_MS - period.startMs;
  if (!human) return period.startMs + Math.floor(rng.next() * usable);
  const days = Math.max(1, Math.floor(usable / 86_400_000));
  for (;;) {
    const day = rng.int(0, days - 1);
    const hour = rng.weighted(HOURS);
    const ms = period.startMs + day * 86_400_000 + hour * 3_600_000 + rng.int(0, 3_599_999);
    if (ms < period.endMs - TAIL_MS) return ms;
  }
}

/**
 * Benign traffic: activities drawn by weight until `targetRecords` records exist. Each
 * activity takes its account by traffic share and its region by regional weight.
 *
 * @example
 * const records = generateTraffic(createWorld('seed'), new Names('seed'), new Random('seed/traffic'), period, 3600);
 */
export function generateTraffic(
  world: World,
  names: Names,
  rng: Random,
  period: Period,
  targetRecords: number,
): SampleRecord[] {
  const records: SampleRecord[] = [];
  const scenarioWeights = SCENARIOS.map((s) => [s, s.weight] as const);
  while (records.length < targetRecords) {
    const scenario = rng.weighted(scenarioWeights);
    const accounts = ACCOUNTS.filter(
      (a) => scenario.accounts === undefined || scenario.accounts.includes(a.id),
    );
    const account = rng.weighted(accounts.map((a) => [a.id, a.weight] as const));
    const region = rng.weighted(REGION_WEIGHTS);
    const line = new Timeline(rng, names, account, region, startTime(rng, period, scenario.human));
    scenario.run(world, line);
    records.push(...line.records);
  }
  return records;
}
