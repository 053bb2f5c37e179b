import type { Env, Names } from './names.js';
import type { Random } from './random.js';
import { type CallSpec, cloudTrailRecord, type SampleRecord } from './records.js';
import { type Caller, GLOBAL_SOURCES, HOME_REGION } from './world.js';

/**
 * Records of one activity (a console session, a deploy run …) in time order: each call
 * happens a few seconds after the previous one, in the activity's account and region, except
 * that global services are recorded in us-east-1 as CloudTrail does.
 */
export class Timeline {
  readonly rng: Random;
  readonly names: Names;
  readonly account: string;
  readonly region: string;
  readonly records: SampleRecord[] = [];
  #now: number;

  constructor(rng: Random, names: Names, account: string, region: string, startMs: number) {
    this.rng = rng;
    this.names = names;
    this.account = account;
    this.region = region;
    this.#now = startMs;
  }

  /** Current time of the activity (epoch ms). */
  get now(): number {
    return this.#now;
  }

  /** The environment call builders need, for this activity's account and region. */
  get env(): Env {
    return { rng: this.rng, names: this.names, account: this.account, region: this.region };
  }

  /** Moves the clock on by a random number of seconds in [min, max]. */
  wait(minSeconds: number, maxSeconds: number): void {
    this.#now += this.rng.int(minSeconds * 1000, maxSeconds * 1000);
  }

  /** Records `call` by `caller` now, then moves the clock on by 1–`maxGapSeconds` seconds. */
  call(caller: Caller, call: CallSpec, maxGapSeconds = 20): void {
    const region = GLOBAL_SOURCES.has(call.source) ? HOME_REGION : this.region;
    this.records.push(
      cloudTrailRecord({ rng: this.rng, account: this.account, region, timeMs: this.#now, caller }, call),
    );
    this.wait(1, maxGapSeconds);
  }

  /** Records each call in turn. */
  calls(caller: Caller, calls: readonly CallSpec[], maxGapSeconds = 20): void {
    for (const call of calls) this.call(caller, call, maxGapSeconds);
  }
}
