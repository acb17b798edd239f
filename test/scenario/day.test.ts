/**
 * The consultants' day (A03–A06) with the built bundle in the emulator, driven through the
 * panel's server functions (google.script.run) as three consultants work it: the day before,
 * 30 appointments are imported and the reminder run makes their Meet links; on the day, each
 * consultant loads "Citas de hoy" (one call) and starts, records, invites, finishes or
 * abandons their appointments as the clock moves. Checks the sheet, the emails and the
 * refusals a consultant would read.
 */
import type { Workspace } from '../../emulator';
import type { DayActionResult, DayView } from '../../src/api';
import { ABANDON_REASONS, CONSULTATION_TOPICS } from '../../src/domain/appointment';
import { limaDate } from '../../src/domain/lima-time';
import { APPOINTMENT_MESSAGES } from '../../src/domain/messages/appointments';
import { DAY_MESSAGES } from '../../src/domain/messages/day';
import { SURVEY_NAME } from '../../src/domain/messages/survey';
import { sheetsStore } from '../../emulator/services/sheets';
import { addTeamMember, citas, createAttentionWorld, importReport, makeReport, type AttentionWorld, type ReportRow } from '../support/attention-world';

const DAY = '2026-11-28'; // the world starts on Friday 27 November 2026, 09:00 Lima

const CONSULTANTS: Record<string, string> = {
  'Ana Quispe': 'ana.quispe@trabajo.gob.pe',
  'Luis Ñique': 'luis.nique@trabajo.gob.pe',
  'Carmen Rosa Vílchez': 'carmen.vilchez@trabajo.gob.pe',
};

/** Appointments (by index in the report) nobody could reach: 2 of Ana's, 2 of Luis's, 1 of Carmen's. */
const ABANDONED = new Set([3, 8, 14, 19, 26]);

function value<T>(ws: Workspace, ss: string, fn: string, args: unknown[], user: string): T {
  const r = ws.callFromSidebar(ss, fn, args, user);
  if (!r.ok) throw new Error(`${fn} failed: ${r.error}`);
  return r.value as T;
}

/** "HH:mm" of the report plus some minutes, as a Lima wall time for advanceTo. */
function wallTime(row: ReportRow, plusMinutes: number): string {
  const [h, m] = row.time.split(':').map(Number);
  const t = h * 60 + m + plusMinutes;
  return `${DAY}T${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
}

/** The sibling's 'Módulos' tab gets a row typed by a person. */
function typeModule(w: AttentionWorld, fields: Record<string, string>): void {
  const values = w.ws.values(w.talleres, 'Módulos');
  const headers = values[0].map(String);
  let row = values.length;
  while (row > 1 && values[row - 1].every((v) => v === '' || v === null)) row--;
  const line = headers.map((h) => fields[h] ?? '');
  sheetsStore(w.ws.state).enterValues(w.talleres, 'Módulos', row + 1, 1, [line]);
}

describe('the next day: 25 attended, 5 abandoned, through the panel', () => {
  const w = createAttentionWorld();
  const report = makeReport(DAY, 30);
  const rows = report.rows;
  const userOf = (row: ReportRow) => CONSULTANTS[row.consultant];
  const results = new Map<string, DayActionResult[]>();
  const record = (label: string, r: DayActionResult) => results.set(label, [...(results.get(label) ?? []), r]);
  let morningViews: Record<string, DayView> = {};
  let eveningView: DayView;
  let outboxBefore = 0;

  const act = (row: ReportRow, fn: string, ...args: unknown[]) =>
    value<DayActionResult>(w.ws, w.atenciones, fn, [row.code, ...args], userOf(row));

  beforeAll(() => {
    for (const [name, email] of Object.entries(CONSULTANTS)) if (email !== w.user) addTeamMember(w.ws, w.atenciones, email, name);
    const imported = importReport(w.ws, w.atenciones, report.fileName, report.bytes);
    if (!imported.ok || !imported.value.ok) throw new Error('the import failed');
    w.ws.advanceTo('2026-11-27T18:05'); // the reminder run: Meet links and reminder emails
    w.ws.advanceTo(`${DAY}T07:55`);
    outboxBefore = w.ws.outbox().length;

    morningViews = Object.fromEntries(
      Object.values(CONSULTANTS).map((email) => [email, value<DayView>(w.ws, w.atenciones, 'getDayView', [{ scope: 'mine' }], email)]),
    );
    // Before anything: finishing an appointment that was never started.
    record('finish-before-start', act(rows[0], 'finishAttention', { observations: 'x' }));

    // The day, in the order the clock brings it.
    type Step = { at: string; order: number; run: () => void };
    const steps: Step[] = [];
    const step = (at: string, run: () => void) => steps.push({ at, order: steps.length, run });
    rows.forEach((row, i) => {
      if (ABANDONED.has(i)) {
        if (i === 3) step(wallTime(row, 3), () => record('abandon-too-early', act(row, 'abandonAppointment', { reason: ABANDON_REASONS[0] })));
        step(wallTime(row, 6), () =>
          record('abandon', act(row, 'abandonAppointment', { reason: ABANDON_REASONS[i % 4], detail: i % 2 ? 'Se llamó dos veces al celular' : '' })),
        );
        if (i === 3) step(wallTime(row, 7), () => record('start-abandoned', act(row, 'startAttention')));
        return;
      }
      step(wallTime(row, 1), () => record('start', act(row, 'startAttention')));
      step(wallTime(row, 3), () =>
        record('save', act(row, 'saveConsultation', { topic: CONSULTATION_TOPICS[i % 7], notes: `Consulta de ${row.names} sobre su negocio` })),
      );
      if (i === 0) step(wallTime(row, 10), () => record('invite-none-open', act(row, 'inviteToWorkshops')));
      if (i === 1) {
        step(wallTime(row, 9), () =>
          typeModule(w, {
            'ID de módulo': 'MOD-2026-IV',
            Módulo: 'Aprende a Emprender – Módulo IV',
            Tipo: 'Interno',
            Estado: 'Inscripción abierta',
            Fechas: 'martes 1, 8 y 15 de diciembre, de 6:00 p. m. a 8:00 p. m.',
            'Enlace de inscripción': 'https://forms.gle/aprende-a-emprender-iv',
          }),
        );
        step(wallTime(row, 10), () => record('invite', act(row, 'inviteToWorkshops')));
      }
      step(wallTime(row, 26), () => record('finish', act(row, 'finishAttention', { observations: `Se orientó a ${row.names}.` })));
      if (i === 2) step(wallTime(row, 26), () => record('finish-again', act(row, 'finishAttention', { observations: `Se orientó a ${row.names}.` })));
      if (i === 0) {
        step(wallTime(row, 27), () => record('abandon-finished', act(row, 'abandonAppointment', { reason: ABANDON_REASONS[0] })));
        step(wallTime(row, 27), () => record('start-finished', act(row, 'startAttention')));
      }
    });
    steps.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.order - b.order));
    for (const s of steps) {
      if (w.ws.formatNow() < s.at) w.ws.advanceTo(s.at);
      s.run();
    }
    eveningView = value<DayView>(w.ws, w.atenciones, 'getDayView', [{ scope: 'all' }], w.user);
  });

  test('each consultant\'s "Citas de hoy" lists their own appointments, with Meet link, contact links and the extranet message', () => {
    const ana = morningViews[CONSULTANTS['Ana Quispe']];
    expect(ana.ready).toBe(true);
    expect(ana.appointments.map((a) => a.id)).toEqual(rows.filter((r) => r.consultant === 'Ana Quispe').map((r) => r.code));
    expect(morningViews[CONSULTANTS['Luis Ñique']].appointments).toHaveLength(12);
    expect(morningViews[CONSULTANTS['Carmen Rosa Vílchez']].appointments).toHaveLength(6);
    expect(ana.allCount).toBe(30);
    const first = ana.appointments[0];
    expect(first).toMatchObject({ time: '08:00', timeText: '8:00 a. m.', status: 'Programada', reminderStatus: 'enviado' });
    expect(first.startMs).toBe(limaDate(2026, 11, 28, 8, 0).getTime());
    expect(first.meetUrl).toMatch(/^https:\/\/meet\.google\.com\//);
    expect(first.whatsappUrl).toBe(`https://wa.me/51${rows[0].phone}`);
    expect(first.telUrl).toBe(`tel:+51${rows[0].phone}`);
    expect(first.mailto).toBe(`mailto:${rows[0].email}`);
    expect(first.extranetMessage).toContain(first.meetUrl);
    expect(ana.attentionScript.length).toBeGreaterThan(0);
  });

  test('illegal transitions are refused with the Spanish message, and change nothing', () => {
    expect(results.get('finish-before-start')![0]).toMatchObject({ ok: false, message: APPOINTMENT_MESSAGES.finishNotStarted });
    expect(results.get('abandon-finished')![0]).toMatchObject({ ok: false, message: APPOINTMENT_MESSAGES.abandonAlreadyFinished });
    expect(results.get('start-finished')![0]).toMatchObject({ ok: false, message: APPOINTMENT_MESSAGES.startAlreadyFinished });
    expect(results.get('start-abandoned')![0]).toMatchObject({ ok: false, message: APPOINTMENT_MESSAGES.startAbandoned });
    expect(results.get('abandon-too-early')![0]).toMatchObject({ ok: false, message: APPOINTMENT_MESSAGES.abandonTooEarly('10:05 a. m.', 5) });
  });

  test('25 attended: Atendida with start, end, 25 minutes, topic and observations — and 25 survey emails, one each, with the code in the link', () => {
    const sheet = citas(w.ws, w.atenciones);
    const attended = rows.filter((_, i) => !ABANDONED.has(i));
    expect(results.get('start')!.every((r) => r.ok)).toBe(true);
    expect(results.get('finish')!.every((r) => r.ok)).toBe(true);
    for (const row of attended) {
      const r = sheet.find((x) => x['ID de cita'] === row.code)!;
      expect([row.code, r['Estado'], r['Duración (min)'], r['Encuesta'], r['Observaciones']]).toEqual([
        row.code,
        'Atendida',
        25,
        'enviado',
        `Se orientó a ${row.names}.`,
      ]);
      expect(CONSULTATION_TOPICS).toContain(r['Tema de consulta']);
    }
    const surveys = w.ws.outbox().slice(outboxBefore).filter((m) => m.subject.startsWith(SURVEY_NAME));
    expect(surveys).toHaveLength(25);
    expect(surveys.map((m) => m.to[0]).sort()).toEqual(attended.map((r) => r.email).sort());
    for (const m of surveys) {
      const row = rows.find((r) => r.email === m.to[0])!;
      expect(m.body).toContain(row.code); // the survey link comes prefilled with the appointment code
    }
  });

  test('a double click on Finalizar is refused the second time and sends no second survey', () => {
    expect(results.get('finish-again')![0]).toMatchObject({ ok: false, message: APPOINTMENT_MESSAGES.finishAlreadyFinished });
    const toThird = w.ws.outbox().filter((m) => m.to.includes(rows[2].email) && m.subject.startsWith(SURVEY_NAME));
    expect(toThird).toHaveLength(1);
  });

  test('5 abandoned: Abandonada, the reason in "Motivo de abandono" and "Observaciones", and 5 emails with the rebooking link', () => {
    const sheet = citas(w.ws, w.atenciones);
    const abandoned = rows.filter((_, i) => ABANDONED.has(i));
    expect(results.get('abandon')!.map((r) => r.ok)).toEqual([true, true, true, true, true]);
    for (const i of ABANDONED) {
      const r = sheet.find((x) => x['ID de cita'] === rows[i].code)!;
      const reason = ABANDON_REASONS[i % 4];
      const motive = i % 2 ? `${reason} – Se llamó dos veces al celular` : reason;
      expect([r['Estado'], r['Motivo de abandono'], r['Observaciones'], r['Correo abandono']]).toEqual([
        'Abandonada',
        motive,
        `Abandonada: ${motive}`,
        'enviado',
      ]);
      expect(r['Encuesta']).toBe(''); // only attended users get the survey
    }
    const mails = w.ws.outbox().slice(outboxBefore).filter((m) => m.subject.includes('no se realizó'));
    expect(mails.map((m) => m.to[0]).sort()).toEqual(abandoned.map((r) => r.email).sort());
    for (const m of mails) expect(m.body).toContain('https://serviciosvirtuales.trabajo.gob.pe/extra-net/web/citas');
  });

  test('"Invitar a talleres": with no open module it says so; with one open in the sibling it emails its link', () => {
    expect(results.get('invite-none-open')![0]).toMatchObject({ ok: false, message: DAY_MESSAGES.inviteNoneOpen });
    const sent = results.get('invite')![0];
    expect(sent).toMatchObject({ ok: true, message: DAY_MESSAGES.inviteSent(1, rows[1].email) });
    const invitations = w.ws.outbox().filter((m) => m.subject.includes('Aprende a Emprender – Módulo IV'));
    expect(invitations.map((m) => m.to)).toEqual([[rows[1].email]]);
    expect(invitations[0].body).toContain('https://forms.gle/aprende-a-emprender-iv');
    expect(citas(w.ws, w.atenciones).find((r) => r['ID de cita'] === rows[1].code)!['Invitación talleres']).toBe('enviado');
  });

  test('at the end of the day the view counts 25 attended, 5 abandoned and nothing open', () => {
    expect(eveningView.counts).toEqual({ total: 30, attended: 25, abandoned: 5, open: 0, cancelled: 0 });
    expect(eveningView.reviewCount).toBe(0);
  });

  test('every action wrote the audit log', () => {
    const audit = w.ws.readTab(w.atenciones, 'Registro de auditoría');
    const count = (action: string) => audit.filter((r) => r['Acción'] === action && r['Resultado'] === 'Correcto').length;
    expect(count('Atención iniciada')).toBe(25);
    expect(count('Atención finalizada')).toBe(25);
    expect(count('Encuesta enviada')).toBe(25);
    expect(count('Cita abandonada')).toBe(5);
    expect(count('Correo de abandono enviado')).toBe(5);
    expect(count('Invitación a talleres enviada')).toBe(1);
  });
});

describe('"Citas de hoy" is one round trip whose Sheets calls do not grow with the appointments', () => {
  const w = createAttentionWorld();
  const measure = () => {
    const before = w.ws.executions({ functionName: 'getDayView' }).length;
    const r = w.ws.callFromSidebar(w.atenciones, 'getDayView', [{ scope: 'all' }]);
    if (!r.ok) throw new Error(r.error);
    const after = w.ws.executions({ functionName: 'getDayView' }).length;
    return { view: r.value as DayView, executions: after - before, sheets: r.execution.calls.Sheets ?? 0, total: r.execution.totalCalls };
  };
  let ten: ReturnType<typeof measure>;
  let forty: ReturnType<typeof measure>;

  beforeAll(() => {
    // 20: the world's consultant's 12 and 8 of a colleague (whose rows the view reads the
    // «en lugar de» grants for, once), so both sizes have the same kinds of rows.
    const small = makeReport(DAY, 20);
    if (!importReport(w.ws, w.atenciones, small.fileName, small.bytes).ok) throw new Error('import of 20 failed');
    w.ws.advanceTo(`${DAY}T07:00`);
    ten = measure();
    const large = makeReport(DAY, 40); // the same 20 and 20 more
    if (!importReport(w.ws, w.atenciones, large.fileName, large.bytes).ok) throw new Error('import of 40 failed');
    forty = measure();
  });

  test('one execution loads everything the view needs', () => {
    expect([ten.executions, forty.executions]).toEqual([1, 1]);
    expect([ten.view.appointments.length, forty.view.appointments.length]).toEqual([20, 40]);
    expect(forty.view.catalogues.topics.length).toBeGreaterThan(0);
    expect(forty.view.attentionScript.length).toBeGreaterThan(0);
  });

  test('the same number of Sheets calls for 20 and for 40 appointments', () => {
    expect(forty.sheets).toBe(ten.sheets);
    expect(forty.total).toBe(ten.total);
  });
});
