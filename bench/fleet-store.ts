// A store filled with a fleet: N agencies × R runs of audits derived from the demo's golden result (each item's outcome
// varied by a seeded generator, scored by score.ts), some runs unreachable or cut by the budget, some decisions and
// waivers. For `npm run bench` (the fleet page's speed) and the web app's tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigSchema, type Config } from 'oit-crawler/schedule/config';
import type { HistoryStore } from 'oit-crawler/schedule/store';
import { Result } from 'oit-crawler/model/result';
import { resolveRuleSet } from 'oit-crawler/rules/load';
import { computeScore } from 'oit-crawler/score';
import { reviewInputOf } from 'oit-crawler/review/apply';

const TYPES = ['อบต.', 'เทศบาลตำบล', 'เทศบาลเมือง', 'อบจ.', 'ส่วนราชการ'];
const PROVINCES = ['ขอนแก่น', 'อุดรธานี', 'เชียงใหม่', 'นครราชสีมา', 'สงขลา', 'ชลบุรี', 'ลำปาง', 'สุรินทร์'];

/** A small deterministic generator (mulberry32): the same fleet every time. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function fleetConfig(dir: string, agencies: number): Config {
  const parsed = ConfigSchema.parse({
    agencies: Array.from({ length: agencies }, (_, i) => ({
      id: `a${String(i + 1).padStart(4, '0')}`,
      name: `${TYPES[i % TYPES.length]}ตัวอย่างที่ ${i + 1}`,
      url: `http://agency-${i + 1}.example.go.th/`,
      rules: 'ita-2566',
      type: TYPES[i % TYPES.length],
      province: PROVINCES[i % PROVINCES.length],
    })),
    store: dir,
  });
  return { ...parsed, file: join(dir, 'oit.config.yaml'), dir };
}

/** Fills `store` with `runs` runs of every agency of `config`; returns the number of audits written. */
export function fillFleet(store: HistoryStore, config: Config, runs: number, goldenFile: string, seed = 2566): number {
  const golden = Result.parse(JSON.parse(readFileSync(goldenFile, 'utf8')));
  const scoring = resolveRuleSet('ita-2566').scoring;
  const rnd = random(seed);
  let written = 0;
  store.db.transaction(() => {
    for (let run = 0; run < runs; run++) {
      const at = new Date(Date.UTC(2023, 0, 1 + run * 15, 19));
      const runId = store.startRun(config.agencies.map((a) => ({ id: a.id, outDir: (id: number) => join(config.dir, 'reports', a.id, String(id)) })), 'schedule', at);
      for (const a of config.agencies) {
        const roll = rnd();
        if (roll < 0.03) {
          store.markUnreachable(runId, a.id, { code: 'site-unreachable', data: { url: a.url, status: 0, error: 'timeout' } }, at);
          written++;
          continue;
        }
        const r = structuredClone(golden);
        r.agency = a.name;
        r.site = a.url;
        r.asOf = at.toISOString().slice(0, 10);
        for (const item of r.items) {
          const x = rnd();
          if (x < 0.12) item.outcome = 'fail';
          else if (x < 0.16) item.outcome = 'review';
          else if (x < 0.9) item.outcome = item.outcome === 'error' ? 'review' : item.outcome;
          else item.outcome = 'pass';
        }
        r.score = computeScore({ scoring, outcomes: Object.fromEntries(r.items.map((i) => [i.id, i.outcome])) });
        if (roll > 0.95) r.warnings = [...r.warnings, { code: 'budget-hit', data: { limit: 'pages', pages: 2000, notFollowed: 120 } }];
        store.record(runId, a.id, r, at);
        store.setStage(runId, a.id, 'alerted');
        written++;
        // Now and then a reviewer's verdict on O17 and a waiver of the first defect.
        if (roll > 0.8 && run === runs - 2) {
          const input = reviewInputOf(r);
          const o17 = input.items.find((i) => i.id === 'O17')!;
          store.review.decide({ agency: a.id, runId, item: 'O17', evidence: o17.print, verdict: 'pass', note: 'ตรวจแล้ว', by: 'bench', at: at.toISOString() });
          const d = input.defects[0];
          if (d) store.review.waive({ agency: a.id, runId, key: d.key, item: d.item, kind: d.kind, url: d.url, evidence: d.print, reason: 'accepted-risk', note: 'รับทราบ', expires: null, by: 'bench', at: at.toISOString() });
        }
      }
      store.markRun(runId, 'done', at);
    }
  })();
  return written;
}
