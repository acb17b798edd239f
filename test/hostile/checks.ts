/**
 * What must hold after any hostile input, checked on the emulator's state: no cell holds a
 * formula, no cell is longer than Google Sheets accepts, no execution failed, every row of a
 * report is accounted for. Also the tally of corpus cases tried, printed once by hostile.test.ts.
 */
import type { Workspace } from '../../emulator';
import { sheetsStore } from '../../emulator/services/sheets';
import type { ImportResult } from '../../src/api';
import { importReport } from '../support/attention-world';

/** Google Sheets refuses a cell longer than this ("Your input contains more than the maximum of 50000 characters in a single cell"). */
export const SHEETS_MAX_CELL_CHARS = 50_000;

// ---------------------------------------------------------------------------- tally

const tally = new Map<string, number>();
const notes: string[] = [];

/** Counts `n` corpus cases pushed through the product under `area`. */
export function tried(area: string, n = 1): void {
  tally.set(area, (tally.get(area) ?? 0) + n);
}

/** A figure worth printing with the tally (e.g. the modeled time of the 5,000-row import). */
export function note(text: string): void {
  notes.push(text);
}

/** 'Hostile input corpus: 812 cases tried (import text 690, files 31, …). 5.000 filas: …' */
export function tallyLine(): string {
  const total = [...tally.values()].reduce((s, n) => s + n, 0);
  const parts = [...tally.entries()].map(([area, n]) => `${area} ${n}`);
  return [`Hostile input corpus: ${total} cases tried (${parts.join(', ')}).`, ...notes.map((n) => `${n}.`)].join(' ');
}

// ---------------------------------------------------------------------------- the sheets

/** Every cell of the spreadsheet holding a formula, as 'Tab!row,col: =…'. */
export function formulaCells(ws: Workspace, ss: string): string[] {
  const out: string[] = [];
  for (const tab of ws.sheetNames(ss)) {
    sheetsStore(ws.state)
      .readFormulas(ss, tab)
      .forEach((row, r) =>
        row.forEach((f, c) => {
          if (f !== '') out.push(`${tab}!${r + 1},${c + 1}: ${f.slice(0, 80)}`);
        }),
      );
  }
  return out;
}

/** Every cell longer than Google Sheets accepts, as 'Tab!row,col: N caracteres'. */
export function overlongCells(ws: Workspace, ss: string): string[] {
  const out: string[] = [];
  for (const tab of ws.sheetNames(ss)) {
    ws.values(ss, tab).forEach((row, r) =>
      row.forEach((v, c) => {
        if (typeof v === 'string' && v.length > SHEETS_MAX_CELL_CHARS) out.push(`${tab}!${r + 1},${c + 1}: ${v.length} caracteres`);
      }),
    );
  }
  return out;
}

/** Executions that did not complete (failed, timed out, killed), with their error. */
export function brokenExecutions(ws: Workspace, since = 0): string[] {
  return ws
    .executions({ since })
    .filter((e) => e.status !== 'completed')
    .map((e) => `${e.functionName}: ${e.status} ${e.error ?? ''}`);
}

/** 'Revisión' rows as records. */
export function reviewRows(ws: Workspace, ss: string): Record<string, unknown>[] {
  return ws.readTab(ss, 'Revisión').filter((r) => String(r['ID de revisión'] ?? '') !== '');
}

// ---------------------------------------------------------------------------- import

export type Imported = ImportResult & { execution: ReturnType<typeof importReport>['execution'] };

/** The panel's import; a failed google.script.run call (the page's failure handler) fails the test. */
export function imported(ws: Workspace, ss: string, fileName: string, bytes: Uint8Array): Imported {
  const r = importReport(ws, ss, fileName, bytes);
  if (!r.ok) throw new Error(`importReport failed (${r.execution.status}): ${r.error}`);
  return { ...r.value, execution: r.execution };
}

/** What a row of a report must become. */
export type RowOutcome =
  | { line: number; id: string; cells: Record<string, string> }
  | { line: number; rejected: RegExp };

/**
 * Nothing lost: every data row of the file is in 'Citas' (by its ID, with the expected cells)
 * or rejected with a Spanish reason naming its row AND listed in 'Revisión'. Returns the
 * problems found, one line each (empty when all is well).
 */
export function accountFor(ws: Workspace, ss: string, result: ImportResult, expected: readonly RowOutcome[]): string[] {
  const problems: string[] = [];
  const byId = new Map(ws.readTab(ss, 'Citas').map((r) => [String(r['ID de cita'] ?? ''), r]));
  const rejected = new Map(result.rejected.map((r) => [r.line, r.reason]));
  const refs = new Set(reviewRows(ws, ss).map((r) => String(r['Referencia'])));
  for (const e of expected) {
    if ('rejected' in e) {
      const reason = rejected.get(e.line);
      if (reason === undefined) problems.push(`fila ${e.line}: debía rechazarse (${e.rejected}) y no figura entre las rechazadas`);
      else if (!reason.startsWith(`Fila ${e.line}: `) || !e.rejected.test(reason)) problems.push(`fila ${e.line}: motivo inesperado «${reason}» (se esperaba ${e.rejected})`);
      if (!refs.has(`${result.fileName} · fila ${e.line}`)) problems.push(`fila ${e.line}: rechazada pero no está en «Revisión»`);
      continue;
    }
    if (rejected.has(e.line)) {
      problems.push(`fila ${e.line}: rechazada («${rejected.get(e.line)}») pero debía importarse como ${e.id}`);
      continue;
    }
    const row = byId.get(e.id);
    if (!row) {
      problems.push(`fila ${e.line}: ${JSON.stringify(e.id)} no está en «Citas»`);
      continue;
    }
    for (const [header, want] of Object.entries(e.cells)) {
      if (row[header] !== want) problems.push(`fila ${e.line} (${e.id.slice(0, 40)}): «${header}» es ${JSON.stringify(String(row[header]).slice(0, 120))}, se esperaba ${JSON.stringify(want.slice(0, 120))}`);
    }
  }
  return problems;
}
