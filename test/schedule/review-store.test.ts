// The review records in the history store: a store written before them keeps working, the records cannot be edited
// or deleted (not even with SQL), a sign-off snapshot, retention keeps approved audits, web runs are not resumed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { HistoryStore, WEB_TRIGGER } from '../../src/schedule/store.js';
import { goldenResult } from '../fixtures/hostile-result.js';

const now = new Date('2023-05-15T03:00:00Z');
const open = () => new HistoryStore(mkdtempSync(join(tmpdir(), 'oit-review-store-')));

describe('review store', () => {
  it('migrates a store written by the previous version: old rows are kept and readable, new columns are added', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oit-old-store-'));
    // The schema as version 0 wrote it, with one recorded audit.
    const old = new Database(join(dir, 'oit-history.sqlite'));
    old.exec(`CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL, finished_at TEXT,
      status TEXT NOT NULL CHECK (status IN ('running','done','interrupted')), trigger TEXT NOT NULL);
    CREATE TABLE audits (run_id INTEGER NOT NULL REFERENCES runs(id), agency TEXT NOT NULL, stage TEXT NOT NULL, out_dir TEXT NOT NULL,
      as_of TEXT, framework TEXT, oit REAL, grade TEXT, pass INTEGER, provisional INTEGER, error TEXT, finished_at TEXT, PRIMARY KEY (run_id, agency));
    CREATE TABLE item_outcomes (run_id INTEGER NOT NULL, agency TEXT NOT NULL, item TEXT NOT NULL, outcome TEXT NOT NULL, PRIMARY KEY (run_id, agency, item));
    CREATE TABLE defects (run_id INTEGER NOT NULL, agency TEXT NOT NULL, key TEXT NOT NULL, item TEXT, kind TEXT NOT NULL, url TEXT, message TEXT NOT NULL, PRIMARY KEY (run_id, agency, key));
    CREATE TABLE alerts (agency TEXT NOT NULL, run_id INTEGER NOT NULL, channel TEXT NOT NULL, sent_at TEXT NOT NULL, digest TEXT NOT NULL, PRIMARY KEY (agency, run_id, channel));
    INSERT INTO runs VALUES (1, '2023-05-01T00:00:00Z', '2023-05-01T01:00:00Z', 'done', 'schedule');
    INSERT INTO audits VALUES (1, 'demo', 'alerted', '/x', '2023-05-01', 'ita-2566', 85.25, 'ผ่านดี', 1, 1, NULL, '2023-05-01T01:00:00Z');
    INSERT INTO item_outcomes VALUES (1, 'demo', 'O1', 'pass');
    INSERT INTO defects VALUES (1, 'demo', 'O10|not-found||', 'O10', 'not-found', NULL, 'ไม่พบ');
    INSERT INTO alerts VALUES ('demo', 1, 'webhook:x', '2023-05-01T01:00:00Z', 'digest');`);
    old.close();
    const store = new HistoryStore(dir);
    expect(store.db.pragma('user_version', { simple: true })).toBe(2);
    // An alert sent before claims existed is a sent alert: it is never sent again.
    expect(store.wasAlerted('demo', 1, 'webhook:x')).toBe(true);
    expect(store.claimAlert('demo', 1, 'webhook:x', now, 60_000)).toBe(false);
    expect(store.history('demo')).toMatchObject([{ run_id: 1, oit: 85.25, budget_hit: null }]);
    expect(store.itemOutcomes(1, 'demo')).toEqual([{ run_id: 1, agency: 'demo', item: 'O1', outcome: 'pass', evidence: null }]);
    expect(store.defectRows(1, 'demo')[0]).toMatchObject({ key: 'O10|not-found||', evidence: null });
    // A new run records into the migrated tables.
    const id = store.startRun([{ id: 'demo', outDir: () => '/y' }], 'schedule', now);
    store.record(id, 'demo', goldenResult(), now);
    expect(store.itemOutcomes(id, 'demo').find((i) => i.item === 'O17')!.evidence).toMatch(/o17-satisfaction-2565\.pdf@493e2152d183a1c5$/);
    expect(store.audit(id, 'demo')!.budget_hit).toBe(0);
    store.close();
    // Opening it again runs nothing twice.
    new HistoryStore(dir).close();
  });

  it('decisions, waivers, sign-offs and the trail cannot be updated or deleted, even with SQL', () => {
    const store = open();
    store.review.decide({ agency: 'demo', runId: 1, item: 'O17', evidence: 'e', verdict: 'pass', note: 'ok', by: 'somchai', at: now.toISOString() });
    store.review.waive({ agency: 'demo', runId: 1, key: 'k', item: 'O5', kind: 'broken-link', url: 'u', evidence: '', reason: 'false-alarm', note: 'n', expires: null, by: 'somchai', at: now.toISOString() });
    store.review.signoff({ agency: 'demo', runId: 1, step: 'prepared', by: 'somchai', at: now.toISOString(), comment: 'c' });
    for (const t of ['decisions', 'waivers', 'signoffs', 'trail']) {
      expect(() => store.db.exec(`UPDATE ${t} SET id = id + 100`), t).toThrow(/append-only/);
      expect(() => store.db.exec(`DELETE FROM ${t}`), t).toThrow(/append-only/);
    }
    expect(store.review.trail().map((t) => t.action)).toEqual(['signoff-prepared', 'waiver', 'decision']);
    store.close();
  });

  it('a sign-off snapshots the records when prepared; reopening starts over; approval freezes', () => {
    const store = open();
    const at = now.toISOString();
    const d1 = store.review.decide({ agency: 'demo', runId: 1, item: 'O17', evidence: 'e', verdict: 'pass', note: 'ok', by: 'a', at });
    store.review.signoff({ agency: 'demo', runId: 1, step: 'prepared', by: 'a', at, comment: 'c' });
    store.review.decide({ agency: 'demo', runId: 1, item: 'O17', evidence: 'e', verdict: 'fail', note: 'later', by: 'a', at });
    expect(store.review.signoffState('demo', 1)).toMatchObject({ step: 'prepared', locked: true, frozen: false, upto: { decisionUpto: d1, waiverUpto: 0 } });
    store.review.signoff({ agency: 'demo', runId: 1, step: 'reopened', by: 'a', at, comment: 'fix' });
    expect(store.review.signoffState('demo', 1)).toMatchObject({ step: 'none', locked: false, frozen: false });
    store.review.signoff({ agency: 'demo', runId: 1, step: 'prepared', by: 'a', at, comment: 'again' });
    store.review.signoff({ agency: 'demo', runId: 1, step: 'reviewed', by: 'b', at, comment: 'ok' });
    store.review.signoff({ agency: 'demo', runId: 1, step: 'approved', by: 'c', at, comment: 'ok' });
    const s = store.review.signoffState('demo', 1);
    expect(s).toMatchObject({ step: 'approved', frozen: true, upto: { decisionUpto: d1 + 1 } });
    expect(s.steps.map((x) => x.by)).toEqual(['a', 'b', 'c']);
    store.close();
  });

  it('retention never removes an approved audit', () => {
    const store = open();
    const ids = [1, 2, 3, 4].map((i) => store.startRun([{ id: 'demo', outDir: (id) => `/r/${id}` }], 'schedule', new Date(now.getTime() + i * 86_400_000)));
    store.review.signoff({ agency: 'demo', runId: ids[0]!, step: 'approved', by: 'c', at: now.toISOString(), comment: 'ok' });
    expect(store.prune('demo', 2)).toEqual([ids[1]]);
    expect(store.history('demo').map((r) => r.run_id)).toEqual([ids[0], ids[2], ids[3]]);
    store.close();
  });

  it('the scheduler never resumes a web run; a server that restarts marks its unfinished ones failed', () => {
    const store = open();
    const web = store.startRun([{ id: 'demo', outDir: () => '/w' }], WEB_TRIGGER, now);
    expect(store.unfinishedRun()).toBeUndefined();
    expect(store.activeRun('demo')).toBe(web);
    expect(store.abandonWebRuns('stopped', now)).toEqual([web]);
    expect(store.audit(web, 'demo')).toMatchObject({ stage: 'failed', error: 'stopped' });
    expect(store.activeRun('demo')).toBeUndefined();
    const scheduled = store.startRun([{ id: 'demo', outDir: () => '/s' }], 'schedule', now);
    expect(store.unfinishedRun()).toBe(scheduled);
    store.close();
  });
});
