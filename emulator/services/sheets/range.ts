import { GasObject } from '../../core/gas-object';
import { rangeA1 } from './a1';
import {
  clearBlock,
  readDisplayValues,
  readFormulas,
  readNumberFormats,
  readValues,
  writeFormulas,
  writeValues,
} from './cells';
import type { SheetsContext } from './context';
import { isAutomaticFormat, type CellValue } from './format';
import type { Cell } from './grid';
import { MESSAGES, signatureError } from './messages';
import { guardScriptWrite } from './access';
import type { SheetData, SpreadsheetData } from './model';
import { protectRange, type Protection } from './protection';
import { Sheet } from './sheet';
import { DataValidation } from './validation';
import type { ValidationRule } from './validation-rule';

/**
 * A block of cells (developers.google.com/apps-script/reference/spreadsheet/range). Values
 * follow `cells.ts`/`values.ts`; styling setters are accepted and change nothing a script
 * can read back, which is all the emulator promises about them.
 */
export class Range extends GasObject {
  readonly _service = 'Sheets' as const;
  readonly _class = 'Range';

  constructor(
    readonly _ctx: SheetsContext,
    readonly _ss: SpreadsheetData,
    readonly _sheet: SheetData,
    readonly _row: number,
    readonly _col: number,
    readonly _nr: number,
    readonly _nc: number,
  ) {
    super();
  }

  /** Checks a 2-D argument has the range's shape, with Apps Script's messages. */
  private _shape(method: string, data: unknown): unknown[][] {
    if (!Array.isArray(data) || data.some((row) => !Array.isArray(row))) throw signatureError('Range', method, [data]);
    if (data.length !== this._nr) throw new Error(MESSAGES.rowsMismatch(data.length, this._nr));
    for (const row of data as unknown[][]) {
      if (row.length !== this._nc) throw new Error(MESSAGES.columnsMismatch(row.length, this._nc));
    }
    return data as unknown[][];
  }

  /** Refuses the write when the execution's user may not change these cells (sharing, protections). */
  private _guard(): void {
    guardScriptWrite(this._ss, this._sheet, this._ctx.user, { row: this._row, column: this._col, numRows: this._nr, numColumns: this._nc });
  }

  private _fill<T>(value: T): T[][] {
    return Array.from({ length: this._nr }, () => new Array<T>(this._nc).fill(value));
  }

  private _eachCell(fn: (cell: Cell, i: number, j: number) => void): void {
    for (let i = 0; i < this._nr; i++) {
      for (let j = 0; j < this._nc; j++) fn(this._sheet.grid.ensure(this._row + i, this._col + j), i, j);
    }
  }

  // ---------------------------------------------------------------- position

  getRow(): number {
    return this._row;
  }

  getColumn(): number {
    return this._col;
  }

  getRowIndex(): number {
    return this._row;
  }

  getNumRows(): number {
    return this._nr;
  }

  getNumColumns(): number {
    return this._nc;
  }

  /** The last row of the range (not of the data): row + numRows − 1. */
  getLastRow(): number {
    return this._row + this._nr - 1;
  }

  getLastColumn(): number {
    return this._col + this._nc - 1;
  }

  getA1Notation(): string {
    return rangeA1(this._row, this._col, this._nr, this._nc);
  }

  getSheet(): Sheet {
    return new Sheet(this._ctx, this._ss, this._sheet);
  }

  getGridId(): number {
    return this._sheet.sheetId;
  }

  getCell(row: number, column: number): Range {
    if (row < 1 || row > this._nr || column < 1 || column > this._nc) throw new Error(MESSAGES.outsideSheet);
    return new Range(this._ctx, this._ss, this._sheet, this._row + row - 1, this._col + column - 1, 1, 1);
  }

  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): Range {
    return new Sheet(this._ctx, this._ss, this._sheet)._range(
      this._row + rowOffset,
      this._col + columnOffset,
      numRows ?? this._nr,
      numColumns ?? this._nc,
    );
  }

  activate(): Range {
    this._ss.activeSheetId = this._sheet.sheetId;
    return this;
  }

  isBlank(): boolean {
    return readValues(this._sheet, this._row, this._col, this._nr, this._nc).every((row) => row.every((v) => v === '')) &&
      readFormulas(this._sheet, this._row, this._col, this._nr, this._nc).every((row) => row.every((f) => f === ''));
  }

  // ---------------------------------------------------------------- values

  /**
   * Dates come back as Date, numbers as numbers, booleans as booleans and empty cells as ''.
   * A formula cell reads '' because the emulator does not evaluate formulas: getFormulas()
   * is the truth about such cells.
   */
  getValues(): CellValue[][] {
    return readValues(this._sheet, this._row, this._col, this._nr, this._nc);
  }

  getValue(): CellValue {
    return readValues(this._sheet, this._row, this._col, 1, 1)[0][0];
  }

  setValues(values: unknown[][]): Range {
    const data = this._shape('setValues', values);
    this._guard();
    writeValues(this._ss, this._sheet, this._row, this._col, data, { formulas: true, validate: true });
    return this;
  }

  /** Sets every cell of the range to the value (as Range.setValue does for a multi-cell range). */
  setValue(value: unknown): Range {
    this._guard();
    writeValues(this._ss, this._sheet, this._row, this._col, this._fill(value), { formulas: true, validate: true });
    return this;
  }

  getDisplayValues(): string[][] {
    return readDisplayValues(this._ss, this._sheet, this._row, this._col, this._nr, this._nc);
  }

  getDisplayValue(): string {
    return readDisplayValues(this._ss, this._sheet, this._row, this._col, 1, 1)[0][0];
  }

  getFormulas(): string[][] {
    return readFormulas(this._sheet, this._row, this._col, this._nr, this._nc);
  }

  getFormula(): string {
    return readFormulas(this._sheet, this._row, this._col, 1, 1)[0][0];
  }

  setFormula(formula: string): Range {
    this._guard();
    writeFormulas(this._ss, this._sheet, this._row, this._col, this._fill(formula));
    return this;
  }

  setFormulas(formulas: string[][]): Range {
    const data = this._shape('setFormulas', formulas);
    this._guard();
    writeFormulas(this._ss, this._sheet, this._row, this._col, data);
    return this;
  }

  // ---------------------------------------------------------------- number formats

  getNumberFormats(): string[][] {
    return readNumberFormats(this._sheet, this._row, this._col, this._nr, this._nc);
  }

  getNumberFormat(): string {
    return readNumberFormats(this._sheet, this._row, this._col, 1, 1)[0][0];
  }

  /** "@" makes the cells plain text: later writes keep strings exactly (leading zeros too). */
  setNumberFormat(numberFormat: string): Range {
    this._guard();
    const nf = String(numberFormat);
    this._eachCell((cell) => {
      if (isAutomaticFormat(nf)) delete cell.nf;
      else cell.nf = nf;
    });
    return this;
  }

  setNumberFormats(numberFormats: string[][]): Range {
    const data = this._shape('setNumberFormats', numberFormats);
    this._guard();
    this._eachCell((cell, i, j) => {
      const nf = String(data[i][j]);
      if (isAutomaticFormat(nf)) delete cell.nf;
      else cell.nf = nf;
    });
    return this;
  }

  // ---------------------------------------------------------------- data validation

  setDataValidation(rule: DataValidation | null): Range {
    this._guard();
    if (rule !== null && !(rule instanceof DataValidation)) throw signatureError('Range', 'setDataValidation', [rule]);
    const r: ValidationRule | undefined = rule ? rule._rule : undefined;
    this._eachCell((cell) => {
      if (r) cell.dv = r;
      else delete cell.dv;
    });
    return this;
  }

  setDataValidations(rules: (DataValidation | null)[][]): Range {
    const data = this._shape('setDataValidations', rules) as (DataValidation | null)[][];
    this._guard();
    this._eachCell((cell, i, j) => {
      const rule = data[i][j];
      if (rule) cell.dv = rule._rule;
      else delete cell.dv;
    });
    return this;
  }

  getDataValidation(): DataValidation | null {
    const rule = this._sheet.grid.get(this._row, this._col)?.dv;
    return rule ? new DataValidation(rule) : null;
  }

  getDataValidations(): (DataValidation | null)[][] {
    const out: (DataValidation | null)[][] = [];
    for (let i = 0; i < this._nr; i++) {
      const line: (DataValidation | null)[] = [];
      for (let j = 0; j < this._nc; j++) {
        const rule = this._sheet.grid.get(this._row + i, this._col + j)?.dv;
        line.push(rule ? new DataValidation(rule) : null);
      }
      out.push(line);
    }
    return out;
  }

  clearDataValidations(): Range {
    this._guard();
    clearBlock(this._sheet, this._row, this._col, this._nr, this._nc, { validations: true });
    return this;
  }

  /** Checkboxes: a CHECKBOX rule and the value false in every cell (Range.insertCheckboxes). */
  insertCheckboxes(): Range {
    this._guard();
    const rule: ValidationRule = { criteria: 'CHECKBOX', args: [], allowInvalid: true };
    this._eachCell((cell) => (cell.dv = rule));
    writeValues(this._ss, this._sheet, this._row, this._col, this._fill(false), { formulas: false, validate: false });
    return this;
  }

  check(): Range {
    this._guard();
    writeValues(this._ss, this._sheet, this._row, this._col, this._fill(true), { formulas: false, validate: true });
    return this;
  }

  uncheck(): Range {
    this._guard();
    writeValues(this._ss, this._sheet, this._row, this._col, this._fill(false), { formulas: false, validate: true });
    return this;
  }

  /** True if every checkbox is checked, false if none is, null when mixed or not checkboxes. */
  isChecked(): boolean | null {
    const values = this.getValues().flat();
    if (values.every((v) => v === true)) return true;
    if (values.every((v) => v === false)) return false;
    return null;
  }

  // ---------------------------------------------------------------- clearing

  clearContent(): Range {
    this._guard();
    clearBlock(this._sheet, this._row, this._col, this._nr, this._nc, { contents: true });
    return this;
  }

  clearFormat(): Range {
    this._guard();
    clearBlock(this._sheet, this._row, this._col, this._nr, this._nc, { formats: true });
    return this;
  }

  /** No options: contents and formats. Options: contentsOnly / formatOnly / validationsOnly. */
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean; validationsOnly?: boolean; commentsOnly?: boolean }): Range {
    this._guard();
    const o = options ?? {};
    const any = o.contentsOnly || o.formatOnly || o.validationsOnly || o.commentsOnly;
    clearBlock(this._sheet, this._row, this._col, this._nr, this._nc, {
      contents: !any || o.contentsOnly,
      formats: !any || o.formatOnly,
      validations: Boolean(o.validationsOnly),
    });
    return this;
  }

  // ---------------------------------------------------------------- sorting

  /**
   * Sorts the range's rows, cells moving with their formats (Range.sort). `spec` is a column
   * number, `{column, ascending}`, or an array of those. Empty cells go last either way;
   * numbers and dates sort before text, text before booleans, as in Sheets.
   */
  sort(spec: number | { column: number; ascending?: boolean } | (number | { column: number; ascending?: boolean })[]): Range {
    this._guard();
    const specs = (Array.isArray(spec) ? spec : [spec]).map((s) =>
      typeof s === 'number' ? { column: s, ascending: true } : { column: Number(s.column), ascending: s.ascending !== false },
    );
    for (const s of specs) {
      if (s.column < this._col || s.column > this._col + this._nc - 1) throw new Error(MESSAGES.invalidArgument('sortSpecObj'));
    }
    const grid = this._sheet.grid;
    const last = Math.min(this._row + this._nr - 1, grid.rows.length);
    if (last < this._row) return this;
    const slices: (Cell | undefined)[][] = [];
    for (let r = this._row; r <= last; r++) slices.push(grid.rows[r - 1].slice(this._col - 1, this._col - 1 + this._nc));
    const collator = new Intl.Collator(this._ctx.locale(this._ss).tag, { sensitivity: 'base', numeric: false });
    const rank = (v: CellValue | undefined): number =>
      v === undefined || v === '' ? 3 : typeof v === 'number' || v instanceof Date ? 0 : typeof v === 'string' ? 1 : 2;
    const num = (v: CellValue) => (v instanceof Date ? v.getTime() : Number(v));
    slices.sort((a, b) => {
      for (const s of specs) {
        const va = a[s.column - this._col]?.v;
        const vb = b[s.column - this._col]?.v;
        const ra = rank(va);
        const rb = rank(vb);
        if (ra === 3 || rb === 3) {
          if (ra !== rb) return ra === 3 ? 1 : -1;
          continue;
        }
        let d = ra - rb;
        if (d === 0 && ra === 0) d = num(va!) - num(vb!);
        if (d === 0 && ra === 1) d = collator.compare(String(va), String(vb));
        if (d === 0 && ra === 2) d = Number(va) - Number(vb);
        if (d !== 0) return s.ascending ? d : -d;
      }
      return 0;
    });
    slices.forEach((slice, i) => {
      const row = grid.rows[this._row - 1 + i];
      for (let j = 0; j < this._nc; j++) row[this._col - 1 + j] = slice[j];
    });
    grid.contentMoved(last);
    return this;
  }

  // ---------------------------------------------------------------- protection

  /** A new protected range over these cells (Range.protect): it mirrors the file's permissions until its editors change. */
  protect(): Protection {
    return protectRange(this._ctx, this._ss, this._sheet, { row: this._row, column: this._col, numRows: this._nr, numColumns: this._nc });
  }

  // ---------------------------------------------------------------- styling (kept only as far as protections go: they refuse it)

  setFontWeight(_fontWeight: string | null): Range {
    this._guard();
    return this;
  }

  setFontWeights(_fontWeights: unknown[][]): Range {
    this._guard();
    return this;
  }

  setFontStyle(_fontStyle: string | null): Range {
    this._guard();
    return this;
  }

  setFontSize(_size: number): Range {
    this._guard();
    return this;
  }

  setFontFamily(_fontFamily: string | null): Range {
    this._guard();
    return this;
  }

  setFontColor(_color: string | null): Range {
    this._guard();
    return this;
  }

  setFontColors(_colors: unknown[][]): Range {
    this._guard();
    return this;
  }

  setBackground(_color: string | null): Range {
    this._guard();
    return this;
  }

  setBackgrounds(_colors: unknown[][]): Range {
    this._guard();
    return this;
  }

  setWrap(_isWrapEnabled: boolean): Range {
    this._guard();
    return this;
  }

  setWrapStrategy(_strategy: unknown): Range {
    this._guard();
    return this;
  }

  setHorizontalAlignment(_alignment: string | null): Range {
    this._guard();
    return this;
  }

  setHorizontalAlignments(_alignments: unknown[][]): Range {
    this._guard();
    return this;
  }

  setVerticalAlignment(_alignment: string | null): Range {
    this._guard();
    return this;
  }

  setBorder(..._args: unknown[]): Range {
    this._guard();
    return this;
  }

  setNote(_note: string | null): Range {
    this._guard();
    return this;
  }
}
