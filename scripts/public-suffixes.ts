/**
 * The ICANN public-suffix rules as text, one per line in the list's own syntax ("co.uk",
 * "*.kawasaki.jp", "!city.kawasaki.jp"), read at build time out of tldts-icann's data, so the
 * background's file (public-suffixes.txt) and the pages' tldts-icann are one list of one
 * version (issue 16). tldts-icann keeps its rules as a flat trie (labels right to left, nodes
 * shared): every path from a root to a node marked as a rule is one rule.
 */
import { createRequire } from 'node:module';

interface FlatTrie {
  nodeFlags: Uint8Array;
  edgeStart: Uint16Array;
  edgeLength: Uint8Array;
  edgeChild: Uint16Array;
  labelText: string;
  rulesRoot: number;
  exceptionsRoot: number;
}

/** The CommonJS build of tldts-icann's data module (no type declarations beside it). */
const trie = createRequire(import.meta.url)('tldts-icann/dist/cjs/src/data/trie.js') as FlatTrie;

/** Bit 0 of a node's flags: a rule (tldts-icann's ICANN flag; its only one). */
const RULE = 1;

export function publicSuffixRules(t: FlatTrie = trie): string[] {
  // Where each edge's label starts in labelText: the edges' labels are laid end to end.
  const offsets: number[] = [];
  for (let edge = 0, offset = 0; edge < t.edgeLength.length; edge++) {
    offsets.push(offset);
    offset += t.edgeLength[edge]!;
  }
  const rules: string[] = [];
  const walk = (node: number, name: string, prefix: string, depth: number): void => {
    if (depth > 16) throw new Error('public suffixes: the trie is deeper than any rule');
    if (name !== '' && (t.nodeFlags[node]! & RULE) !== 0) rules.push(prefix + name);
    for (let edge = t.edgeStart[node]!; edge < t.edgeStart[node + 1]!; edge++) {
      const label = t.labelText.slice(offsets[edge], offsets[edge]! + t.edgeLength[edge]!);
      walk(t.edgeChild[edge]!, name === '' ? label : `${label}.${name}`, prefix, depth + 1);
    }
  };
  walk(t.rulesRoot, '', '', 0);
  walk(t.exceptionsRoot, '', '!', 0);
  if (rules.length < 1000) throw new Error(`public suffixes: only ${rules.length} rules read from tldts-icann; has its data format changed?`);
  return rules.sort();
}

export function publicSuffixesText(): string {
  return `${publicSuffixRules().join('\n')}\n`;
}
