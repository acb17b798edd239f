/**
 * Formula safety (DESIGN.md "Data in Sheets": a value that came from the public never becomes a
 * formula). Reads the formulas of every cell of every tab of every spreadsheet of an emulated
 * workspace, and tells the formulas the product wrote on purpose (PRODUCT_FORMULAS) and the ones a
 * person typed in the test (`ws.typeInto` or the store's `enterValues`) from the rest — which are
 * violations: a citizen's "=HYPERLINK(…)" or "+51…" that ended up evaluated.
 *
 * `installFormulaGuard()` (test/support/formula-guard.setup.ts, wired in jest.config.js for the
 * scenario, hostile and reliability suites) scans after every execution of the product and fails
 * the test that let a formula in.
 */
import { Workspace } from '../../emulator';
import { SheetsStore, sheetsStore } from '../../emulator/services/sheets';

/**
 * Formulas the product writes on purpose, by tab and column header: none today (every string goes
 * through src/gas/sheet-table.ts, which neutralises it). A feature that writes one (a HYPERLINK, a
 * SUM row) declares it here, with the narrowest pattern that matches.
 */
export const PRODUCT_FORMULAS: readonly { tab: string; header: string; pattern: RegExp }[] = [];

/** The tab's formulas over its data range ('' where a cell holds a value): `ws.formulas` when the emulator has it. */
export function readFormulas(ws: Workspace, spreadsheetId: string, tab: string): string[][] {
  const api = ws as unknown as { formulas?: (ss: string, tab: string) => string[][] };
  return typeof api.formulas === 'function' ? api.formulas(spreadsheetId, tab) : sheetsStore(ws.state).readFormulas(spreadsheetId, tab);
}

export interface FormulaCell {
  spreadsheetId: string;
  spreadsheet: string;
  tab: string;
  /** 1-based. */
  row: number;
  column: number;
  header: string;
  formula: string;
}

/** Every formula in the workspace: every cell of every tab of every spreadsheet. */
export function allFormulas(ws: Workspace): FormulaCell[] {
  const store = sheetsStore(ws.state);
  const out: FormulaCell[] = [];
  for (const id of store.spreadsheetIds()) {
    const name = store.spreadsheetName(id);
    for (const tab of store.sheetNames(id)) {
      const formulas = readFormulas(ws, id, tab);
      if (!formulas.some((row) => row.some((f) => f !== ''))) continue;
      const headers = (ws.values(id, tab)[0] ?? []).map((h) => String(h ?? ''));
      formulas.forEach((row, r) =>
        row.forEach((f, c) => {
          if (f !== '') out.push({ spreadsheetId: id, spreadsheet: name, tab, row: r + 1, column: c + 1, header: headers[c] ?? '', formula: f });
        }),
      );
    }
  }
  return out;
}

// ---------------------------------------------------------------------------- typed by a person

const typed = new WeakMap<object, Set<string>>();
const typedKey = (spreadsheetId: string, tab: string, formula: string) => `${spreadsheetId}\u0000${tab}\u0000${formula}`;

/**
 * Records what a person types into the Sheets UI (every `ws.typeInto` and direct `enterValues`
 * goes through SheetsStore.enterValues): a formula typed by a person is not the product's doing.
 */
function recordTypedFormulas(): void {
  const proto = SheetsStore.prototype as unknown as { enterValues: (...a: unknown[]) => unknown; __formulaGuard?: boolean };
  if (proto.__formulaGuard) return;
  const original = proto.enterValues;
  proto.enterValues = function (this: object, id: unknown, sheetName: unknown, row: unknown, column: unknown, values: unknown, ...rest: unknown[]) {
    const set = typed.get(this) ?? new Set<string>();
    typed.set(this, set);
    for (const line of Array.isArray(values) ? values : []) {
      for (const v of Array.isArray(line) ? line : []) if (typeof v === 'string' && v.startsWith('=')) set.add(typedKey(String(id), String(sheetName), v));
    }
    return original.call(this, id, sheetName, row, column, values, ...rest);
  };
  proto.__formulaGuard = true;
}

/** The formulas nobody meant: not the product's declared ones, not typed by a person. */
export function unexpectedFormulas(ws: Workspace): FormulaCell[] {
  const people = typed.get(sheetsStore(ws.state)) ?? new Set<string>();
  return allFormulas(ws).filter(
    (f) =>
      !people.has(typedKey(f.spreadsheetId, f.tab, f.formula)) &&
      !PRODUCT_FORMULAS.some((p) => p.tab === f.tab && p.header === f.header && p.pattern.test(f.formula)),
  );
}

export function describeFormula(f: FormulaCell): string {
  const where = `«${f.spreadsheet}» ${f.tab}!R${f.row}C${f.column}${f.header ? ` (${f.header})` : ''}`;
  return `${where}: ${f.formula.length > 80 ? `${f.formula.slice(0, 80)}…` : f.formula}`;
}

// ---------------------------------------------------------------------------- the guard

export interface FormulaGuard {
  /** Violations found since the last `take()`, each once, with the execution that left them. */
  take(): string[];
  /** Executions scanned so far. */
  scans(): number;
}

let guard: (FormulaGuard & { found: string[]; seen: WeakMap<object, Set<string>>; scanned: number }) | undefined;

/**
 * After every outermost execution of any workspace (a panel call, a trigger, a form submission,
 * with whatever it caused), scans every cell of every spreadsheet; a formula nobody meant is
 * recorded with the function that ran. Idempotent.
 */
export function installFormulaGuard(): FormulaGuard {
  if (guard) return guard;
  recordTypedFormulas();
  const g = {
    found: [] as string[],
    seen: new WeakMap<object, Set<string>>(),
    scanned: 0,
    take() {
      return g.found.splice(0);
    },
    scans() {
      return g.scanned;
    },
  };
  guard = g;
  const proto = Workspace.prototype as unknown as { execute: (...a: unknown[]) => unknown };
  const original = proto.execute;
  if (typeof original !== 'function') throw new Error('formula guard: Workspace.prototype.execute not found (the emulator changed; update test/support/formulas.ts)');
  proto.execute = function (this: Workspace, ...args: unknown[]) {
    const result = original.apply(this, args);
    if (((this as unknown as { depth?: number }).depth ?? 0) === 0) {
      g.scanned++;
      const seen = g.seen.get(this) ?? new Set<string>();
      g.seen.set(this, seen);
      for (const f of unexpectedFormulas(this)) {
        const line = describeFormula(f);
        if (seen.has(line)) continue;
        seen.add(line);
        g.found.push(`a formula the product did not write on purpose, after ${String(args[1])}: ${line}`);
      }
    }
    return result;
  };
  return g;
}
