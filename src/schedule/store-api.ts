// What the worker, `oit run`, `oit schedule` and `oit history` need of a history store (RunStore), and what the web app
// reads besides (WebHistory), whichever database holds it: SQLite in the data folder (store.ts, through sqliteRunStore)
// or PostgreSQL (store-postgres.ts). Every method is async because PostgreSQL is; the SQLite adapter answers at once.
import type { Notice } from '../model/notice.js';
import type { Result } from '../model/result.js';
import type { WaiverRow } from '../review/apply.js';
import type { AuditRow, DefectRow, ItemOutcomeRow, Stage } from './store.js';

export type RunStatus = 'running' | 'done' | 'interrupted';

export interface DefectKeyRow {
  item: string | null;
  kind: string;
  url: string | null;
  message: string;
}

export interface RunStore {
  /** The run a previous process left unfinished (killed, power lost), to be resumed (web runs never are). */
  unfinishedRun(): Promise<number | undefined>;
  /** A new run with one pending audit per agency; returns its id. */
  startRun(agencies: Array<{ id: string; outDir: (runId: number) => string }>, trigger: string, now: Date): Promise<number>;
  markRun(runId: number, status: RunStatus, now: Date): Promise<void>;
  audits(runId: number): Promise<AuditRow[]>;
  setStage(runId: number, agency: string, stage: Stage, error?: string): Promise<void>;
  /** Outcomes, defects and the score of one audit, written in one transaction together with its stage. */
  record(runId: number, agency: string, r: Result, now: Date): Promise<void>;
  /** An outage: the reason is kept as a notice in `error`, and there is no score. */
  markUnreachable(runId: number, agency: string, reason: Notice, now: Date): Promise<void>;
  unreachableReason(runId: number, agency: string): Promise<Notice | undefined>;
  /** How the agency's last finished run before this one ended: audited, unreachable, or none yet. */
  previousOutcome(agency: string, beforeRun: number): Promise<'audited' | 'unreachable' | undefined>;
  /** The last recorded audit of the agency before this run: what "new" is measured against. */
  previousAudit(agency: string, beforeRun: number): Promise<AuditRow | undefined>;
  /** True once the alert went out on that channel (a claim alone is not a sent alert). */
  wasAlerted(agency: string, runId: number, channel: string): Promise<boolean>;
  /**
   * The right to send one alert, given to one worker only, whichever machine: true once per (agency, run, channel).
   * A claim not confirmed by markAlerted within `leaseMs` is given again (its sender died before it knew).
   */
  claimAlert(agency: string, runId: number, channel: string, now: Date, leaseMs: number): Promise<boolean>;
  /** Gives a claim back when sending failed, so that the job's retry sends it. */
  releaseAlert(agency: string, runId: number, channel: string): Promise<void>;
  /** Confirms a sent alert (after claimAlert, or alone). */
  markAlerted(agency: string, runId: number, channel: string, digest: string, now: Date): Promise<void>;
  /** When the agency (or, without one, any run) was last completed (the every-N-days cadence). */
  lastCompleted(agency?: string): Promise<Date | undefined>;
  history(agency: string): Promise<AuditRow[]>;
  /**
   * A queue cycle's audit of one agency: the cycle's run is made by whichever worker comes first (one run per cycle,
   * whatever the number of workers), the agency's row added if missing. The row says where a previous attempt got to.
   */
  cycleAudit(cycle: string, agency: { id: string; outDir: (runId: number) => string }, now: Date): Promise<AuditRow>;
  /**
   * Holds the agency's audit in a run for `leaseMs` (a holder renews by calling again): false while another holder's
   * lease runs. Two workers given the same job at once (a lock lost to a stall) must not crawl into one folder.
   */
  holdAudit(runId: number, agency: string, holder: string, now: Date, leaseMs: number): Promise<boolean>;
  releaseAudit(runId: number, agency: string, holder: string): Promise<void>;
  /** Marks a cycle's run done once every audit in it has ended; returns whether it did. */
  finishCycle(runId: number, now: Date): Promise<boolean>;
  /**
   * An audit's result as recorded. PostgreSQL keeps it in the store, so a worker on another machine reads what "new"
   * is measured against; SQLite reads the audit's folder.
   */
  result(runId: number, agency: string): Promise<Result | undefined>;
  defectKeys(runId: number, agency: string): Promise<Map<string, DefectKeyRow>>;
  /** The agency's waivers, oldest first (a waiver in force keeps its defect out of the alert). */
  waivers(agency: string): Promise<WaiverRow[]>;
  /** Keep the last `keep` audits per agency (approved audits always kept); returns the run ids removed. */
  prune(agency: string, keep: number): Promise<number[]>;
  close(): Promise<void>;
}

/** What `oit serve` reads of the history besides what the worker needs: the pages, and the web runs a stop left behind. */
export interface WebHistory extends RunStore {
  /** Every run's status by id (a page tells a running audit from one a stopped process left). */
  runStatuses(): Promise<Map<number, RunStatus>>;
  runStatus(runId: number): Promise<RunStatus | undefined>;
  audit(runId: number, agency: string): Promise<AuditRow | undefined>;
  /** Every audit of every agency, oldest first per agency (the fleet page reads them at once). */
  allAudits(): Promise<AuditRow[]>;
  /** Item outcomes of one audit with their evidence prints. */
  itemOutcomes(runId: number, agency: string): Promise<ItemOutcomeRow[]>;
  /** Defects of one audit with their evidence prints. */
  defectRows(runId: number, agency: string): Promise<DefectRow[]>;
  /** The item outcomes and defects of every agency's latest recorded audit (the fleet page). */
  latestRecorded(): Promise<{ outcomes: ItemOutcomeRow[]; defects: DefectRow[] }>;
  /** The run in which the agency is being audited right now (by any process), if any. */
  activeRun(agency: string): Promise<number | undefined>;
  /** Web runs a stopped server left unfinished: their unfinished audits failed with why, the runs interrupted; returns their ids. */
  abandonWebRuns(why: string, now: Date): Promise<number[]>;
}
