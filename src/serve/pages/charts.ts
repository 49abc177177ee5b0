// Inline SVG charts (no script, no external file): an agency's score history and the fleet's sparklines.
import { escXml } from '../../render/escape.js';
import { formatScore } from '../../score.js';

/** A sparkline of the last runs' scores, 0–100; a run without a score is a gap. */
export function sparkline(values: Array<number | null>, label: string): string {
  const w = 96;
  const h = 24;
  if (!values.some((v) => v !== null)) return '';
  const step = values.length > 1 ? w / (values.length - 1) : 0;
  const y = (v: number) => (h - 2 - (Math.max(0, Math.min(100, v)) / 100) * (h - 4)).toFixed(1);
  const segs: string[] = [];
  let cur = '';
  values.forEach((v, i) => {
    if (v === null) {
      if (cur) segs.push(cur);
      cur = '';
      return;
    }
    cur += `${cur ? 'L' : 'M'}${(i * step).toFixed(1)} ${y(v)}`;
  });
  if (cur) segs.push(cur);
  const lastI = values.length - 1 - [...values].reverse().findIndex((v) => v !== null);
  const last = values[lastI]!;
  return `<svg class="spark" viewBox="-2 0 ${w + 4} ${h}" width="${w + 4}" height="${h}" role="img" aria-label="${escXml(label)}"><line x1="0" x2="${w}" y1="${y(85)}" y2="${y(85)}" stroke="#bbb" stroke-dasharray="2 2"/>${segs
    .map((d) => `<path d="${d}" fill="none" stroke="#0b57d0" stroke-width="1.5"/>`)
    .join('')}<circle cx="${(lastI * step).toFixed(1)}" cy="${y(last)}" r="2" fill="#0b57d0"/></svg>`;
}

export interface HistoryPoint {
  label: string;
  crawled: number | null;
  reviewed?: number | null;
  /** The site could not be read: a marker, never a score. */
  gap?: boolean;
}

/** The score history: as crawled (solid) and after review (dashed), the pass mark, unreachable runs marked. */
export function historyChart(points: HistoryPoint[], passMark: number, labels: { title: string; crawled: string; reviewed: string; pass: string; gap: string }): string {
  const w = 640;
  const h = 220;
  const left = 36;
  const right = 12;
  const top = 12;
  const bottom = 40;
  const n = points.length;
  const x = (i: number) => left + (n > 1 ? (i * (w - left - right)) / (n - 1) : (w - left - right) / 2);
  // The axis starts a little under the lowest score (and the pass mark), so a change of one item is visible.
  const values = points.flatMap((p) => [p.crawled, p.reviewed]).filter((v): v is number => typeof v === 'number');
  const floor = Math.max(0, Math.floor((Math.min(passMark, ...values) - 5) / 10) * 10);
  const y = (v: number) => top + (1 - (Math.max(floor, Math.min(100, v)) - floor) / (100 - floor)) * (h - top - bottom);
  const ticks = [0, 1, 2, 3, 4].map((k) => Math.round(floor + (k * (100 - floor)) / 4));
  const line = (pick: (p: HistoryPoint) => number | null | undefined) => {
    let d = '';
    let pen = false;
    points.forEach((p, i) => {
      const v = pick(p);
      if (v === null || v === undefined) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)}`;
      pen = true;
    });
    return d;
  };
  const grid = ticks.map((v) => `<line x1="${left}" x2="${w - right}" y1="${y(v)}" y2="${y(v)}" stroke="#eee"/><text x="${left - 4}" y="${y(v) + 4}" font-size="10" text-anchor="end">${v}</text>`).join('');
  const dots = points
    .map((p, i) =>
      p.gap
        ? `<text x="${x(i)}" y="${y((floor + 100) / 2)}" font-size="14" text-anchor="middle" fill="#c62828"><title>${escXml(labels.gap)}</title>×</text>`
        : p.crawled === null
          ? ''
          : `<circle cx="${x(i).toFixed(1)}" cy="${y(p.crawled).toFixed(1)}" r="3" fill="#0b57d0"><title>${escXml(`${p.label}: ${formatScore(p.crawled)}`)}</title></circle>`,
    )
    .join('');
  const xl = points.map((p, i) => (n <= 12 || i % Math.ceil(n / 12) === 0 ? `<text x="${x(i)}" y="${h - bottom + 14}" font-size="10" text-anchor="middle">${escXml(p.label)}</text>` : '')).join('');
  const reviewed = line((p) => p.reviewed);
  return `<svg class="chart" viewBox="0 0 ${w} ${h}" role="img" aria-label="${escXml(labels.title)}" xmlns="http://www.w3.org/2000/svg">${grid}<line x1="${left}" x2="${w - right}" y1="${y(passMark)}" y2="${y(passMark)}" stroke="#2e7d32" stroke-dasharray="5 3"/><text x="${w - right}" y="${y(passMark) - 3}" font-size="10" text-anchor="end" fill="#2e7d32">${escXml(labels.pass)}</text><path d="${line((p) => p.crawled)}" fill="none" stroke="#0b57d0" stroke-width="2"/>${reviewed ? `<path d="${reviewed}" fill="none" stroke="#ef6c00" stroke-width="2" stroke-dasharray="6 3"/>` : ''}${dots}${xl}<g font-size="11"><line x1="${left}" x2="${left + 20}" y1="${h - 8}" y2="${h - 8}" stroke="#0b57d0" stroke-width="2"/><text x="${left + 24}" y="${h - 4}">${escXml(labels.crawled)}</text>${reviewed ? `<line x1="${left + 170}" x2="${left + 190}" y1="${h - 8}" y2="${h - 8}" stroke="#ef6c00" stroke-width="2" stroke-dasharray="6 3"/><text x="${left + 194}" y="${h - 4}">${escXml(labels.reviewed)}</text>` : ''}</g></svg>`;
}
