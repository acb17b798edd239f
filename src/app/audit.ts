/**
 * The audit log: every automatic action, when, what, for whom and with what result (DESIGN.md).
 *
 * Entries are buffered during an execution and appended to 'Registro de auditoría' in one write
 * at its end, so logging costs a constant number of Sheets calls however much was done. Text
 * is cut to a sane length: a log line is not the place for a whole email.
 */
import type { AuditKey } from '../domain/schema';
import { cleanText } from '../domain/text';
import type { AuditEntry, AuditLog, Clock, Table } from '../ports';

const MAX_DETAIL = 1000;

interface Stamped extends AuditEntry {
  at: Date;
}

export class BufferedAuditLog implements AuditLog {
  private readonly all: Stamped[] = [];
  private unwritten: Stamped[] = [];

  /**
   * @param table the audit tab, asked for only when there is something to write
   * @param execution how this execution started and for whom, e.g. 'Menú · ana@…' — the
   *   'Ejecución' column, so lines of one run can be told apart.
   */
  constructor(
    private readonly table: () => Table<AuditKey>,
    private readonly clock: Clock,
    private readonly execution: string | (() => string),
  ) {}

  record(entry: AuditEntry): void {
    const stamped = { ...entry, at: this.clock.now() };
    this.all.push(stamped);
    this.unwritten.push(stamped);
  }

  entries(): readonly AuditEntry[] {
    return this.all;
  }

  /** Entries recorded and not yet written. */
  pending(): number {
    return this.unwritten.length;
  }

  flush(): void {
    if (this.unwritten.length === 0) return;
    const execution = cleanText(typeof this.execution === 'function' ? this.execution() : this.execution, 200);
    const rows = this.unwritten.map((e) => ({
      at: e.at,
      action: cleanText(e.action, 200),
      target: cleanText(e.target ?? '', 300),
      result: e.result,
      detail: cleanText(e.detail ?? '', MAX_DETAIL),
      execution,
    }));
    this.table().append(rows);
    this.unwritten = [];
  }
}

/** An AuditLog that keeps entries in memory only (for code paths that have no spreadsheet). */
export class MemoryAuditLog implements AuditLog {
  private readonly all: AuditEntry[] = [];
  record(entry: AuditEntry): void {
    this.all.push(entry);
  }
  entries(): readonly AuditEntry[] {
    return this.all;
  }
  flush(): void {}
}
