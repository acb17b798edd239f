/**
 * The satisfaction survey (A06) with the built bundle in the emulator: setup makes the form
 * (responses to this spreadsheet, a form-submit trigger); a consultant finishes attentions from
 * the panel, so each citizen gets the survey link prefilled with their appointment's code; the
 * citizens answer through the form. Responses are linked to their appointments; an unknown or
 * reused code is kept in 'Revisión'; a response whose handler died is linked by the evening close.
 */
import type { Workspace } from '../../emulator';
import { formsStore, parsePrefilledUrl } from '../../emulator/services/forms';
import {
  SURVEY_CODE_QUESTION,
  SURVEY_COMMENTS_QUESTION,
  SURVEY_CONSENT_CHOICE,
  SURVEY_CONSENT_QUESTION,
  SURVEY_FORM,
  SURVEY_RECOMMEND_QUESTION,
  SURVEY_SCALE_QUESTIONS,
  SURVEY_TOKEN_QUESTION,
} from '../../src/domain/survey-form';
import { citas, createAttentionWorld, importReport, makeReport, type ReportRow } from '../support/attention-world';

const TODAY = '2026-11-27';

function ok<T>(ws: Workspace, ss: string, fn: string, args: unknown[]): T {
  const r = ws.callFromSidebar(ss, fn, args);
  if (!r.ok) throw new Error(`${fn}: ${r.error}`);
  return r.value as T;
}

/** What a citizen answers after opening their link (the code is already filled in). */
function answersFor(scores: number[], comment: string): Record<string, string> {
  const a: Record<string, string> = {};
  SURVEY_SCALE_QUESTIONS.forEach((q, i) => (a[q.title] = String(scores[i])));
  a[SURVEY_RECOMMEND_QUESTION] = 'Sí';
  a[SURVEY_COMMENTS_QUESTION] = comment;
  a[SURVEY_CONSENT_QUESTION] = SURVEY_CONSENT_CHOICE;
  return a;
}

describe('survey responses linked to their appointments', () => {
  const w = createAttentionWorld();
  const { ws, atenciones } = w;
  const report = makeReport(TODAY, 4, { startTime: '10:00', slotMinutes: 60, consultants: ['Ana Quispe'] });
  const row = (i: number): ReportRow => report.rows[i];
  const linkOf = (r: ReportRow) => {
    const mail = ws.outbox().find((m) => m.to.includes(r.email) && /Encuesta de Satisfacción/.test(m.subject));
    if (!mail) throw new Error(`no survey email to ${r.email}`);
    return /Responda la encuesta aquí: (\S+)/.exec(mail.body)![1];
  };
  /** The citizen opens their link and answers: the prefilled code comes from the link. */
  const answer = (r: ReportRow, scores: number[], comment = '') => {
    const { formId, answers } = parsePrefilledUrl(ws.state, linkOf(r));
    return ws.submitForm(formId, { ...answers, ...answersFor(scores, comment) });
  };
  let formId = '';

  beforeAll(() => {
    const imported = importReport(ws, atenciones, report.fileName, report.bytes);
    if (!imported.ok || !imported.value.ok) throw new Error('the import failed');
    for (let i = 0; i < 4; i++) {
      ws.advanceTo(`${TODAY}T${10 + i}:01`);
      ok(ws, atenciones, 'startAttention', [row(i).code]);
      ws.advanceTo(`${TODAY}T${10 + i}:33`);
      ok(ws, atenciones, 'finishAttention', [row(i).code, { observations: 'Se orientó sobre formalización.' }]);
    }
    formId = ws.forms().find((f) => f.title === SURVEY_FORM.title)!.id;
  });

  test('setup made one survey form, with the code question, sending its responses to this spreadsheet', () => {
    const forms = ws.forms().filter((f) => f.title === 'Encuesta de Satisfacción – Servicios Virtuales MTPE');
    expect(forms).toHaveLength(1);
    expect(forms[0].destinationId).toBe(atenciones);
    const items = formsStore(ws.state).get(formId)!.items.map((i) => i.title);
    expect(items).toEqual(SURVEY_FORM.items.map((i) => i.title));
    expect(items[0]).toBe(SURVEY_CODE_QUESTION);
    const settings = ws.readTab(atenciones, 'Configuración');
    expect(settings.find((r) => r['Parámetro'] === 'Formulario de encuesta (ID)')?.['Valor']).toBe(formId);
    expect(settings.find((r) => r['Parámetro'] === 'Formulario de encuesta (enlace)')?.['Valor']).toBe(forms[0].publishedUrl);
    expect(ws.triggers(atenciones).filter((t) => t.handler === 'onSurveySubmit')).toEqual([
      expect.objectContaining({ eventType: 'ON_FORM_SUBMIT', source: 'FORMS', sourceId: formId }),
    ]);
  });

  test('each attended citizen got a link prefilled with their appointment code and its token', () => {
    const link = linkOf(row(0));
    const { answers } = parsePrefilledUrl(ws.state, link);
    // Answers by item: the code and the token, nothing else prefilled.
    expect(Object.values(answers)).toHaveLength(2);
    expect(Object.values(answers)).toEqual(expect.arrayContaining([row(0).code, expect.stringMatching(/^[0-9a-v]{20}$/)]));
    // Nothing personal travels in it.
    expect(link).not.toContain(row(0).dni);
    expect(link).not.toContain(encodeURIComponent(row(0).email));
  });

  test('an answer is linked to its appointment: answered, with its score', () => {
    ws.advanceTo(`${TODAY}T15:00`);
    const { responseId, executions } = answer(row(0), [5, 4, 5, 4], 'Me ayudó mucho con el RUC.');
    expect(executions.map((e) => [e.functionName, e.status])).toEqual([['onSurveySubmit', 'completed']]);
    expect(citas(ws, atenciones).find((r) => r['ID de cita'] === row(0).code)).toMatchObject({
      'Puntaje encuesta': 4.5,
      'ID respuesta encuesta': responseId,
    });
    const answered = citas(ws, atenciones).find((r) => r['ID de cita'] === row(0).code)!['Encuesta respondida'];
    expect(answered).toBeInstanceOf(Date);
    // The response itself is also in the form's responses tab of this spreadsheet.
    expect(ws.sheetNames(atenciones)).toContain('Respuestas de formulario 1');
  });

  test('a second answer with the same code is kept for review; the first one stays linked', () => {
    const first = citas(ws, atenciones).find((r) => r['ID de cita'] === row(0).code)!['ID respuesta encuesta'];
    const { responseId } = answer(row(0), [1, 1, 1, 1], 'Respondo otra vez.');
    expect(citas(ws, atenciones).find((r) => r['ID de cita'] === row(0).code)!['ID respuesta encuesta']).toBe(first);
    const review = ws.readTab(atenciones, 'Revisión').find((r) => r['Referencia'] === responseId);
    expect(review).toMatchObject({ Tipo: 'Encuesta: código ya usado', Estado: 'Pendiente' });
    expect(String(review!['Detalle'])).toContain('Respondo otra vez.');
  });

  test('an answer with an unknown code is kept for review with its answers, not dropped', () => {
    const { responseId } = ws.submitForm(formId, { [SURVEY_CODE_QUESTION]: 'ABC-123', ...answersFor([4, 4, 4, 4], 'Sin código correcto') });
    const review = ws.readTab(atenciones, 'Revisión').find((r) => r['Referencia'] === responseId);
    expect(review).toMatchObject({ Tipo: 'Encuesta: código desconocido' });
    expect(String(review!['Detalle'])).toContain('«ABC-123» no corresponde a ninguna cita');
    expect(String(review!['Detalle'])).toContain('Sin código correcto');
  });

  test('an answer whose form-submit execution died is linked by the evening close', () => {
    ws.injectFault({ kind: 'kill', atCall: 3, match: (e) => e.functionName === 'onSurveySubmit' });
    const { responseId, executions } = answer(row(1), [3, 4, 3, 4]);
    expect(executions.map((e) => e.status)).toEqual(['killed']);
    expect(citas(ws, atenciones).find((r) => r['ID de cita'] === row(1).code)!['ID respuesta encuesta']).toBe('');
    const fired = ws.advanceTo(`${TODAY}T20:05`);
    expect(fired.find((e) => e.functionName === 'runDayClosing')?.status).toBe('completed');
    expect(citas(ws, atenciones).find((r) => r['ID de cita'] === row(1).code)).toMatchObject({ 'ID respuesta encuesta': responseId, 'Puntaje encuesta': 3.5 });
    // Nothing else changed: the ones already handled are not linked or listed twice.
    expect(ws.readTab(atenciones, 'Revisión').filter((r) => String(r['Tipo']).startsWith('Encuesta'))).toHaveLength(2);
  });

  test("the consultant's summary counts the surveys answered", () => {
    const summary = ws.outbox().find((m) => m.to.includes(w.user) && m.subject.startsWith('Resumen del día'));
    expect(summary?.body).toContain('Encuestas respondidas: 2 de 4');
  });
});

describe('survey answers cannot be forged: the form is public and codes are sequential', () => {
  const w = createAttentionWorld();
  const { ws, atenciones } = w;
  const report = makeReport(TODAY, 3, { startTime: '10:00', slotMinutes: 60, consultants: ['Ana Quispe'] });
  const row = (i: number): ReportRow => report.rows[i];
  const citaOf = (r: ReportRow) => citas(ws, atenciones).find((x) => x['ID de cita'] === r.code)!;
  const reviewOf = (responseId: string) => ws.readTab(atenciones, 'Revisión').find((x) => x['Referencia'] === responseId);
  let formId = '';

  beforeAll(() => {
    const imported = importReport(ws, atenciones, report.fileName, report.bytes);
    if (!imported.ok || !imported.value.ok) throw new Error('the import failed');
    formId = ws.forms().find((f) => f.title === SURVEY_FORM.title)!.id;
  });

  test("a stranger answering for an appointment that has not happened yet (its code guessed) lands in 'Revisión'", () => {
    ws.advanceTo(`${TODAY}T09:00`);
    const forged = ws.submitForm(formId, { [SURVEY_CODE_QUESTION]: row(0).code, ...answersFor([1, 1, 1, 1], 'Pésimo') });
    const guessed = ws.submitForm(formId, { [SURVEY_CODE_QUESTION]: row(0).code, [SURVEY_TOKEN_QUESTION]: '0123456789abcdefghij', ...answersFor([1, 1, 1, 1], 'Pésimo') });
    expect(citaOf(row(0))['ID respuesta encuesta']).toBe('');
    expect(reviewOf(forged.responseId)).toMatchObject({ Tipo: 'Encuesta: sin clave de verificación', Estado: 'Pendiente' });
    expect(reviewOf(guessed.responseId)).toMatchObject({ Tipo: 'Encuesta: clave no válida', Estado: 'Pendiente' });
    expect(String(reviewOf(guessed.responseId)!['Detalle'])).toContain('Pésimo');
    expect(String(reviewOf(guessed.responseId)!['Detalle'])).not.toContain('0123456789abcdefghij');
  });

  test("the citizen's real answer, from the link the service sent, is still linked", () => {
    ws.advanceTo(`${TODAY}T10:01`);
    ok(ws, atenciones, 'startAttention', [row(0).code]);
    ws.advanceTo(`${TODAY}T10:33`);
    ok(ws, atenciones, 'finishAttention', [row(0).code, { observations: 'Se orientó sobre formalización.' }]);
    const mail = ws.outbox().find((m) => m.to.includes(row(0).email) && /Encuesta de Satisfacción/.test(m.subject))!;
    const { formId: linkForm, answers } = parsePrefilledUrl(ws.state, /Responda la encuesta aquí: (\S+)/.exec(mail.body)![1]);
    ws.advanceTo(`${TODAY}T11:00`);
    const real = ws.submitForm(linkForm, { ...answers, ...answersFor([5, 5, 4, 5], 'Muy buena') });
    expect(citaOf(row(0))).toMatchObject({ 'ID respuesta encuesta': real.responseId, 'Puntaje encuesta': 4.8 });
    // The token of one appointment does not answer for another.
    const stolen = ws.submitForm(linkForm, { ...answers, [SURVEY_CODE_QUESTION]: row(1).code, ...answersFor([1, 1, 1, 1], 'Otra') });
    expect(citaOf(row(1))['ID respuesta encuesta']).toBe('');
    expect(reviewOf(stolen.responseId)).toMatchObject({ Tipo: 'Encuesta: clave no válida' });
  });

  test('the secret that signs the tokens is in the document properties, and in no sheet', () => {
    const secret = ws.project(atenciones).documentProperties['SOE_SIGNING_SECRET'];
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    for (const tab of ws.sheetNames(atenciones)) expect(JSON.stringify(ws.readTab(atenciones, tab))).not.toContain(secret);
  });
});
