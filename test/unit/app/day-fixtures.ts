/**
 * A small world for the day's use cases on in-memory ports: both spreadsheets set up by the real
 * setup use case, a few appointments today, a mailer that keeps what it sends (and can fail
 * like MailApp), and a Forms port that builds prefilled links.
 */
import { runSetup } from '../../../src/app/setup';
import type { DayDeps } from '../../../src/app/day';
import { limaDate } from '../../../src/domain/lima-time';
import { APPOINTMENTS_TAB, MODULES_TAB, SETTINGS_TAB, type ModuleKey } from '../../../src/domain/schema';
import type { FieldValue } from '../../../src/domain/table';
import type { Forms } from '../../../src/ports';
import { appointmentAt, ATENCIONES_ID, FakeMailer, tabRecords, TALLERES_ID, USER, type Appt } from '../../support/attention-fixtures';
import {
  ArrayAuditLog,
  FixedClock,
  FixedSession,
  MemoryScheduler,
  MemoryStore,
  MemoryWorkbook,
  MemoryWorkbooks,
  NoLock,
  registerTeam,
} from '../../support/memory-ports';

export { ATENCIONES_ID, TALLERES_ID, USER, type Appt } from '../../support/attention-fixtures';
export const SURVEY_FORM_ID = 'form-encuesta-1';


export class PrefillForms implements Forms {
  publishedUrl(formId: string): string {
    return `https://docs.google.com/forms/d/e/${formId}/viewform`;
  }
  prefilledUrl(formId: string, answers: Readonly<Record<string, string>>): string {
    const q = Object.entries(answers)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join('&');
    return `https://docs.google.com/forms/d/e/${formId}/viewform?${q}`;
  }
}

/** Lima wall time on the test day, 28 Nov 2026. */
export const at = (hour: number, minute = 0) => limaDate(2026, 11, 28, hour, minute);


/** An appointment on the test day, reminded the day before (its Meet link is on the row). */
export function appointment(id: string, hour: number, minute: number, extra: Appt = {}): Appt {
  return appointmentAt(id, at(hour, minute), { reminderStatus: 'enviado', meetUrl: 'https://meet.google.com/abc-defg-hij', ...extra });
}

export function dayWorld(opts: { user?: string; surveyForm?: boolean; now?: Date } = {}) {
  const user = opts.user ?? USER;
  const workbooks = new MemoryWorkbooks(ATENCIONES_ID);
  const book = workbooks.add(new MemoryWorkbook(ATENCIONES_ID, 'Atenciones Virtuales – Centro de Empleo'));
  const talleres = workbooks.add(new MemoryWorkbook(TALLERES_ID, 'Programación Talleres Masivos'));
  const clock = new FixedClock(opts.now ?? at(9, 0));
  const setupDeps = {
    workbooks,
    properties: new MemoryStore(),
    scheduler: new MemoryScheduler(user),
    lock: new NoLock(),
    clock,
    session: new FixedSession(user),
    audit: new ArrayAuditLog(),
  };
  runSetup(setupDeps, { role: 'atenciones', siblingId: TALLERES_ID });
  // The sibling's own setup, as its consultant would run it (its properties are its own).
  runSetup({ ...setupDeps, workbooks: siblingView(workbooks, talleres), properties: new MemoryStore() }, { role: 'talleres', siblingId: ATENCIONES_ID });
  // Now the sibling can prove it is the other half: setup again records it (docs/access-model.md).
  book.newExecution();
  talleres.newExecution();
  runSetup(setupDeps, { role: 'atenciones', siblingId: TALLERES_ID });

  const settings = book.table(SETTINGS_TAB);
  if (opts.surveyForm !== false) settings.update([{ id: 'Formulario de encuesta (ID)', fields: { value: SURVEY_FORM_ID } }]);
  // Setup made whoever ran it the first coordinator; the team gets its consultants' names.
  registerTeam(setupDeps.properties, [
    { email: USER, name: 'Ana Quispe', roles: user === USER ? ['coordinador', 'consultor'] : ['consultor'] },
    { email: 'luis.rojas@trabajo.gob.pe', name: 'Luis Rojas' },
  ]);

  const mailer = new FakeMailer();
  const deps: DayDeps & { audit: ArrayAuditLog; clock: FixedClock; properties: MemoryStore } = {
    workbooks,
    properties: setupDeps.properties,
    lock: new NoLock(),
    clock,
    session: new FixedSession(user),
    mailer,
    forms: new PrefillForms(),
    audit: new ArrayAuditLog(),
  };

  const citas = () => book.table(APPOINTMENTS_TAB);
  return {
    deps,
    book,
    talleres,
    mailer,
    clock,
    /** Adds appointments to 'Citas'. */
    add(...rows: Appt[]) {
      citas().append(rows);
      book.newExecution();
    },
    /** A fresh execution (tables read again), at `when` if given. */
    next(when?: Date) {
      book.newExecution();
      talleres.newExecution();
      deps.audit.flush();
      if (when) clock.at = when;
    },
    row(id: string) {
      book.newExecution();
      const r = citas().read().byId.get(id);
      if (!r) throw new Error(`no row ${id}`);
      return r.record;
    },
    citasWrites: () => (citas() as unknown as { writes: number }).writes,
    addModule(fields: Partial<Record<ModuleKey, FieldValue>>) {
      talleres.table(MODULES_TAB).append([fields]);
      talleres.newExecution();
    },
    sheetRows: (tab: string) => tabRecords(book, tab),
  };
}

/** The sibling as "current" for its own setup. */
function siblingView(workbooks: MemoryWorkbooks, talleres: MemoryWorkbook): MemoryWorkbooks {
  const w = new MemoryWorkbooks(talleres.id);
  for (const b of workbooks.books.values()) w.add(b);
  return w;
}
