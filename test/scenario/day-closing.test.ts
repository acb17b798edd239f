/**
 * The evening close (A07) with the built bundle in the emulator. The day before, 24 appointments
 * of two consultants are imported; on the day each consultant works them through the panel
 * (start, finish, abandon), some citizens answer the survey, and a few appointments are left
 * open. At the closing hour (20:00 Lima) the trigger flags what was left open and emails each
 * consultant one summary with the right numbers; running it again changes nothing.
 */
import type { Workspace } from '../../emulator';
import { parsePrefilledUrl } from '../../emulator/services/forms';
import { SURVEY_CONSENT_CHOICE, SURVEY_CONSENT_QUESTION, SURVEY_RECOMMEND_QUESTION, SURVEY_SCALE_QUESTIONS } from '../../src/domain/survey-form';
import { addTeamMember, citas, createAttentionWorld, importReport, makeReport, type ReportRow } from '../support/attention-world';

const DAY = '2026-11-28';
const LUIS = 'luis.nique@trabajo.gob.pe';

function call(ws: Workspace, ss: string, fn: string, args: unknown[], user: string): void {
  const r = ws.callFromSidebar(ss, fn, args, user);
  if (!r.ok) throw new Error(`${fn}: ${r.error}`);
  const v = r.value as { ok?: boolean; message?: string };
  if (v && v.ok === false) throw new Error(`${fn} refused: ${v.message}`);
}

const at = (row: ReportRow, plus: number) => {
  const [h, m] = row.time.split(':').map(Number);
  const t = h * 60 + m + plus;
  return `${DAY}T${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
};

describe('the evening close of the day', () => {
  const w = createAttentionWorld();
  const { ws, atenciones } = w;
  // 12 appointments each for Ana Quispe and Luis Ñique, 40 minutes apart from 08:00.
  const report = makeReport(DAY, 24, { consultants: ['Ana Quispe', 'Luis Ñique'] });
  const ana = report.rows.slice(0, 12);
  const luis = report.rows.slice(12);
  /** Ana: 8 attended (durations 30…37 min), 2 abandoned, 1 left in attention, 1 never touched. */
  const plan = (i: number) => (i < 8 ? 'attend' : i < 10 ? 'abandon' : i === 10 ? 'leave-open' : 'untouched');
  /** Luis: 10 attended of 40 min each, 2 abandoned. */
  const planLuis = (i: number) => (i < 10 ? 'attend' : 'abandon');
  let fired: ReturnType<Workspace['advanceTo']> = [];

  beforeAll(() => {
    addTeamMember(ws, atenciones, LUIS, 'Luis Ñique');
    const imported = importReport(ws, atenciones, report.fileName, report.bytes);
    if (!imported.ok || !imported.value.ok) throw new Error('the import failed');
    ws.advanceTo('2026-11-27T18:05'); // reminders and Meet links

    type Step = { at: string; run: () => void };
    const steps: Step[] = [];
    ana.forEach((row, i) => {
      const p = plan(i);
      if (p === 'attend' || p === 'leave-open') steps.push({ at: at(row, 1), run: () => call(ws, atenciones, 'startAttention', [row.code], w.user) });
      if (p === 'attend') steps.push({ at: at(row, 1 + 30 + i), run: () => call(ws, atenciones, 'finishAttention', [row.code, { observations: 'Orientada.' }], w.user) });
      if (p === 'abandon') steps.push({ at: at(row, 7), run: () => call(ws, atenciones, 'abandonAppointment', [row.code, { reason: 'No se conectó a la videollamada' }], w.user) });
    });
    luis.forEach((row, i) => {
      if (planLuis(i) === 'attend') {
        steps.push({ at: at(row, 0), run: () => call(ws, atenciones, 'startAttention', [row.code], LUIS) });
        steps.push({ at: at(row, 40), run: () => call(ws, atenciones, 'finishAttention', [row.code, {}], LUIS) });
      } else {
        steps.push({ at: at(row, 6), run: () => call(ws, atenciones, 'abandonAppointment', [row.code, { reason: 'No contestó el teléfono' }], LUIS) });
      }
    });
    steps.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    for (const s of steps) {
      ws.advanceTo(s.at);
      s.run();
    }
    // Three of Ana's citizens answer the survey from their link.
    for (const row of ana.slice(0, 3)) {
      const mail = ws.outbox().find((m) => m.to.includes(row.email) && /Encuesta de Satisfacción/.test(m.subject))!;
      const { formId, answers } = parsePrefilledUrl(ws.state, /Responda la encuesta aquí: (\S+)/.exec(mail.body)![1]);
      const rest: Record<string, string> = { [SURVEY_RECOMMEND_QUESTION]: 'Sí', [SURVEY_CONSENT_QUESTION]: SURVEY_CONSENT_CHOICE };
      for (const q of SURVEY_SCALE_QUESTIONS) rest[q.title] = '5';
      ws.submitForm(formId, { ...answers, ...rest });
    }
    fired = ws.advanceTo(`${DAY}T20:10`);
  });

  test('the closing trigger ran once at 20:00', () => {
    const runs = fired.filter((e) => e.functionName === 'runDayClosing');
    expect(runs).toHaveLength(1);
    expect(runs[0].status).toBe('completed');
    expect(runs[0].logs.join('\n')).toContain('2 citas sin cerrar señaladas, 2 resúmenes enviados');
  });

  test("Ana's summary: 8 attended, 2 abandoned, 2 open, average 33.5 min against 35, 3 surveys answered", () => {
    const mails = ws.outbox().filter((m) => m.to.includes(w.user) && m.subject.startsWith('Resumen del día'));
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Resumen del día sábado 28 de noviembre de 2026: 8 atendidas, 2 abandonadas, 2 sin cerrar');
    const body = mails[0].body;
    expect(body).toContain('Citas del día: 12');
    expect(body).toContain('Atendidas: 8');
    expect(body).toContain('Abandonadas: 2');
    expect(body).toContain('Sin cerrar: 2');
    // Durations 30, 31 … 37 minutes.
    expect(body).toContain('Duración de la atención: 33,5 min en promedio (estándar: 35 min; 1,5 min menos que el estándar)');
    expect(body).toContain('Encuestas respondidas: 3 de 8');
    expect(body).toContain(`(cita ${ana[10].code}) – En atención`);
    expect(body).toContain(`(cita ${ana[11].code}) – Programada`);
  });

  test("Luis's summary: 10 attended of 40 minutes, 2 abandoned, nothing open", () => {
    const mails = ws.outbox().filter((m) => m.to.includes(LUIS) && m.subject.startsWith('Resumen del día'));
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Resumen del día sábado 28 de noviembre de 2026: 10 atendidas, 2 abandonadas');
    expect(mails[0].body).toContain('Duración de la atención: 40 min en promedio (estándar: 35 min; 5 min más que el estándar)');
    expect(mails[0].body).toContain('Encuestas respondidas: 0 de 10');
  });

  test('the appointments left open are flagged in Observaciones and in Revisión, and keep their state', () => {
    const rows = citas(ws, atenciones);
    for (const row of [ana[10], ana[11]]) {
      const r = rows.find((x) => x['ID de cita'] === row.code)!;
      expect(String(r['Observaciones'])).toContain('Sin cerrar al cierre del día 28/11/2026 20:00: márquela como atendida o abandonada.');
    }
    expect(rows.find((x) => x['ID de cita'] === ana[10].code)!['Estado']).toBe('En atención');
    const review = ws.readTab(atenciones, 'Revisión').filter((r) => r['Tipo'] === 'Cita sin cerrar');
    expect(review.map((r) => r['Referencia']).sort()).toEqual([ana[10].code, ana[11].code].sort());
  });

  test('running the close again sends no second summary and flags nothing twice', () => {
    const before = ws.outbox().length;
    const again = ws.runTrigger(atenciones, 'runDayClosing');
    expect(again.record.status).toBe('completed');
    expect(ws.outbox()).toHaveLength(before);
    expect(ws.readTab(atenciones, 'Revisión').filter((r) => r['Tipo'] === 'Cita sin cerrar')).toHaveLength(2);
    const obs = String(citas(ws, atenciones).find((x) => x['ID de cita'] === ana[11].code)!['Observaciones']);
    expect(obs.match(/Sin cerrar al cierre/g)).toHaveLength(1);
  });
});
