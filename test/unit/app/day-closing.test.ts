import { consultantEmail, runDayClosing } from '../../../src/app/day-closing';
import { SIGNING_SECRET_PROPERTY } from '../../../src/app/signing';
import { surveyToken } from '../../../src/domain/ids';
import { journalEntries } from '../../../src/app/delivery';
import { SURVEY_PROPERTY_KEYS } from '../../../src/app/surveys';
import { SURVEY_CODE_QUESTION, SURVEY_FORM, SURVEY_TOKEN_QUESTION } from '../../../src/domain/survey-form';
import { appointment, at, jobsWorld, TODAY, TOMORROW } from './attention-jobs-fixtures';

const LUIS = 'luis.rojas@trabajo.gob.pe';
const ANA = 'ana.quispe@trabajo.gob.pe';

/** Ana's day: 3 attended (30, 40 and 41 min), 1 abandoned, 1 left in attention, 1 never started; Luis: 1 attended. */
function closingWorld() {
  const w = jobsWorld({ now: at(TODAY, 20) });
  const formId = w.forms.create(SURVEY_FORM.title);
  w.forms.addItems(formId, SURVEY_FORM.items);
  w.properties.setAll({ [SURVEY_PROPERTY_KEYS.formId]: formId });
  const attended = (id: string, hour: number, minutes: number, extra = {}) =>
    appointment(id, TODAY, hour, { status: 'Atendida', startedAt: at(TODAY, hour), endedAt: at(TODAY, hour, minutes), durationMinutes: minutes, ...extra });
  w.add(
    attended('A1', 8, 30, { surveyAnsweredAt: at(TODAY, 12), surveyScore: 5, surveyResponseId: 'r-1' }),
    attended('A2', 9, 40),
    attended('A3', 10, 41),
    appointment('A4', TODAY, 11, { status: 'Abandonada', observations: 'Abandonada: No se conectó a la videollamada' }),
    appointment('A5', TODAY, 15, { status: 'En atención', startedAt: at(TODAY, 15, 2), observations: 'Se cortó la llamada' }),
    appointment('A6', TODAY, 16),
    attended('L1', 9, 35, { consultant: 'Luis Rojas' }),
    appointment('T1', TOMORROW, 9),
  );
  return { ...w, formId };
}

describe('the evening close of the day (A07)', () => {
  test('appointments left open are flagged for their consultant: a line in Observaciones and an item in Revisión', () => {
    const w = closingWorld();
    const r = runDayClosing(w.deps);
    expect(r).toMatchObject({ dayKey: TODAY, open: 2, flagged: 2 });
    expect(w.row('A5').observations).toBe('Se cortó la llamada\nSin cerrar al cierre del día 27/11/2026 20:00: márquela como atendida o abandonada.');
    expect(w.row('A6').observations).toBe('Sin cerrar al cierre del día 27/11/2026 20:00: márquela como atendida o abandonada.');
    expect(w.row('A5').status).toBe('En atención'); // the consultant decides, not the close
    expect(w.row('T1').observations).toBe('');
    const review = w.reviewRows();
    expect(review.map((x) => [x['Tipo'], x['Referencia']])).toEqual([
      ['Cita sin cerrar', 'A5'],
      ['Cita sin cerrar', 'A6'],
    ]);
    expect(String(review[0]['Detalle'])).toContain('quedó «En atención» al cierre del día (consultor: Ana Quispe)');
  });

  test('each consultant gets one summary with the right numbers', () => {
    const w = closingWorld();
    runDayClosing(w.deps);
    const ana = w.mailer.to(ANA);
    expect(ana).toHaveLength(1);
    expect(ana[0].subject).toBe('Resumen del día viernes 27 de noviembre de 2026: 3 atendidas, 1 abandonada, 2 sin cerrar');
    const text = ana[0].text;
    expect(text).toContain('Citas del día: 6');
    expect(text).toContain('Atendidas: 3');
    expect(text).toContain('Abandonadas: 1');
    expect(text).toContain('Sin cerrar: 2');
    expect(text).toContain('Duración de la atención: 37 min en promedio (estándar: 35 min; 2 min más que el estándar)');
    expect(text).toContain('Encuestas respondidas: 1 de 3');
    expect(text).toContain('3:00 p. m. – Usuario A5 (cita A5) – En atención');
    const luis = w.mailer.to(LUIS);
    expect(luis).toHaveLength(1);
    expect(luis[0].text).toContain('Duración de la atención: 35 min en promedio (estándar: 35 min; igual al estándar)');
    expect(w.mailer.sent).toHaveLength(2);
  });

  test('a survey whose form-submit execution failed is linked before the summary counts it', () => {
    const w = closingWorld();
    // What the citizen's link carries: the code and its token.
    w.forms.submit(w.formId, { [SURVEY_CODE_QUESTION]: 'A2', [SURVEY_TOKEN_QUESTION]: surveyToken(w.properties.secret(SIGNING_SECRET_PROPERTY), 'A2') }, at(TODAY, 18));
    const r = runDayClosing(w.deps);
    expect(r.surveys.linked).toBe(1);
    expect(w.row('A2').surveyAnsweredAt).toEqual(at(TODAY, 18));
    expect(w.mailer.to(ANA)[0].text).toContain('Encuestas respondidas: 2 de 3');
  });

  test('run again, it adds no second line, no second item and sends no second summary', () => {
    const w = closingWorld();
    runDayClosing(w.deps);
    w.next(at(TODAY, 20, 30));
    const again = runDayClosing(w.deps);
    expect(again).toMatchObject({ open: 2, flagged: 0, summariesSent: 2 });
    expect(w.mailer.sent).toHaveLength(2);
    expect(w.row('A6').observations).toBe('Sin cerrar al cierre del día 27/11/2026 20:00: márquela como atendida o abandonada.');
    expect(w.reviewRows()).toHaveLength(2);
  });

  test('a consultant whose email is not in Configuración is listed for review instead of being skipped silently', () => {
    const w = closingWorld();
    w.add(appointment('M1', TODAY, 9, { consultant: 'María Huamán', status: 'Atendida', durationMinutes: 30 }));
    const r = runDayClosing(w.deps);
    expect(r.summariesFailed).toBe(1);
    expect(w.reviewRows().find((x) => x['Tipo'] === 'Consultor sin correo')).toMatchObject({ Referencia: `${TODAY}|María Huamán` });
  });

  test('summary journal entries of closed days long past are forgotten', () => {
    const w = closingWorld();
    w.properties.setAll({ 'SOE_MAIL:resumen:2026-11-10|ana quispe': 'enviado|2026-11-11T01:00:00.000Z' });
    runDayClosing(w.deps);
    expect(journalEntries(w.properties, 'resumen').map((e) => e.rowId).sort()).toEqual([`${TODAY}|ana quispe`, `${TODAY}|luis rojas`]);
  });

  test("tomorrow's reminders still due at the close (the 18:00 run died) get a second chance: a run is requested", () => {
    const w = closingWorld(); // T1, tomorrow at 9:00, has no reminder yet
    const r = runDayClosing(w.deps);
    expect(r.remindersDue).toBe(1);
    expect(w.scheduler.list().filter((t) => t.handler === 'runReminders')).toHaveLength(2);
    w.next(at(TODAY, 20, 30));
    w.edit('T1', { reminderStatus: 'enviado' });
    const quiet = jobsWorld({ now: at(TODAY, 20) });
    quiet.add(appointment('T2', TOMORROW, 9, { reminderStatus: 'enviado' }));
    expect(runDayClosing(quiet.deps).remindersDue).toBe(0);
    expect(quiet.scheduler.list().filter((t) => t.handler === 'runReminders')).toHaveLength(1);
  });

  test("the consultant's email: the cell itself, or the Configuración row with that name", () => {
    const settings = { consultants: [{ email: LUIS, name: 'Luis Rojas' }] };
    expect(consultantEmail('LUIS ROJAS', settings)).toBe(LUIS);
    expect(consultantEmail('carmen.vilchez@trabajo.gob.pe', settings)).toBe('carmen.vilchez@trabajo.gob.pe');
    expect(consultantEmail('Carmen Vílchez', settings)).toBeNull();
  });
});
