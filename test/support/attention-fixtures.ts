/**
 * What the in-memory worlds of the attention flow share (test/unit/app/day-fixtures.ts for the
 * panel's actions, attention-jobs-fixtures.ts for the automatic tasks): the two spreadsheets'
 * IDs, the consultant, an appointment as the import writes it, a MailApp fake, and a tab read as
 * records the way a person reads it.
 */
import { limaDate, limaParts } from '../../src/domain/lima-time';
import type { AppointmentKey } from '../../src/domain/schema';
import type { FieldValue } from '../../src/domain/table';
import type { Mailer, OutgoingMail } from '../../src/ports';
import type { MemoryWorkbook } from './memory-ports';

export const ATENCIONES_ID = '1AtencionesAtencionesAtencionesAtenciones00';
export const TALLERES_ID = '1TalleresTalleresTalleresTalleresTalleres000';
export const USER = 'ana.quispe@trabajo.gob.pe';

export type Appt = Partial<Record<AppointmentKey, FieldValue>>;

/** An appointment starting at `start` (Lima), as the import writes it; `extra` overrides fields. */
export function appointmentAt(id: string, start: Date, extra: Appt = {}): Appt {
  const p = limaParts(start);
  return {
    id,
    platformCode: id,
    documentType: 'DNI',
    dni: '01234567',
    fullName: `Usuario ${id}`,
    email: `${id.toLowerCase()}@example.com`,
    phone: '+51 987654321',
    date: limaDate(p.year, p.month, p.day),
    time: `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`,
    start,
    consultant: 'Ana Quispe',
    service: 'Orientación para el emprendimiento',
    status: 'Programada',
    origin: 'Importación',
    ...extra,
  };
}

/** A clock the fakes advance, as the emulator's virtual clock advances by each call's latency. */
export interface Ticking {
  tick(ms: number): void;
}

/** MailApp as this product meets it: refusals, the daily quota, and what was sent. */
export class FakeMailer implements Mailer {
  readonly sent: OutgoingMail[] = [];
  quota = 100;
  /** The next sends throw these, in order (then sending works again). */
  failures: Error[] = [];
  /** Called after each accepted send (to interleave a person's edits). */
  afterSend?: (mail: OutgoingMail) => void;
  constructor(private readonly clock?: Ticking) {}
  send(mail: OutgoingMail): void {
    this.clock?.tick(450);
    const f = this.failures.shift();
    if (f) throw f;
    if (!mail.to) throw new Error('Failed to send email: no recipient');
    if (this.quota <= 0) throw new Error('Service invoked too many times for one day: email.');
    this.sent.push(mail);
    this.quota--;
    this.afterSend?.(mail);
  }
  remainingDailyQuota(): number {
    this.clock?.tick(20);
    return this.quota;
  }
  to(address: string): OutgoingMail[] {
    return this.sent.filter((m) => m.to === address);
  }
}

/** A tab's rows as records by header, as they are in the sheet now. */
export function tabRecords(book: MemoryWorkbook, tab: string): Record<string, unknown>[] {
  const [headers, ...rows] = book.sheet(tab)!.cells;
  return rows.map((r) => Object.fromEntries(headers.map((h, i) => [String(h), r[i]])));
}
