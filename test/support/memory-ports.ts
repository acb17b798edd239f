/**
 * In-memory implementations of src/ports.ts for unit tests of use cases (no emulator, no
 * bundle). They keep the same contracts as the Apps Script adapters — tables found by header,
 * rows by ID, only changed blocks written — and count writes so tests can check batching.
 */
import { randomBytes } from 'crypto';
import { resolveColumns, type TabSpec } from '../../src/domain/schema';
import {
  applyFields,
  duplicateIds,
  idText,
  MissingColumnError,
  newRow,
  planSpanWrites,
  planWrites,
  rewritableColumns,
  rowsToRecords,
  sameCell,
  type CellValue,
  type FieldValue,
} from '../../src/domain/table';
import type {
  AuditEntry,
  AuditLog,
  Clock,
  ColumnRule,
  HeaderCell,
  KeyValueStore,
  Lock,
  RowChange,
  RowNumberChange,
  Scheduler,
  Session,
  Table,
  TableSnapshot,
  TabProtection,
  TriggerInfo,
  UpdateOptions,
  UpdateResult,
  Workbook,
  Workbooks,
} from '../../src/ports';
import { forgetReadTeam } from '../../src/app/team';

export interface MemorySheet {
  name: string;
  /** Row 1 = headers. */
  cells: CellValue[][];
  frozenRows: number;
  rules: Map<number, ColumnRule>;
  headerStyle: Map<number, boolean>;
}

export class MemoryTable<K extends string> implements Table<K> {
  writes = 0;
  reads = 0;
  private snapshot?: TableSnapshot<K>;

  constructor(
    readonly spec: TabSpec<K>,
    private readonly sheet: () => MemorySheet | undefined,
  ) {}

  exists(): boolean {
    return this.sheet() !== undefined;
  }

  private must(): MemorySheet {
    const s = this.sheet();
    if (!s) throw new Error(`no tab ${this.spec.name}`);
    return s;
  }

  read(options: { fresh?: boolean } = {}): TableSnapshot<K> {
    if (options.fresh) this.snapshot = undefined;
    if (this.snapshot) return this.snapshot;
    this.reads++;
    const s = this.must();
    const headers = (s.cells[0] ?? []).map((h) => String(h));
    const rows = rowsToRecords(this.spec, headers, s.cells.slice(1));
    const byId = new Map(rows.filter((r) => r.id !== '').reverse().map((r) => [r.id, r] as const));
    this.snapshot = {
      headers,
      rows,
      byId,
      missingColumns: resolveColumns(this.spec, headers).missing.map((c) => c.header),
      duplicateIds: duplicateIds(rows),
    };
    return this.snapshot;
  }

  update(changes: readonly RowChange<K>[], options: UpdateOptions = {}): UpdateResult {
    const s = this.must();
    this.read();
    const headers = s.cells[0].map(String);
    const { index } = resolveColumns(this.spec, headers);
    const idCol = index[this.spec.idKey as K];
    const before = s.cells.slice(1);
    const after = before.slice();
    const notFound: string[] = [];
    for (const ch of changes) {
      const i = after.findIndex((r) => idText(r[idCol]) === idText(ch.id));
      if (i < 0) notFound.push(ch.id);
      else after[i] = applyFields(this.spec, index, after[i], ch.fields, headers.length);
    }
    const plan = options.mode === 'span' ? planSpanWrites : planWrites;
    // 'row' bridges over any column the schema knows; the others only over its system columns.
    const known = new Set(Object.values(index) as number[]);
    const mayRewrite = options.mode === 'row' ? (c: number) => known.has(c) : (c: number) => rewritableColumns(this.spec, headers)[c];
    const blocks = plan(before, after, { firstRow: 2, mayRewrite });
    for (const b of blocks) {
      b.values.forEach((line, r) => line.forEach((v, c) => (s.cells[b.row - 1 + r][b.column - 1 + c] = v)));
    }
    this.writes += blocks.length;
    this.snapshot = undefined;
    return { updated: changes.map((c) => c.id).filter((id) => !notFound.includes(id)), notFound, writes: blocks.length };
  }

  updateByRowNumber(changes: readonly RowNumberChange<K>[]): { updated: number; writes: number } {
    const s = this.must();
    this.read();
    const headers = s.cells[0].map(String);
    const { index } = resolveColumns(this.spec, headers);
    const before = s.cells.slice(1);
    const after = before.slice();
    const touched = new Set<number>();
    for (const ch of changes) {
      const i = ch.rowNumber - 2;
      if (!Number.isInteger(i) || i < 0 || i >= after.length) continue;
      after[i] = applyFields(this.spec, index, after[i], ch.fields, headers.length);
      touched.add(i);
    }
    const blocks = planSpanWrites(before, after, { firstRow: 2, mayRewrite: (c: number) => rewritableColumns(this.spec, headers)[c] });
    // Counted before writing: the blocks are written into the rows `before` holds.
    const updated = [...touched].filter((i) => after[i].some((v, j) => !sameCell(v, before[i][j]))).length;
    for (const b of blocks) {
      b.values.forEach((line, r) => line.forEach((v, c) => (s.cells[b.row - 1 + r][b.column - 1 + c] = v)));
    }
    this.writes += blocks.length;
    this.snapshot = undefined;
    return { updated, writes: blocks.length };
  }

  append(records: readonly Partial<Record<K, FieldValue>>[]): void {
    const s = this.must();
    const headers = (s.cells[0] ?? []).map(String);
    if (headers.length === 0) throw new MissingColumnError(this.spec.name, this.spec.columns.map((c) => c.header));
    const { index } = resolveColumns(this.spec, headers);
    for (const r of records) s.cells.push(newRow(this.spec, index, r, headers.length));
    this.writes++;
    this.snapshot = undefined;
  }
}

export class MemoryWorkbook implements Workbook {
  readonly sheets: MemorySheet[] = [];
  tz = 'America/Los_Angeles';
  private readonly tables = new Map<string, MemoryTable<string>>();

  constructor(
    readonly id: string,
    private readonly title: string,
  ) {}

  sheet(name: string): MemorySheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  name(): string {
    return this.title;
  }
  timeZone(): string {
    return this.tz;
  }
  setTimeZone(tz: string): void {
    this.tz = tz;
  }
  tabNames(): string[] {
    return this.sheets.map((s) => s.name);
  }
  headers(tab: string): string[] | null {
    const s = this.sheet(tab);
    if (!s) return null;
    const row = (s.cells[0] ?? []).map((v) => String(v).trim());
    while (row.length && row[row.length - 1] === '') row.pop();
    return row;
  }
  createTab(tab: string, headers: readonly HeaderCell[]): void {
    if (this.sheet(tab)) throw new Error(`tab ${tab} exists`);
    const s: MemorySheet = { name: tab, cells: [[]], frozenRows: 0, rules: new Map(), headerStyle: new Map() };
    this.sheets.push(s);
    this.addHeaders(tab, 1, headers);
  }
  addHeaders(tab: string, startColumn: number, headers: readonly HeaderCell[]): void {
    const s = this.sheet(tab)!;
    const width = startColumn - 1 + headers.length;
    for (const row of s.cells) while (row.length < width) row.push('');
    headers.forEach((h, i) => {
      s.cells[0][startColumn - 1 + i] = h.text;
      s.headerStyle.set(startColumn + i, h.system);
    });
  }
  freezeHeaderRow(tab: string): boolean {
    const s = this.sheet(tab)!;
    if (s.frozenRows >= 1) return false;
    s.frozenRows = 1;
    return true;
  }
  applyColumnRules(tab: string, rules: readonly ColumnRule[]): void {
    const s = this.sheet(tab)!;
    for (const r of rules) s.rules.set(r.column, r);
  }
  table<K extends string>(spec: TabSpec<K>): Table<K> {
    let t = this.tables.get(spec.key) as MemoryTable<K> | undefined;
    if (!t) {
      t = new MemoryTable(spec, () => this.sheet(spec.name));
      this.tables.set(spec.key, t as unknown as MemoryTable<string>);
    }
    return t;
  }
  /** The file's owner (null: a shared drive). */
  owner: string | null = null;
  /** Tab protections by tab name, as protectTab left them. */
  readonly protections = new Map<string, TabProtection>();
  ownerEmail(): string | null {
    return this.owner;
  }
  protectTab(tab: string, protection: TabProtection): boolean {
    if (!this.sheet(tab)) return false;
    const before = JSON.stringify(this.protections.get(tab) ?? null);
    this.protections.set(tab, {
      description: protection.description,
      editors: protection.editors === 'warning' ? 'warning' : [...protection.editors],
      ...(protection.unprotectedColumns ? { unprotectedColumns: [...protection.unprotectedColumns] } : {}),
    });
    return JSON.stringify(this.protections.get(tab)) !== before;
  }
  /** Forgets cached snapshots, as a new execution would. */
  newExecution(): void {
    this.tables.clear();
  }
}

export class MemoryWorkbooks implements Workbooks {
  readonly books = new Map<string, MemoryWorkbook>();
  constructor(private readonly currentId: string) {}
  add(book: MemoryWorkbook): MemoryWorkbook {
    this.books.set(book.id, book);
    return book;
  }
  current(): Workbook {
    return this.books.get(this.currentId)!;
  }
  open(id: string): Workbook | null {
    return this.books.get(id) ?? null;
  }
}

export class MemoryStore implements KeyValueStore {
  constructor(readonly values: Record<string, string> = {}) {}
  get(key: string): string | null {
    return key in this.values ? this.values[key] : null;
  }
  getAll(): Record<string, string> {
    return { ...this.values };
  }
  setAll(values: Record<string, string>): void {
    Object.assign(this.values, values);
  }
  delete(key: string): void {
    delete this.values[key];
  }
  /** A fresh random secret the first time (node's crypto stands in for Utilities.getUuid). */
  secret(key: string): string {
    if (!(key in this.values)) this.values[key] = randomBytes(30).toString('hex');
    return this.values[key];
  }
}

export class FixedClock implements Clock {
  constructor(public at: Date) {}
  now(): Date {
    return new Date(this.at.getTime());
  }
}

export class NoLock implements Lock {
  held = 0;
  withLock<T>(fn: () => T): T {
    this.held++;
    try {
      return fn();
    } finally {
      this.held--;
    }
  }
}

export class FixedSession implements Session {
  constructor(public email: string) {}
  userEmail(): string {
    return this.email;
  }
}

export interface MemoryTrigger extends TriggerInfo {
  hour?: number;
  /** A monthly trigger's day (issue 15). */
  monthDay?: number;
  owner: string;
}

/** Triggers of one project; `user` decides whose triggers list() shows, as in Apps Script. */
export class MemoryScheduler implements Scheduler {
  readonly all: MemoryTrigger[] = [];
  private seq = 0;
  constructor(public user = 'consultora@example.org') {}
  list(): TriggerInfo[] {
    return this.all.filter((t) => t.owner === this.user).map(({ id, handler, kind, sourceId }) => ({ id, handler, kind, sourceId }));
  }
  private add(t: Omit<MemoryTrigger, 'id' | 'owner'>): TriggerInfo {
    const full = { ...t, id: `t${++this.seq}`, owner: this.user };
    this.all.push(full);
    return { id: full.id, handler: full.handler, kind: full.kind, sourceId: full.sourceId };
  }
  daily(handler: string, hour: number): TriggerInfo {
    return this.add({ handler, kind: 'clock', sourceId: null, hour });
  }
  monthly(handler: string, day: number, hour: number): TriggerInfo {
    return this.add({ handler, kind: 'clock', sourceId: null, hour, monthDay: day });
  }
  after(handler: string, _ms = 0): TriggerInfo {
    return this.add({ handler, kind: 'clock', sourceId: null });
  }
  onFormSubmit(handler: string, formId: string): TriggerInfo {
    return this.add({ handler, kind: 'formSubmit', sourceId: formId });
  }
  remove(id: string): boolean {
    const i = this.all.findIndex((t) => t.id === id && t.owner === this.user);
    if (i < 0) return false;
    this.all.splice(i, 1);
    return true;
  }
}

export class ArrayAuditLog implements AuditLog {
  readonly written: AuditEntry[] = [];
  private readonly pending: AuditEntry[] = [];
  record(entry: AuditEntry): void {
    this.pending.push(entry);
  }
  entries(): readonly AuditEntry[] {
    return [...this.written, ...this.pending];
  }
  flush(): void {
    this.written.push(...this.pending.splice(0));
  }
}

/**
 * Adds (or updates) team members in a spreadsheet's document properties, as the coordinator's
 * «Equipo y permisos» screen would (src/app/team.ts): the in-memory worlds' way to say who is
 * a consultant, since 'Consultor:' rows of 'Configuración' grant nothing.
 */
export function registerTeam(store: KeyValueStore, members: { email: string; name: string; roles?: ('coordinador' | 'consultor')[] }[]): void {
  const raw = store.get('SOE_TEAM');
  const team = raw ? (JSON.parse(raw) as { members: { email: string; name: string; roles: string[] }[]; updatedAt: string; updatedBy: string }) : { members: [], updatedAt: '', updatedBy: '' };
  for (const m of members) {
    const email = m.email.trim().toLowerCase();
    const existing = team.members.find((x) => x.email === email);
    const roles = m.roles ?? (existing ? [...new Set([...existing.roles, 'consultor'])] : ['consultor']);
    if (existing) Object.assign(existing, { name: m.name, roles });
    else team.members.push({ email, name: m.name, roles });
  }
  store.setAll({ SOE_TEAM: JSON.stringify(team) });
  forgetReadTeam(store);
}
