import { isMap, isScalar, isSeq, type LineCounter, type Node, type ParsedNode } from 'yaml';
import type { SettingsPath } from './format-issues.js';

/** The parts of a parsed YAML document the locator needs. */
export interface LocatableDocument {
  readonly contents: ParsedNode | null;
}

function keyMatches(key: unknown, part: string | number): boolean {
  return isScalar(key) ? String(key.value) === String(part) : key === part;
}

function startOf(node: Node | null | undefined): number | undefined {
  return node?.range?.[0];
}

/**
 * The 1-based line of a path in a YAML (or JSON) document: the value's line, or the key's
 * when `atKey`; for a path that does not exist (a missing required key), the line of the
 * deepest part that does, so the message points at the mapping that lacks the key.
 *
 * @example
 * lineOf(document, lineCounter, ['suppressions', 2, 'expires'], false); // 14
 */
export function lineOf(
  document: LocatableDocument,
  lineCounter: LineCounter,
  path: SettingsPath,
  atKey: boolean,
): number | undefined {
  let node: Node | null | undefined = document.contents;
  let offset = startOf(node);
  for (const [index, part] of path.entries()) {
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => keyMatches(item.key, part));
      if (!pair) break;
      const keyNode = isScalar(pair.key) ? pair.key : undefined;
      if (last && atKey) {
        offset = startOf(keyNode) ?? offset;
        break;
      }
      node = pair.value as Node | null;
      offset = startOf(node) ?? startOf(keyNode) ?? offset;
    } else if (isSeq(node) && typeof part === 'number') {
      const item: unknown = node.items[part];
      if (item === undefined) break;
      node = item as Node;
      offset = startOf(node) ?? offset;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}
