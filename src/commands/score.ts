// `oit score`: the shared rating logic on the command line (published figures can be reproduced with it).
import type { Outcome } from '../model/result.js';
import { frameworkForDate, resolveRuleSet } from '../rules/load.js';
import { say } from '../text/say.js';
import { todayBangkok } from './options.js';
import { computeScore, formatScore, round2 } from '../score.js';
import { tr, type Lang } from '../lang.js';
import { UsageError } from './errors.js';

export interface ScoreArgs {
  rules?: string;
  fail?: string;
  review?: string;
  iit?: string;
  eit?: string;
  oit?: string;
  json?: boolean;
  lang: Lang;
}

function numbers(flag: string, value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(',').map((s) => s.trim());
  const out = parts.map(Number);
  out.forEach((n, i) => {
    if (!parts[i] || !Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`${flag}: "${parts[i]}" is not a score between 0 and 100`);
  });
  return out;
}

function ids(flag: string, value: string | undefined, known: Set<string>): string[] {
  if (!value) return [];
  const list = value.split(',').map((s) => s.trim().toUpperCase().replace(/^0(?=\d)/, 'O')).filter(Boolean);
  for (const id of list) if (!known.has(id)) throw new UsageError(`${flag}: item "${id}" is not in this framework`);
  return list;
}

const fmt = formatScore;
const r2 = (x: number | null): number | null => (x === null ? null : round2(x));
const mapR2 = (o: Record<string, number | null>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, r2(v)]));

export function runScore(args: ScoreArgs): { text: string; exit: number } {
  const rs = resolveRuleSet(args.rules ?? frameworkForDate(todayBangkok()).id);
  const known = new Set(rs.items.map((i) => i.id));
  const failing = ids('--fail', args.fail, known);
  const review = ids('--review', args.review, known);
  const oit = numbers('--oit', args.oit);
  if (oit && oit.length !== 1) throw new UsageError('--oit takes one score');
  const outcomes: Record<string, Outcome> = {};
  for (const id of known) outcomes[id] = failing.includes(id) ? 'fail' : review.includes(id) ? 'review' : 'pass';
  const score = computeScore({ scoring: rs.scoring, outcomes, iit: numbers('--iit', args.iit), eit: numbers('--eit', args.eit), oit: oit?.[0] });

  if (args.json) {
    const out = {
      framework: rs.id,
      subIndicators: mapR2(score.subIndicators),
      indicators: mapR2(score.indicators),
      oit: r2(score.oit),
      iit: r2(score.iit),
      eit: r2(score.eit),
      ita: r2(score.ita),
      grade: score.grade,
      gradeBasis: score.gradeBasis,
      rating: score.rating ? { code: score.rating.code, ...score.rating.data, text: say(args.lang, score.rating) } : null,
      pass: score.pass,
      provisional: score.provisional,
    };
    return { text: JSON.stringify(out, null, 2), exit: 0 };
  }
  const L = args.lang;
  const lines: string[] = [];
  lines.push(`${tr(L, 'กรอบการประเมิน', 'Framework')}: ${rs.id} — ${tr(L, rs.framework.title, rs.framework.titleEn)}`);
  if (oit === undefined) {
    if (failing.length) lines.push(`${tr(L, 'ข้อที่ได้ 0 คะแนน', 'Items scoring 0')}: ${failing.join(', ')}`);
    for (const ind of rs.scoring.indicators) {
      lines.push(`${tr(L, 'ตัวชี้วัดที่', 'Indicator')} ${ind.id} ${tr(L, ind.title, ind.titleEn)}: ${fmt(score.indicators[ind.id])}`);
      for (const sub of ind.subIndicators)
        lines.push(`  ${sub.id} ${tr(L, sub.title, sub.titleEn)} (${sub.items.length} ${tr(L, 'ข้อ', 'items')}): ${fmt(score.subIndicators[sub.id])}`);
    }
  }
  lines.push(`OIT: ${fmt(score.oit)}`);
  if (score.iit !== null) lines.push(`IIT: ${fmt(score.iit)}`);
  if (score.eit !== null) lines.push(`EIT: ${fmt(score.eit)}`);
  if (score.ita !== null) lines.push(`ITA = ${rs.scoring.weights.iit}% IIT + ${rs.scoring.weights.eit}% EIT + ${rs.scoring.weights.oit}% OIT: ${fmt(score.ita)}`);
  const basis = score.gradeBasis === 'ita' ? 'ITA' : 'OIT';
  lines.push(
    `${tr(L, 'ระดับผลการประเมิน', 'Rating')} (${basis}): ${score.rating ? say(L, score.rating) : '–'} · ${
      score.pass ? tr(L, `ถึงเกณฑ์ ${rs.scoring.passMark}`, `reaches ${rs.scoring.passMark}`) : tr(L, `ต่ำกว่าเกณฑ์ ${rs.scoring.passMark}`, `below ${rs.scoring.passMark}`)
    }`,
  );
  if (score.provisional) lines.push(tr(L, `หมายเหตุ: คะแนนเป็นการประมาณ (${score.provisionalReasons.length} เหตุ)`, `Note: provisional score (${score.provisionalReasons.length} reasons)`));
  return { text: lines.join('\n'), exit: 0 };
}
