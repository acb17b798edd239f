/**
 * Hostile names go through the whole day: imported, reminded (email + Calendar event), attended
 * with hostile notes and observations, abandoned with a hostile detail, answered in the survey
 * form with hostile comments and codes, and summed up at the day's close. Every email escapes
 * the data in its HTML; the panel's day view returns it as plain data (the browser tests check
 * that the page renders it as text); the sheets hold text, never a formula.
 */
import { sheetsStore } from '../../../emulator/services/sheets';
import type { DayActionResult, DayView } from '../../../src/api';
import { SURVEY_CODE_QUESTION, SURVEY_COMMENTS_QUESTION, SURVEY_CONSENT_CHOICE, SURVEY_CONSENT_QUESTION, SURVEY_RECOMMEND_QUESTION, SURVEY_SCALE_QUESTIONS, SURVEY_TOKEN_QUESTION } from '../../../src/domain/survey-form';
import { citas, createAttentionWorld, makeReportRows, surveyTokenFor, type AttentionWorld } from '../../support/attention-world';
import { brokenExecutions, formulaCells, imported, overlongCells, reviewRows, tried } from '../checks';
import { csvText, cut, encode, escaped, HOSTILE_TEXTS, RAW_HTML_MARKERS, reportLines, type HostileText } from '../corpus';

const TOMORROW = '2026-11-28';

function call<T>(w: AttentionWorld, fn: string, ...args: unknown[]): T {
  const r = w.ws.callFromSidebar(w.atenciones, fn, args);
  if (!r.ok) throw new Error(`${fn} failed: ${r.error}`);
  return r.value as T;
}

/** Names for tomorrow's appointments: every markup payload, formulas, letters, the longest value. */
const NAMES: HostileText[] = HOSTILE_TEXTS.filter(
  (t) => t.family === 'html' || ['hyperlink', 'dde-calc', 'arroba', 'mas', 'igual', 'tab', 'combinantes', 'emoji', 'apostrofos', 'largo-10k'].includes(t.label),
);

/** What the consultant types in notes, observations and details is kept as typed (ends trimmed). */
const typed = (s: string) => s.trim();

export function dayAndMailSuite(): void {
  describe('hostile names through a whole day: reminders, attention, abandonment, survey, closing', () => {
    const w = createAttentionWorld();
    // Imported with plain names (a hostile name breaks the one rule for names and goes to review),
    // then typed into 'Citas' by a person, which the sheet allows: the rest of the day must cope.
    const rows = makeReportRows(TOMORROW, NAMES.length, { consultants: ['Ana Quispe'], slotMinutes: 20, codePrefix: 'D' });
    const storedName = (i: number) => cut(NAMES[i].tidy, 200);
    // A third attended, a third abandoned, a third left open for the day's closing to list.
    const attended = rows.filter((_, i) => i % 3 === 0);
    const abandoned = rows.filter((_, i) => i % 3 === 1);
    const open = rows.filter((_, i) => i % 3 === 2);
    const mails = () => w.ws.outbox();
    const mailsTo = (email: string) => mails().filter((m) => m.to.includes(email));

    // Two more whose consultant and service columns hold markup (the reminder names the consultant).
    const CONSULTANT = '<img src=x onerror=alert(1)> Luis';
    const extra = makeReportRows(TOMORROW, 2, { consultants: [CONSULTANT], startTime: '15:00', codePrefix: 'E' });
    extra.forEach((r, k) => {
      r.service = '<script>alert(1)</script>';
      r.email = `luis.cliente${k}@gmail.com`;
      r.dni = `7000000${k}`;
    });

    beforeAll(() => {
      const r = imported(w.ws, w.atenciones, 'reporte-citas-2026-11-28.csv', encode(csvText(reportLines([...rows, ...extra])), 'utf-8'));
      if (r.counts.inserted !== rows.length + extra.length) throw new Error(`import: ${r.summary}`);
      const [headers, ...values] = w.ws.values(w.atenciones, 'Citas');
      const nameCol = headers.map(String).indexOf('Nombres y apellidos');
      const idCol = headers.map(String).indexOf('ID de cita');
      const letter = String.fromCharCode(65 + nameCol);
      rows.forEach((row, i) => {
        const at = values.findIndex((v) => v[idCol] === row.code) + 2;
        // The column is plain text («@»): what a person types there stays text, «=…» included.
        w.ws.typeInto(w.atenciones, 'Citas', `${letter}${at}`, storedName(i));
      });
      tried('día completo (nombres)', rows.length);
      // More than a consultant's 12 slots: the rest are a colleague's ('Consultor 2'), which Ana
      // works on after taking them over «en lugar de» (docs/access-model.md).
      for (const row of rows.filter((r) => r.consultant !== 'Ana Quispe')) {
        const taken = call<DayActionResult>(w, 'actOnBehalf', row.code, 'Cubre el turno de su colega');
        if (!taken.ok) throw new Error(`actOnBehalf: ${taken.message}`);
      }
      w.ws.advanceTo('2026-11-27T19:00'); // the daily reminders run at 18:00
    });

    test('each reminder email carries the name escaped in its HTML and as plain text in its text part', () => {
      rows.forEach((r, i) => {
        const m = mailsTo(r.email);
        expect(m.map((x) => x.subject)).toEqual([expect.stringMatching(/^Recordatorio: su cita/)]);
        expect(m[0].htmlBody).toContain(`Estimado(a) ${escaped(storedName(i))}:`);
        expect(m[0].body).toContain(`Estimado(a) ${storedName(i)}:`);
      });
    });

    test('a reminder names a consultant whose name is markup as escaped text', () => {
      tried('día completo (nombres)', extra.length);
      for (const r of extra) {
        const m = mailsTo(r.email);
        expect(m).toHaveLength(1);
        expect(m[0].htmlBody).toContain(escaped(CONSULTANT));
      }
    });

    test('the Calendar events do not carry the names as markup (an event description «can contain HTML»)', () => {
      const events = w.ws.calendarEvents();
      tried('día completo (eventos)', events.length);
      expect(events).toHaveLength(rows.length + extra.length);
      const withMarkup = events.flatMap((e) => String(e.description ?? '').split('\n')).filter((line) => RAW_HTML_MARKERS.some((mk) => line.includes(mk)));
      expect(withMarkup).toEqual([]);
    });

    test('notes saved while attending: every hostile text kept as typed, or refused in Spanish when too long', () => {
      w.ws.advanceTo('2026-11-28T07:50');
      const id = attended[0].code;
      expect(call<DayActionResult>(w, 'startAttention', id)).toMatchObject({ ok: true });
      const problems: string[] = [];
      for (const t of HOSTILE_TEXTS) {
        const r = call<DayActionResult>(w, 'saveConsultation', id, { topic: 'Idea de negocio', notes: t.value });
        tried('notas y observaciones');
        const want = typed(t.value);
        if (want.length > 2000) {
          if (r.ok || r.message !== 'El texto de «Notas» es demasiado largo (máximo 2000 caracteres).') problems.push(`${t.label}: ${JSON.stringify(r).slice(0, 200)}`);
          continue;
        }
        if (!r.ok) problems.push(`${t.label}: rechazado: ${r.message}`);
        else if (r.appointment.notes !== want) problems.push(`${t.label}: la respuesta trae ${JSON.stringify(r.appointment.notes)}`);
        const cell = citas(w.ws, w.atenciones).find((x) => x['ID de cita'] === id)!['Notas'];
        if (cell !== want) problems.push(`${t.label}: «Notas» es ${JSON.stringify(cell)}, se esperaba ${JSON.stringify(want)}`);
      }
      expect(problems).toEqual([]);
    });

    test('finishing with hostile observations: kept as typed; the survey email escapes the name', () => {
      attended.forEach((r, k) => {
        const t = HOSTILE_TEXTS[(k * 5) % HOSTILE_TEXTS.length];
        if (k > 0) expect(call<DayActionResult>(w, 'startAttention', r.code)).toMatchObject({ ok: true });
        const res = call<DayActionResult>(w, 'finishAttention', r.code, { observations: t.value });
        tried('notas y observaciones');
        expect(res).toMatchObject({ ok: true, message: expect.stringContaining('La encuesta de satisfacción se envió') });
        expect(citas(w.ws, w.atenciones).find((x) => x['ID de cita'] === r.code)!['Observaciones']).toBe(typed(t.value));
        const i = rows.indexOf(r);
        const survey = mailsTo(r.email).filter((m) => /^Encuesta de Satisfacción/.test(m.subject));
        expect(survey).toHaveLength(1);
        expect(survey[0].htmlBody).toContain(`Estimado(a) ${escaped(storedName(i))}:`);
      });
    });

    test('abandoned with a hostile detail: the detail stays in the sheet, the email names the person escaped and never carries the detail', () => {
      w.ws.advanceTo('2026-11-28T19:00');
      abandoned.forEach((r, k) => {
        const t = HOSTILE_TEXTS.filter((x) => x.tidy !== '' && x.value.trim().length <= 2000)[k * 3];
        const res = call<DayActionResult>(w, 'abandonAppointment', r.code, { reason: 'Otro', detail: t.value });
        tried('notas y observaciones');
        expect(res).toMatchObject({ ok: true, message: expect.stringMatching(/^La cita quedó registrada como abandonada\./) });
        const row = citas(w.ws, w.atenciones).find((x) => x['ID de cita'] === r.code)!;
        expect(row['Motivo de abandono']).toBe(`Otro – ${typed(t.value)}`);
        expect(String(row['Observaciones'])).toContain(typed(t.value));
        const m = mailsTo(r.email).filter((x) => /no se realizó$/.test(x.subject));
        expect(m).toHaveLength(1);
        expect(m[0].htmlBody).toContain(`Estimado(a) ${escaped(storedName(rows.indexOf(r)))}:`);
        if (typed(t.value).length > 3) expect(m[0].body).not.toContain(typed(t.value));
      });
    });

    test('the day view returns every name, note and observation as the data it is', () => {
      const view = call<DayView>(w, 'getDayView', { scope: 'all' });
      tried('día completo (vista del día)', rows.length);
      const byId = new Map(view.appointments.map((a) => [a.id, a]));
      const sheet = new Map(citas(w.ws, w.atenciones).map((x) => [x['ID de cita'], x]));
      rows.forEach((r, i) => {
        const a = byId.get(r.code)!;
        expect(a.fullName).toBe(storedName(i));
        expect(a.notes).toBe(sheet.get(r.code)!['Notas']);
        expect(a.observations).toBe(sheet.get(r.code)!['Observaciones']);
      });
    });

    test('survey answers with hostile comments are linked; hostile codes are kept in «Revisión» with every answer', () => {
      const formId = w.ws.project(w.atenciones).documentProperties['SOE_SURVEY_FORM_ID'];
      // What the citizen's link carries: the code and its token.
      const answers = (code: string, comment: string) => ({
        [SURVEY_CODE_QUESTION]: code,
        [SURVEY_TOKEN_QUESTION]: surveyTokenFor(w.ws, w.atenciones, code),
        ...Object.fromEntries(SURVEY_SCALE_QUESTIONS.map((q) => [q.title, '5'])),
        [SURVEY_RECOMMEND_QUESTION]: 'Sí',
        [SURVEY_COMMENTS_QUESTION]: comment,
        [SURVEY_CONSENT_QUESTION]: SURVEY_CONSENT_CHOICE,
      });
      const comments = HOSTILE_TEXTS.filter((t) => t.family === 'formula' || t.family === 'html').slice(0, attended.length);
      attended.forEach((r, k) => w.ws.submitForm(formId, answers(r.code, comments[k].value)));
      const badCodes = ['=HYPERLINK("http://estafa.example","Premio")', '<script>alert(1)</script>', "@SUM(A1)", '+cmd|\' /C calc\'!A0'];
      badCodes.forEach((code, k) => w.ws.submitForm(formId, answers(code, HOSTILE_TEXTS[k].value)));
      // The same person answering twice: the second answer is kept for a person, not linked over the first.
      w.ws.submitForm(formId, answers(attended[0].code, '<b>segunda respuesta</b>'));
      tried('encuesta', attended.length + badCodes.length + 1);
      const sheet = new Map(citas(w.ws, w.atenciones).map((x) => [x['ID de cita'], x]));
      for (const r of attended) expect(sheet.get(r.code)!['Puntaje encuesta']).toBe(5);
      const review = reviewRows(w.ws, w.atenciones).filter((x) => x['Tipo'] === 'Encuesta: código desconocido');
      expect(review).toHaveLength(badCodes.length);
      badCodes.forEach((code, k) => expect(String(review[k]['Detalle'])).toContain(code));
      const again = reviewRows(w.ws, w.atenciones).filter((x) => x['Tipo'] === 'Encuesta: código ya usado');
      expect(again.map((x) => String(x['Detalle']).includes('<b>segunda respuesta</b>'))).toEqual([true]);
    });

    test('the day\'s closing summary lists the appointments left open with their names escaped', () => {
      w.ws.advanceTo('2026-11-28T21:00');
      tried('día completo (cierre)', open.length);
      const summaries = mails().filter((m) => /^Resumen del día/.test(m.subject));
      // The report gives a consultant 12 appointments: Ana Quispe's summary lists hers.
      const ana = (list: typeof rows) => list.filter((r) => r.consultant === 'Ana Quispe');
      expect(summaries.map((m) => m.subject)).toEqual([
        `Resumen del día sábado 28 de noviembre de 2026: ${ana(attended).length} atendidas, ${ana(abandoned).length} abandonadas, ${ana(open).length} sin cerrar`,
      ]);
      for (const r of ana(open)) {
        const name = storedName(rows.indexOf(r));
        expect(summaries[0].htmlBody).toContain(escaped(name));
        expect(summaries[0].body).toContain(name);
      }
    });

    test('no email carries raw markup from the data, nothing failed, no cell holds a formula or is too long', () => {
      const raw = mails().filter((m) => RAW_HTML_MARKERS.some((mk) => (m.htmlBody ?? '').includes(mk) || m.subject.includes(mk)));
      expect(raw.map((m) => `${m.subject} → ${m.to}`)).toEqual([]);
      expect(brokenExecutions(w.ws)).toEqual([]);
      expect(formulaCells(w.ws, w.atenciones)).toEqual([]);
      expect(overlongCells(w.ws, w.atenciones)).toEqual([]);
      // The survey's responses tab (Google writes form answers as data) holds no formula either.
      const tabs = w.ws.sheetNames(w.atenciones);
      expect(tabs.some((t) => /respuestas/i.test(t))).toBe(true);
      expect(sheetsStore(w.ws.state).readFormulas(w.atenciones, tabs.find((t) => /respuestas/i.test(t))!).flat().filter(Boolean)).toEqual([]);
    });
  });
}
