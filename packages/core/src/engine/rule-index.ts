import type { Rule } from '../rules/define-rule.js';

/**
 * Rules indexed by `eventSource` + `eventName`, so that a record meets only its candidate
 * rules. Wildcard rules (`events: '*'`) are candidates for every record.
 */
export class RuleIndex {
  readonly #byEvent = new Map<string, readonly Rule[]>();
  readonly #wildcard: readonly Rule[];

  constructor(rules: readonly Rule[]) {
    const wildcard: Rule[] = [];
    const byEvent = new Map<string, Rule[]>();
    for (const rule of rules) {
      if (rule.events === '*') {
        wildcard.push(rule);
        continue;
      }
      for (const selector of rule.events) {
        for (const name of selector.names) {
          const key = `${selector.source}\u0000${name}`;
          const list = byEvent.get(key) ?? [];
          if (!list.includes(rule)) list.push(rule);
          byEvent.set(key, list);
        }
      }
    }
    this.#wildcard = wildcard;
    for (const [key, list] of byEvent) this.#byEvent.set(key, [...list, ...wildcard]);
  }

  /** The rules that may match an event with this source and name. */
  candidates(eventSource: string, eventName: string): readonly Rule[] {
    return this.#byEvent.get(`${eventSource}\u0000${eventName}`) ?? this.#wildcard;
  }
}
