// What changed between two results of one site: defects new, fixed and still open; the score change.
import type { Defect, Result } from '../model/result.js';
import { scoreChange } from '../score.js';

/** A defect's identity across runs: the same problem at the same place, whatever the wording. */
export function defectKey(d: Defect): string {
  const data = d.data ?? {};
  const where = ['month', 'value', 'element', 'id', 'row'].map((k) => (data[k] === undefined ? '' : String(data[k]))).join('|');
  return `${d.item ?? '-'}|${d.kind}|${d.url ?? ''}|${where}`;
}

export interface ResultDiff {
  added: Defect[];
  fixed: Defect[];
  open: Defect[];
  scoreChange: number | null;
  newlyFailing: string[];
  newlyPassing: string[];
}

export function diffResults(current: Result, previous: Result): ResultDiff {
  const before = new Map(previous.defects.map((d) => [defectKey(d), d]));
  const now = new Map(current.defects.map((d) => [defectKey(d), d]));
  const outcome = (r: Result) => new Map(r.items.map((i) => [i.id, i.outcome]));
  const was = outcome(previous);
  const is = outcome(current);
  return {
    added: [...now].filter(([k]) => !before.has(k)).map(([, d]) => d),
    fixed: [...before].filter(([k]) => !now.has(k)).map(([, d]) => d),
    open: [...now].filter(([k]) => before.has(k)).map(([, d]) => d),
    scoreChange: scoreChange(current.score.oit, previous.score.oit),
    newlyFailing: [...is].filter(([id, o]) => o === 'fail' && was.get(id) !== 'fail').map(([id]) => id),
    newlyPassing: [...is].filter(([id, o]) => o === 'pass' && was.get(id) !== 'pass').map(([id]) => id),
  };
}
