/**
 * In-memory "Atenciones" spreadsheet, set up by the real setup use case, for the unit tests of
 * the import (A01) and walk-in booking use cases.
 */
import { readZipEntries } from '../../support/xlsx-writer';
import { runSetup } from '../../../src/app/setup';
import type { ImportDeps, ReportFiles } from '../../../src/app/appointments/import';
import type { BookingDeps } from '../../../src/app/appointments/booking';
import { limaDate } from '../../../src/domain/lima-time';
import { LockBusyError, type Lock } from '../../../src/ports';
import { ArrayAuditLog, FixedClock, FixedSession, MemoryScheduler, MemoryStore, MemoryWorkbook, MemoryWorkbooks, NoLock, registerTeam } from '../../support/memory-ports';

export const ATENCIONES_ID = '1AtencionesAtencionesAtencionesAtenciones00';
export const TALLERES_ID = '1TalleresTalleresTalleresTalleresTalleres000';
export const USER = 'ana.quispe@trabajo.gob.pe';

/** Node's Buffer and the test ZIP reader in place of Utilities. */
export const nodeFiles: ReportFiles = {
  decodeBase64(b64: string): number[] {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64.replace(/\s+/g, ''))) throw new Error('Could not decode string.');
    // Signed, as Apps Script's Utilities.base64Decode returns them.
    return Array.from(Buffer.from(b64, 'base64'), (b) => (b > 127 ? b - 256 : b));
  },
  unzipText(bytes: ArrayLike<number>): Record<string, string> {
    return readZipEntries(Uint8Array.from(bytes as number[], (b) => b & 0xff));
  },
};

/** Refuses every lock, as when a long trigger run holds the script lock. */
export class BusyLock implements Lock {
  withLock<T>(): T {
    throw new LockBusyError('ocupado');
  }
}

export function memoryWorld(at = limaDate(2026, 11, 27, 9, 0)) {
  const workbooks = new MemoryWorkbooks(ATENCIONES_ID);
  const book = workbooks.add(new MemoryWorkbook(ATENCIONES_ID, 'Atenciones Virtuales – Centro de Empleo'));
  workbooks.add(new MemoryWorkbook(TALLERES_ID, 'Programación Talleres Masivos'));
  const clock = new FixedClock(at);
  const deps: ImportDeps & BookingDeps = {
    workbooks,
    properties: new MemoryStore(),
    scheduler: new MemoryScheduler(USER),
    lock: new NoLock(),
    clock,
    session: new FixedSession(USER),
    audit: new ArrayAuditLog(),
    files: nodeFiles,
  };
  runSetup(deps, { role: 'atenciones', siblingId: TALLERES_ID });
  deps.audit.flush();
  const audit = deps.audit as ArrayAuditLog;
  audit.written.length = 0;
  registerTeam(deps.properties, [{ email: USER, name: 'Ana Quispe', roles: ['coordinador', 'consultor'] }]);
  book.newExecution();
  return {
    deps,
    book,
    clock,
    scheduler: deps.scheduler as MemoryScheduler,
    properties: deps.properties as MemoryStore,
    audit,
    /** A new execution: caches forgotten, audit written. */
    next() {
      book.newExecution();
      audit.flush();
    },
  };
}

/** Writes a 'Configuración' value as a person would. */
export function setSetting(book: MemoryWorkbook, name: string, value: string): void {
  const s = book.sheet('Configuración')!;
  const headers = s.cells[0].map(String);
  const n = headers.indexOf('Parámetro');
  const v = headers.indexOf('Valor');
  let row = s.cells.findIndex((r, i) => i > 0 && String(r[n]) === name);
  if (row < 0) {
    row = s.cells.length;
    s.cells.push(headers.map(() => ''));
    s.cells[row][n] = name;
  }
  s.cells[row][v] = value;
  book.newExecution();
}

/** A tab's data rows as records keyed by header. */
export function records(book: MemoryWorkbook, tab: string): Record<string, unknown>[] {
  const s = book.sheet(tab)!;
  const headers = s.cells[0].map(String);
  return s.cells.slice(1).map((row) => Object.fromEntries(headers.map((h, i) => [h, row[i] ?? ''])));
}

export function base64(bytes: Uint8Array | string): string {
  return Buffer.from(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes).toString('base64');
}
