import type { CellValue } from './format';
import type { ValidationRule } from './validation-rule';

/**
 * One cell as Sheets keeps it: a value ('' when empty), the formula that produced it, its
 * number format (undefined = automatic) and its data validation rule. Styling that does not
 * change values (fonts, colours, wrapping) is not kept.
 */
export interface Cell {
  v: CellValue;
  f?: string;
  nf?: string;
  dv?: ValidationRule;
}

export function hasContent(cell: Cell | undefined): boolean {
  return cell !== undefined && (cell.v !== '' || cell.f !== undefined);
}

/**
 * The cells of one sheet, row-major and sparse (rows and cells exist only once something was
 * written or formatted there). The last row and column with content are cached and repaired
 * incrementally, so appending thousands of rows one by one stays linear.
 */
export class Grid {
  rows: (Cell | undefined)[][] = [];
  private lastRowVal = 0;
  /** When set, the last row must be found again, scanning down from this row. */
  private lastRowScanFrom: number | null = null;
  private lastColVal = 0;
  private lastColDirty = false;

  /** A grid holding these rows (bounds are found on first use). */
  static fromRows(rows: (Cell | undefined)[][]): Grid {
    const g = new Grid();
    g.rows = rows;
    g.lastRowScanFrom = rows.length;
    g.lastColDirty = true;
    return g;
  }

  get(r: number, c: number): Cell | undefined {
    const row = this.rows[r - 1];
    return row ? row[c - 1] : undefined;
  }

  /** The cell, created empty if needed (to hold a format or a rule). */
  ensure(r: number, c: number): Cell {
    let row = this.rows[r - 1];
    if (!row) {
      while (this.rows.length < r - 1) this.rows.push([]);
      row = [];
      this.rows[r - 1] = row;
    }
    let cell = row[c - 1];
    if (!cell) {
      cell = { v: '' };
      row[c - 1] = cell;
    }
    return cell;
  }

  /** Writes content (value and formula), keeping the cell's format and validation. */
  setContent(r: number, c: number, v: CellValue, f?: string): void {
    const filled = v !== '' || f !== undefined;
    const existing = this.get(r, c);
    if (!existing && !filled) return;
    const cell = existing ?? this.ensure(r, c);
    const had = hasContent(cell);
    cell.v = v;
    if (f === undefined) delete cell.f;
    else cell.f = f;
    if (filled) {
      if (this.lastRowScanFrom !== null) this.lastRowScanFrom = Math.max(this.lastRowScanFrom, r);
      else this.lastRowVal = Math.max(this.lastRowVal, r);
      if (!this.lastColDirty) this.lastColVal = Math.max(this.lastColVal, c);
    } else if (had) {
      if (this.lastRowScanFrom === null && r === this.lastRowVal) this.lastRowScanFrom = r;
      if (!this.lastColDirty && c === this.lastColVal) this.lastColDirty = true;
    }
  }

  private rowHasContent(r: number): boolean {
    const row = this.rows[r - 1];
    if (!row) return false;
    for (let i = row.length - 1; i >= 0; i--) if (hasContent(row[i])) return true;
    return false;
  }

  lastRow(): number {
    if (this.lastRowScanFrom !== null) {
      let r = Math.min(this.lastRowScanFrom, this.rows.length);
      while (r > 0 && !this.rowHasContent(r)) r--;
      this.lastRowVal = r;
      this.lastRowScanFrom = null;
    }
    return this.lastRowVal;
  }

  lastColumn(): number {
    if (this.lastColDirty) {
      let max = 0;
      for (const row of this.rows) {
        if (!row) continue;
        for (let i = row.length - 1; i >= max; i--) {
          if (hasContent(row[i])) {
            max = i + 1;
            break;
          }
        }
      }
      this.lastColVal = max;
      this.lastColDirty = false;
    }
    return this.lastColVal;
  }

  /** Inserts `n` rows before row `at`; they copy formats and rules of `templateRow` (Sheets' "inherit from the row above"). */
  insertRows(at: number, n: number, templateRow?: number): void {
    const last = this.lastRow();
    const template = templateRow ? this.rows[templateRow - 1] : undefined;
    const fresh: (Cell | undefined)[][] = [];
    for (let i = 0; i < n; i++) {
      const row: (Cell | undefined)[] = [];
      if (template) {
        template.forEach((cell, j) => {
          if (cell && (cell.nf !== undefined || cell.dv !== undefined)) {
            const copy: Cell = { v: '' };
            if (cell.nf !== undefined) copy.nf = cell.nf;
            if (cell.dv !== undefined) copy.dv = cell.dv;
            row[j] = copy;
          }
        });
      }
      fresh.push(row);
    }
    // Nothing is stored at or below `at`: no cell moves (and the template, the row above, is empty).
    if (this.rows.length < at - 1) return;
    this.rows.splice(at - 1, 0, ...fresh);
    if (last >= at) this.lastRowVal = last + n;
  }

  deleteRows(at: number, n: number): void {
    const last = this.lastRow();
    this.rows.splice(at - 1, n);
    if (last < at) return;
    if (last > at + n - 1) this.lastRowVal = last - n;
    else this.lastRowScanFrom = at - 1;
    this.lastColDirty = true;
  }

  insertColumns(at: number, n: number, templateColumn?: number): void {
    const lastCol = this.lastColumn();
    for (const row of this.rows) {
      if (!row || row.length < at - 1) continue;
      const template = templateColumn ? row[templateColumn - 1] : undefined;
      const fresh: (Cell | undefined)[] = [];
      for (let i = 0; i < n; i++) {
        if (template && (template.nf !== undefined || template.dv !== undefined)) {
          const copy: Cell = { v: '' };
          if (template.nf !== undefined) copy.nf = template.nf;
          if (template.dv !== undefined) copy.dv = template.dv;
          fresh.push(copy);
        } else fresh.push(undefined);
      }
      row.splice(at - 1, 0, ...fresh);
    }
    if (lastCol >= at) this.lastColVal = lastCol + n;
  }

  deleteColumns(at: number, n: number): void {
    for (const row of this.rows) if (row && row.length >= at) row.splice(at - 1, n);
    this.lastColDirty = true;
    this.lastRowScanFrom = Math.max(this.lastRowScanFrom ?? 0, this.lastRowVal);
  }

  /** After cells moved inside rows ≤ `upTo` (sorting), the bounds are found again. */
  contentMoved(upTo: number): void {
    this.lastRowScanFrom = Math.max(this.lastRowScanFrom ?? 0, this.lastRowVal, upTo);
    this.lastColDirty = true;
  }
}
