/**
 * The benchmark framework behind `npm run bench` (bench/run.ts): a case runs one operation at
 * one size in a fresh emulated workspace and returns the executions it caused; the table
 * compares their calls and modeled Apps Script time with the operation's floor — the modeled
 * time of the calls no design can avoid (DESIGN.md "Performance figures").
 *
 * Modeled time is the emulator's latency table (emulator/core/latency.ts), not a measurement of
 * this machine: it is what Apps Script would spend waiting on Google's services.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LATENCY, latencyOf, Workspace, type CreateOptions, type ExecutionRecord } from '../emulator';

export type ServiceName = 'Sheets' | 'Mail' | 'Calendar' | 'Forms' | 'Drive' | 'Slides' | 'Properties' | 'Cache' | 'Lock' | 'Script' | 'Other';

/** Unavoidable calls by `Class.method`, as the latency table names them ('MailApp.sendEmail'). */
export type FloorCalls = Record<string, number>;

export interface Floor {
  calls: FloorCalls;
  byService: Partial<Record<ServiceName, number>>;
  /** Modeled time of those calls (ms). */
  ms: number;
}

export interface BenchCase {
  /** As the table shows it ('import', 'reminders'). */
  operation: string;
  size: number;
  /** What the size counts ('rows', 'appointments', 'spreadsheets'). */
  unit: string;
  /** Workspace options (the framework adds a fixed seed). */
  workspace?: Omit<CreateOptions, 'stateDir'>;
  /** Runs the operation; returns the executions to account (not the setup before it). */
  run(ws: Workspace): ExecutionRecord[];
  /** The calls no implementation can avoid at this size. Build it with `floorOf`. */
  floor(size: number): Floor;
  /** Largest acceptable ratio to the floor; default 1.2 (issue 5); null: no target, say why in the case. */
  ratioTarget?: number | null;
}

/** The service a latency-table class belongs to. */
export function serviceOf(className: string): ServiceName {
  if (/^(SpreadsheetApp|Spreadsheet|Sheet|Range|RangeList|DataValidation|Ui|Menu|Protection|TextFinder)/.test(className)) return 'Sheets';
  if (/^MailApp/.test(className)) return 'Mail';
  if (/^(Calendar|CalendarApp)/.test(className)) return 'Calendar';
  if (/^(FormApp|Form|.*Item$|FormResponse|ItemResponse)/.test(className)) return 'Forms';
  if (/^(DriveApp|File|Folder)/.test(className)) return 'Drive';
  if (/^(SlidesApp|Presentation|Slide)/.test(className)) return 'Slides';
  if (/^Properties/.test(className)) return 'Properties';
  if (/^Cache/.test(className)) return 'Cache';
  if (/^Lock/.test(className)) return 'Lock';
  if (/^(ScriptApp|.*TriggerBuilder|Trigger)$/.test(className)) return 'Script';
  return 'Other';
}

function splitKey(key: string): [string, string] {
  const i = key.lastIndexOf('.');
  if (i <= 0) throw new Error(`floor call "${key}" must be Class.method`);
  return [key.slice(0, i), key.slice(i + 1)];
}

/** The floor of a set of unavoidable calls: their count by service and modeled time. */
export function floorOf(calls: FloorCalls): Floor {
  const byService: Floor['byService'] = {};
  let ms = 0;
  for (const [key, n] of Object.entries(calls)) {
    if (n <= 0) continue;
    const [cls, method] = splitKey(key);
    const s = serviceOf(cls);
    byService[s] = (byService[s] ?? 0) + n;
    ms += n * latencyOf(cls, method).ms;
  }
  return { calls, byService, ms };
}

/** Adds floors (e.g. one per spreadsheet). */
export function sumFloors(...floors: FloorCalls[]): FloorCalls {
  const out: FloorCalls = {};
  for (const f of floors) for (const [k, n] of Object.entries(f)) out[k] = (out[k] ?? 0) + n;
  return out;
}

/**
 * The shortest call chains that do one thing in Apps Script, to build floors from (each case
 * says which it needs and why). A value can only be read or written through a Range, a Range only
 * had from a Sheet, a Sheet only from the Spreadsheet: those calls are part of any read or write,
 * so a floor of bare getValues/setValues would be one no implementation could reach.
 */
export const CHAINS = {
  /** The spreadsheet the script is bound to. */
  spreadsheet: { 'SpreadsheetApp.getActiveSpreadsheet': 1 },
  /** One tab, by its name (people reorder tabs: never by position). */
  tab: { 'Spreadsheet.getSheetByName': 1 },
  /** A whole table: its data range, then its values (DESIGN.md: one read per execution). */
  tableRead: { 'Sheet.getDataRange': 1, 'Range.getValues': 1 },
  /** A header row alone (columns are found by header; an append-only log is never read whole). */
  headerRead: { 'Sheet.getRange': 1, 'Range.getValues': 1 },
  /** One rectangle written. */
  write: { 'Sheet.getRange': 1, 'Range.setValues': 1 },
  /** Lines added below the last row: where it is, then one write. */
  append: { 'Sheet.getLastRow': 1, 'Sheet.getRange': 1, 'Range.setValues': 1 },
  /** The script lock around a read-modify-write (DESIGN.md "Side effects"): take it, release it. */
  lock: { 'LockService.getScriptLock': 1, 'Lock.waitLock': 1, 'Lock.releaseLock': 1 },
  /** One email, once (DESIGN.md): journal 'enviando', the send, journal 'enviado'. */
  onceOnlyEmail: { 'Properties.setProperties': 2, 'MailApp.sendEmail': 1 },
  /**
   * Who is calling (DESIGN.md "Security": every server function checks the caller's role against
   * role data only the script writes): the active user and the team, one document property.
   */
  panelAccess: { 'Session.getActiveUser': 1, 'PropertiesService.getDocumentProperties': 1, 'Properties.getProperty': 1 },
  /** A trigger-only handler proves a genuine trigger started it: this project's triggers of the account it runs as. */
  triggerAccess: { 'ScriptApp.getProjectTriggers': 1 },
} satisfies Record<string, FloorCalls>;

/** `n` times a set of calls (`times(3, CHAINS.write)`). */
export function times(n: number, calls: FloorCalls): FloorCalls {
  const out: FloorCalls = {};
  for (const [k, v] of Object.entries(calls)) out[k] = v * n;
  return out;
}

/** The audit line every change leaves (DESIGN.md): its tab, its header row, one append. */
export const AUDIT_LINE: FloorCalls = sumFloors(CHAINS.tab, CHAINS.headerRead, CHAINS.append);

export interface BenchRow {
  operation: string;
  size: number;
  unit: string;
  executions: number;
  calls: Partial<Record<string, number>>;
  /**
   * Sheets calls of the busiest execution: the figure that must not grow with size (a job of
   * several executions makes the same calls in each). Absent: total / executions.
   */
  sheetsPerExecution?: number;
  /** Calls by `Class.method`, over every execution (to find where a case above its target spends). */
  methods?: Record<string, number>;
  modeledMs: number;
  floor: Floor;
  ratioTarget: number | null;
  /** Executions that did not complete (a benchmark of a failing run is not a figure). */
  problems: string[];
}

export const BENCH_SEED = 20261127;

export function runBenchCase(c: BenchCase): BenchRow {
  const ws = Workspace.create({ at: '2026-11-27T08:00', ...c.workspace, seed: c.workspace?.seed ?? BENCH_SEED });
  const records = c.run(ws);
  const calls: Record<string, number> = {};
  const methods: Record<string, number> = {};
  let modeledMs = 0;
  let sheetsPerExecution = 0;
  const problems: string[] = [];
  for (const r of records) {
    modeledMs += r.modeledMs;
    for (const [s, n] of Object.entries(r.calls)) calls[s] = (calls[s] ?? 0) + (n ?? 0);
    for (const [m, n] of Object.entries(r.methods)) methods[m] = (methods[m] ?? 0) + n;
    sheetsPerExecution = Math.max(sheetsPerExecution, r.calls.Sheets ?? 0);
    if (r.status !== 'completed') problems.push(`${r.functionName} ${r.status}: ${r.error ?? ''}`);
  }
  if (records.length === 0) problems.push('no execution to account');
  return {
    operation: c.operation,
    size: c.size,
    unit: c.unit,
    executions: records.length,
    calls,
    sheetsPerExecution,
    methods,
    modeledMs,
    floor: c.floor(c.size),
    ratioTarget: c.ratioTarget === undefined ? 1.2 : c.ratioTarget,
    problems,
  };
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** Sheets calls of the busiest execution (see BenchRow.sheetsPerExecution). */
export function sheetsPerExecution(r: BenchRow): number {
  return r.sheetsPerExecution ?? (r.executions > 0 ? Math.ceil((r.calls.Sheets ?? 0) / r.executions) : 0);
}

/** The one markdown table `npm run bench` prints. */
export function renderTable(rows: readonly BenchRow[]): string {
  const head = ['operation', 'size', 'executions', 'Sheets calls', 'Sheets calls per execution (max)', 'mail', 'calendar', 'forms calls', 'modeled Apps Script time (s)', 'floor (s)', 'ratio to floor'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i < 1 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const r of rows) {
    const ratio = r.floor.ms > 0 ? (r.modeledMs / r.floor.ms).toFixed(2) : '—';
    lines.push(
      `| ${[
        r.operation + (r.problems.length ? ' ⚠' : ''),
        `${r.size} ${r.unit}`,
        r.executions,
        r.calls.Sheets ?? 0,
        sheetsPerExecution(r),
        r.calls.Mail ?? 0,
        r.calls.Calendar ?? 0,
        r.calls.Forms ?? 0,
        seconds(r.modeledMs),
        seconds(r.floor.ms),
        ratio,
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

/**
 * What the project promises about the figures (issue 5): ratio ≤ target, and Sheets calls per
 * execution flat in size — a job that needs more executions for more rows is fine (that is the
 * 6-minute limit), an execution whose Sheets calls grow with the rows is not.
 */
export function checkRows(rows: readonly BenchRow[]): string[] {
  const notes: string[] = [];
  for (const r of rows) {
    for (const p of r.problems) notes.push(`${r.operation} (${r.size} ${r.unit}): ${p}`);
    if (r.ratioTarget !== null && r.floor.ms > 0 && r.modeledMs / r.floor.ms > r.ratioTarget) {
      notes.push(`${r.operation} (${r.size} ${r.unit}): ${(r.modeledMs / r.floor.ms).toFixed(2)} × its floor (target ≤ ${r.ratioTarget})`);
    }
  }
  const byOp = new Map<string, BenchRow[]>();
  for (const r of rows) byOp.set(r.operation, [...(byOp.get(r.operation) ?? []), r]);
  for (const [op, rs] of byOp) {
    const sorted = [...rs].sort((a, b) => a.size - b.size);
    const first = sorted[0];
    // Every size against the smallest: a middle size that grows is as much a leak as the largest.
    for (const r of sorted.slice(1)) {
      if (sheetsPerExecution(r) > sheetsPerExecution(first)) {
        notes.push(`${op}: Sheets calls per execution grow with size (${sheetsPerExecution(first)} at ${first.size}, ${sheetsPerExecution(r)} at ${r.size})`);
      }
    }
  }
  return notes;
}

/** The calls of a row by `Class.method`, most modeled time first: where a case above its target spends. */
export function methodBreakdown(r: BenchRow, top = 12): { method: string; calls: number; ms: number; floorCalls: number }[] {
  return Object.entries(r.methods ?? {})
    .map(([key, n]) => {
      const [cls, method] = splitKey(key);
      return { method: key, calls: n, ms: n * latencyOf(cls, method).ms, floorCalls: r.floor.calls[key] ?? 0 };
    })
    .filter((x) => x.ms > 0)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top);
}

export interface RoundTrips {
  view: string;
  /** google.script.run calls (executions) the view made while loading. */
  calls: number;
  problems: string[];
}

/** Round trips of one sidebar view: the executions its loading caused. */
export function measureView(v: { view: string; prepare(ws: Workspace): string; load(ws: Workspace, spreadsheetId: string): void }): RoundTrips {
  const ws = Workspace.create({ at: '2026-11-27T08:00', seed: BENCH_SEED });
  const ss = v.prepare(ws);
  const before = new Set(ws.executions().map((e) => e.id));
  v.load(ws, ss);
  const made = ws.executions().filter((e) => !before.has(e.id) && e.trigger === 'sidebar');
  return { view: v.view, calls: made.length, problems: made.filter((e) => e.status !== 'completed').map((e) => `${e.functionName} ${e.status}: ${e.error ?? ''}`) };
}

/** Sizes of the built files, in KiB ('missing' when not built). */
export function bundleSizes(distDir: string, files = ['Code.js', 'Sidebar.html']): { file: string; kib: number | null }[] {
  return files.map((f) => {
    const p = path.join(distDir, f);
    return { file: `dist/${f}`, kib: fs.existsSync(p) ? fs.statSync(p).size / 1024 : null };
  });
}

/** The latency table's sources, deduplicated, in table order. */
export function latencySources(): string[] {
  return [...new Set(Object.values(LATENCY).map((e) => e.source))];
}
