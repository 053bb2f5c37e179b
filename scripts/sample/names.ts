import { ALNUM, Random } from './random.js';
import { ACCOUNTS } from './world.js';

/**
 * Stable names and ids of the resources the benign traffic touches (buckets, functions, keys,
 * instances …). Each id is derived from the seed and a label, never from call order, so a
 * resource keeps its id wherever it first appears.
 */
export class Names {
  readonly #seed: string;
  readonly #ids = new Map<string, string>();

  constructor(seed: string) {
    this.#seed = seed;
  }

  /** Short environment name of an account (`prod`, `staging`, `security`). */
  env(account: string): string {
    return ACCOUNTS.find((a) => a.id === account)?.name ?? 'shared';
  }

  /** A stable random string for `label`. */
  id(label: string, length: number, alphabet = '0123456789abcdef'): string {
    let value = this.#ids.get(label);
    if (value === undefined) {
      value = new Random(`${this.#seed}/name/${label}`).chars(length, alphabet);
      this.#ids.set(label, value);
    }
    return value;
  }

  buckets(account: string, region: string): readonly string[] {
    const env = this.env(account);
    return [
      `examplecorp-${env}-assets-${account}-${region}`,
      `examplecorp-${env}-build-artifacts-${account}-${region}`,
      `examplecorp-${env}-exports-${account}-${region}`,
    ];
  }

  functions(): readonly string[] {
    return ['invoice-worker', 'orders-export', 'thumbnail-resizer'];
  }

  table(account: string): string {
    return `orders-${this.env(account)}`;
  }

  stack(account: string, kind: 'service' | 'data' = 'service'): string {
    return kind === 'service' ? `orders-service-${this.env(account)}` : `orders-data-${this.env(account)}`;
  }

  /** A stable UUID-shaped id for `label`. */
  uuid(label: string): string {
    const hex = this.id(label, 32);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  }

  keyId(account: string, region: string): string {
    return this.uuid(`kms/${account}/${region}`);
  }

  keyArn(account: string, region: string): string {
    return `arn:aws:kms:${region}:${account}:key/${this.keyId(account, region)}`;
  }

  secretArn(account: string, region: string): string {
    const suffix = this.id(`secret/${account}/${region}`, 6, ALNUM);
    return `arn:aws:secretsmanager:${region}:${account}:secret:orders/${this.env(account)}/db-credentials-${suffix}`;
  }

  instanceId(account: string, region: string, n: number): string {
    return `i-0${this.id(`instance/${account}/${region}/${n}`, 16)}`;
  }

  imageId(region: string): string {
    return `ami-0${this.id(`ami/${region}`, 16)}`;
  }

  subnetId(account: string, region: string, n: number): string {
    return `subnet-0${this.id(`subnet/${account}/${region}/${n}`, 16)}`;
  }

  securityGroupId(account: string, region: string): string {
    return `sg-0${this.id(`sg/${account}/${region}`, 16)}`;
  }

  detectorId(account: string, region: string): string {
    return this.id(`guardduty/${account}/${region}`, 32);
  }

  trailArn(account: string): string {
    return `arn:aws:cloudtrail:us-east-1:${account}:trail/organization-trail`;
  }
}

/** What a call builder needs to know: where the call happens and the names to use. */
export interface Env {
  readonly rng: Random;
  readonly account: string;
  readonly region: string;
  readonly names: Names;
}
