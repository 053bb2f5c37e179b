import type { Rule } from '../rules/define-rule.js';

/**
 * Rules indexed by `eventSource` + `eventName`, so that a record meets only its candidate
 * rules. Wildcard rules (`events: '*'`) are candidates for every record. Two levels of maps
 * (source, then name) rather than one keyed by `source + name`: the lookup, once per record,
 * then builds no string.
 */
export class RuleIndex {
  readonly #byEvent = new Map<string, Map<string, readonly Rule[]>>();
  readonly #wildcard: readonly Rule[];

  constructor(rules: readonly Rule[]) {
    const wildcard: Rule[] = [];
    const byEvent = new Map<string, Map<string, Rule[]>>();
    for (const rule of rules) {
      if (rule.events === '*') {
        wildcard.push(rule);
        continue;
      }
      for (const selector of rule.events) {
        let names = byEvent.get(selector.source);
        if (!names) {
          names = new Map();
          byEvent.set(selector.source, names);
        }
        for (const name of selector.names) {
          const list = names.get(name) ?? [];
          if (!list.includes(rule)) list.push(rule);
          names.set(name, list);
        }
      }
    }
    this.#wildcard = wildcard;
    for (const [source, names] of byEvent) {
      const withWildcard = new Map<string, readonly Rule[]>();
      for (const [name, list] of names) withWildcard.set(name, [...list, ...wildcard]);
      this.#byEvent.set(source, withWildcard);
    }
  }

  /** The rules that may match an event with this source and name. */
  candidates(eventSource: string, eventName: string): readonly Rule[] {
    return this.#byEvent.get(eventSource)?.get(eventName) ?? this.#wildcard;
  }
}
