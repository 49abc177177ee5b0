// The year-to-year item map: which items of one framework continue which of another (from each item's `continues`),
// classified as a web admin relabelling last year's ITA page needs it: same, renumbered, merged, split, new, dropped.
import type { RuleSet } from '../model/rule-set.js';

export type MoveKind = 'same' | 'renumbered' | 'merged' | 'split' | 'regrouped' | 'new' | 'dropped';

/** One group of the map: items of the older list (`from`) and the items of the newer list they became (`to`). */
export interface ItemMove {
  kind: MoveKind;
  from: string[];
  to: string[];
}

/** Pairs (old id, new id) of one step: the newer framework's items and what each continues. */
export type Edges = Array<[string, string]>;

export const stepEdges = (newer: Pick<RuleSet, 'items'>): Edges => newer.items.flatMap((i) => (i.continues ?? []).map((o): [string, string] => [o, i.id]));

/** Edges old→new composed along a chain of steps (A→B then B→C gives A→C). */
export function composeEdges(steps: readonly Edges[]): Edges {
  let out = steps[0] ?? [];
  for (const next of steps.slice(1)) {
    const seen = new Set<string>();
    const joined: Edges = [];
    for (const [a, b] of out)
      for (const [c, d] of next)
        if (b === c && !seen.has(`${a}>${d}`)) {
          seen.add(`${a}>${d}`);
          joined.push([a, d]);
        }
    out = joined;
  }
  return out;
}

const num = (id: string) => Number(id.slice(1));
const byNumber = (a: string, b: string) => num(a) - num(b);

/**
 * Groups the edges into moves (connected groups of old and new items), and adds the old items nothing continues
 * (dropped) and the new items that continue nothing (new). Ordered by the new numbering, dropped items last.
 */
export function movesOf(edges: Edges, oldIds: readonly string[], newIds: readonly string[]): ItemMove[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    const p = parent.get(x) ?? x;
    if (p === x) return x;
    const r = find(p);
    parent.set(x, r);
    return r;
  };
  const union = (a: string, b: string) => parent.set(find(a), find(b));
  for (const [o, n] of edges) union(`o:${o}`, `n:${n}`);
  const groups = new Map<string, { from: Set<string>; to: Set<string> }>();
  const add = (key: string, side: 'from' | 'to', id: string) => {
    const root = find(key);
    const g = groups.get(root) ?? { from: new Set<string>(), to: new Set<string>() };
    g[side].add(id);
    groups.set(root, g);
  };
  for (const o of oldIds) add(`o:${o}`, 'from', o);
  for (const n of newIds) add(`n:${n}`, 'to', n);
  const moves = [...groups.values()].map(({ from, to }): ItemMove => {
    const f = [...from].sort(byNumber);
    const t = [...to].sort(byNumber);
    const kind: MoveKind = !f.length ? 'new' : !t.length ? 'dropped' : f.length === 1 && t.length === 1 ? (f[0] === t[0] ? 'same' : 'renumbered') : t.length === 1 ? 'merged' : f.length === 1 ? 'split' : 'regrouped';
    return { kind, from: f, to: t };
  });
  const key = (m: ItemMove) => (m.to.length ? num(m.to[0]!) : 1000 + num(m.from[0]!));
  return moves.sort((a, b) => key(a) - key(b));
}

/** The map from the framework a rule set continues (its `previous`) to the rule set itself. */
export function mapFromPrevious(rs: Pick<RuleSet, 'items'>, previousIds?: readonly string[]): ItemMove[] {
  const edges = stepEdges(rs);
  const olds = previousIds ?? [...new Set(edges.map(([o]) => o))];
  return movesOf(edges, olds, rs.items.map((i) => i.id));
}

/** The moves that change an item's number: what a page labelled with the older numbering must relabel. */
export const relabels = (moves: readonly ItemMove[]): ItemMove[] => moves.filter((m) => m.kind !== 'same' && m.kind !== 'new' && m.kind !== 'dropped');
