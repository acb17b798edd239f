/**
 * A small world for the automatic tasks of the attention flow (reminders, survey linking, day
 * closing) on in-memory ports: the attentions spreadsheet set up by the real setup use case,
 * appointments written to 'Citas', and fakes of MailApp, Calendar and Forms that behave like
 * the real services where it matters here (MailApp's refusals and quota, Calendar's 409 on a
 * repeated event ID, the Meet link) and advance the clock by each call's modeled latency, so a
 * job's time budget works as it does in Apps Script.
 */
import { runSetup } from '../../../src/app/setup';
import { addLimaDays, limaDateAt } from '../../../src/domain/lima-time';
import type { FormDefinition, FormItemSpec } from '../../../src/domain/form-definition';
import { APPOINTMENTS_TAB, REVIEW_TAB } from '../../../src/domain/schema';
import type {
  FormAdmin,
  FormAnswers,
  FormOpening,
  FormResponderAccess,
  Forms,
  FormState,
  MeetingInfo,
  MeetingMove,
  MeetingRequest,
  Meetings,
} from '../../../src/ports';
import { appointmentAt, ATENCIONES_ID, FakeMailer, tabRecords, TALLERES_ID, USER, type Appt } from '../../support/attention-fixtures';
import { ArrayAuditLog, FixedClock, FixedSession, MemoryScheduler, MemoryStore, MemoryWorkbook, MemoryWorkbooks, NoLock, registerTeam } from '../../support/memory-ports';

export { ATENCIONES_ID, FakeMailer, TALLERES_ID, USER, type Appt } from '../../support/attention-fixtures';

/** The test's "today" (a Friday) and "tomorrow", Lima. */
export const TODAY = '2026-11-27';
export const TOMORROW = addLimaDays(TODAY, 1);
export const at = (day: string, hour: number, minute = 0) => limaDateAt(day, hour, minute);

/** A clock the fakes advance, as the emulator's virtual clock advances by each call's latency. */
export class TickingClock extends FixedClock {
  tick(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

export interface FakeEvent {
  id: string;
  requestId: string;
  title: string;
  description: string;
  start: Date;
  end: Date;
  guests: string[];
  meetUrl: string | null;
  cancelled: boolean;
}

export class FakeMeetings implements Meetings {
  readonly events = new Map<string, FakeEvent>();
  inserts = 0;
  patches = 0;
  /** Events created without a Meet link (Meet still "creating" it). */
  withoutMeet = false;
  constructor(private readonly clock?: TickingClock) {}
  private info(e: FakeEvent, created: boolean): MeetingInfo {
    // Meet finishes creating the conference some time after the insert.
    if (e.meetUrl === null && !this.withoutMeet) e.meetUrl = `https://meet.google.com/${e.id.slice(3, 6)}-${e.id.slice(6, 10)}-${e.id.slice(10, 13)}`;
    return { eventId: e.id, meetUrl: e.meetUrl, htmlLink: `https://calendar.google.com/event?eid=${e.id}`, cancelled: e.cancelled, created };
  }
  ensureMeeting(req: MeetingRequest): MeetingInfo {
    this.clock?.tick(700);
    const existing = this.events.get(req.eventId);
    if (existing) return this.info(existing, false); // Calendar's 409, then Events.get
    this.inserts++;
    const e: FakeEvent = {
      id: req.eventId,
      requestId: req.requestId,
      title: req.title,
      description: req.description,
      start: req.start,
      end: req.end,
      guests: [...req.guests],
      meetUrl: this.withoutMeet ? null : `https://meet.google.com/${req.eventId.slice(3, 6)}-${req.eventId.slice(6, 10)}-${req.eventId.slice(10, 13)}`,
      cancelled: false,
    };
    this.events.set(e.id, e);
    return this.info(e, true);
  }
  find(eventId: string): MeetingInfo | null {
    this.clock?.tick(200);
    const e = this.events.get(eventId);
    return e ? this.info(e, false) : null;
  }
  move(eventId: string, change: MeetingMove): MeetingInfo | null {
    this.clock?.tick(400);
    const e = this.events.get(eventId);
    if (!e) return null;
    this.patches++;
    Object.assign(e, { start: change.start, end: change.end }, change.title ? { title: change.title } : {}, change.description ? { description: change.description } : {});
    return this.info(e, false);
  }
  cancel(eventId: string): boolean {
    this.clock?.tick(300);
    const e = this.events.get(eventId);
    if (!e || e.cancelled) return false;
    e.cancelled = true;
    return true;
  }
  restore(eventId: string, change: MeetingMove): MeetingInfo | null {
    const info = this.move(eventId, change);
    if (!info) return null;
    this.events.get(eventId)!.cancelled = false;
    return this.info(this.events.get(eventId)!, false);
  }
}

interface FakeForm {
  id: string;
  title: string;
  description: string;
  confirmationMessage: string;
  /** Items as made; `title` '' for one an interrupted call left half-made. */
  items: FormItemSpec[];
  destination: string | null;
  responses: FormAnswers[];
  /** Made unpublished, as FormAppForms.create makes it. */
  published: boolean;
  accepting: boolean;
  requiresLogin: boolean;
}

export class FakeForms implements Forms, FormAdmin {
  readonly forms = new Map<string, FakeForm>();
  created = 0;
  responseReads = 0;
  /** The next create throws this after making the form (the ambiguous case). */
  failAfterCreate: Error | null = null;
  private seq = 0;
  publishedUrl(formId: string): string {
    return `https://docs.google.com/forms/d/e/pub-${formId}/viewform`;
  }
  prefilledUrl(formId: string, answers: Readonly<Record<string, string>>): string {
    return `${this.publishedUrl(formId)}?usp=pp_url&${Object.entries(answers).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
  }
  create(title: string): string {
    const id = `form-${++this.seq}`;
    this.forms.set(id, { id, title, description: '', confirmationMessage: '', items: [], destination: null, responses: [], published: false, accepting: true, requiresLogin: false });
    this.created++;
    if (this.failAfterCreate) {
      const e = this.failAfterCreate;
      this.failAfterCreate = null;
      throw e;
    }
    return id;
  }
  setTexts(formId: string, texts: Pick<FormDefinition, 'description' | 'confirmationMessage'>): void {
    Object.assign(this.forms.get(formId)!, { description: texts.description, confirmationMessage: texts.confirmationMessage });
  }
  addItems(formId: string, items: readonly FormItemSpec[]): void {
    this.forms.get(formId)!.items.push(...items);
  }
  removeUntitledItems(formId: string): number {
    const f = this.forms.get(formId)!;
    const before = f.items.length;
    f.items = f.items.filter((i) => i.title.trim() !== '');
    return before - f.items.length;
  }
  describe(formId: string): FormState | null {
    const f = this.forms.get(formId);
    if (!f) return null;
    return {
      id: f.id,
      title: f.title,
      description: f.description,
      confirmationMessage: f.confirmationMessage,
      publishedUrl: this.publishedUrl(formId),
      itemTitles: f.items.map((i) => i.title),
      destinationId: f.destination,
    };
  }
  setDestination(formId: string, spreadsheetId: string): void {
    this.forms.get(formId)!.destination = spreadsheetId;
  }
  responderAccess(formId: string): FormResponderAccess | null {
    const f = this.forms.get(formId);
    if (!f) return null;
    return { supportsPublishing: true, published: f.published, acceptingResponses: f.published && f.accepting, requiresLogin: f.requiresLogin };
  }
  openToRespondents(formId: string): FormOpening {
    const f = this.forms.get(formId)!;
    const opening = { published: !f.published, reopened: f.published && !f.accepting, loginDropped: f.requiresLogin };
    Object.assign(f, { published: true, accepting: true, requiresLogin: false });
    return opening;
  }
  responses(formId: string, since?: Date, known?: ReadonlySet<string>): FormAnswers[] {
    this.responseReads++;
    return this.forms
      .get(formId)!
      .responses.filter((r) => (!since || r.submittedAt.getTime() >= since.getTime()) && !known?.has(r.responseId));
  }
  response(formId: string, responseId: string): FormAnswers | null {
    return this.forms.get(formId)!.responses.find((r) => r.responseId === responseId) ?? null;
  }
  deleted = 0;
  /** The next deleteResponse calls throw these, in order. */
  deleteFailures: Error[] = [];
  deleteResponse(formId: string, responseId: string): boolean {
    const f = this.forms.get(formId);
    if (!f) throw new Error(`No item with the given ID could be found: ${formId}`);
    const failure = this.deleteFailures.shift();
    if (failure) throw failure;
    const before = f.responses.length;
    f.responses = f.responses.filter((r) => r.responseId !== responseId);
    if (f.responses.length === before) return false;
    this.deleted++;
    return true;
  }
  /** A citizen submits (the caller runs the handler). */
  submit(formId: string, answers: Record<string, string>, submittedAt: Date): FormAnswers {
    const r: FormAnswers = { responseId: `2_ABaOnu${++this.seq}`, submittedAt, answers };
    this.forms.get(formId)!.responses.push(r);
    return r;
  }
}


/** An appointment on `day` at hour:minute (Lima), as the import writes it; `extra` may come in the minute's place. */
export function appointment(id: string, day: string, hour: number, minuteOrExtra: number | Appt = 0, more: Appt = {}): Appt {
  const minute = typeof minuteOrExtra === 'number' ? minuteOrExtra : 0;
  const extra = typeof minuteOrExtra === 'number' ? more : minuteOrExtra;
  return appointmentAt(id, at(day, hour, minute), extra);
}

export function jobsWorld(opts: { now?: Date; budgetMs?: number } = {}) {
  const workbooks = new MemoryWorkbooks(ATENCIONES_ID);
  const book = workbooks.add(new MemoryWorkbook(ATENCIONES_ID, 'Atenciones Virtuales – Centro de Empleo'));
  const clock = new TickingClock(opts.now ?? at(TODAY, 18, 0));
  const properties = new MemoryStore();
  const scheduler = new MemoryScheduler(USER);
  const lock = new NoLock();
  runSetup(
    { workbooks, properties, scheduler, lock, clock, session: new FixedSession(USER), audit: new ArrayAuditLog() },
    { role: 'atenciones', siblingId: TALLERES_ID },
  );
  registerTeam(properties, [
    { email: USER, name: 'Ana Quispe', roles: ['coordinador', 'consultor'] },
    { email: 'luis.rojas@trabajo.gob.pe', name: 'Luis Rojas' },
  ]);
  book.newExecution();

  const mailer = new FakeMailer(clock);
  const meetings = new FakeMeetings(clock);
  const forms = new FakeForms();
  const audit = new ArrayAuditLog();
  const deps = { workbooks, properties, scheduler, lock, clock, mailer, meetings, forms, audit, ...(opts.budgetMs ? { budgetMs: opts.budgetMs } : {}) };
  const citas = () => book.table(APPOINTMENTS_TAB);
  const sheet = (tab: string) => book.sheet(tab)!;

  return {
    deps,
    book,
    clock,
    mailer,
    meetings,
    forms,
    properties,
    scheduler,
    audit,
    add(...rows: Appt[]) {
      citas().append(rows);
      book.newExecution();
    },
    /** A new execution: tables read again, audit written, the clock at `when` if given. */
    next(when?: Date) {
      book.newExecution();
      audit.flush();
      if (when) clock.at = when;
    },
    row(id: string) {
      book.newExecution();
      const r = citas().read().byId.get(id);
      if (!r) throw new Error(`no row ${id}`);
      return r.record;
    },
    /** Sets cells of a row directly, as a person (or another execution) would. */
    edit(id: string, fields: Appt) {
      const s = sheet('Citas');
      const headers = s.cells[0].map(String);
      const r = s.cells.findIndex((row, i) => i > 0 && String(row[headers.indexOf('ID de cita')]) === id);
      for (const [key, value] of Object.entries(fields)) {
        const header = APPOINTMENTS_TAB.columns.find((c) => c.key === key)!.header;
        s.cells[r][headers.indexOf(header)] = value === null || value === undefined ? '' : (value as never);
      }
    },
    citasWrites: () => (citas() as unknown as { writes: number }).writes,
    reviewRows: () => tabRecords(book, REVIEW_TAB.name),
  };
}
