import { runSetup } from '../../../src/app/setup';
import { ensureSurveyForm, linkSurveyResponses, SURVEY_PROPERTY_KEYS, SURVEY_SUBMIT_HANDLER, sweepSurveyResponses } from '../../../src/app/surveys';
import { readSettings } from '../../../src/app/settings';
import { REVIEW_TAB, SETTINGS_TAB } from '../../../src/domain/schema';
import {
  SURVEY_CODE_QUESTION,
  SURVEY_COMMENTS_QUESTION,
  SURVEY_CONSENT_CHOICE,
  SURVEY_CONSENT_QUESTION,
  SURVEY_FORM,
  SURVEY_FORM_TITLE,
  SURVEY_RECOMMEND_QUESTION,
  SURVEY_SCALE_QUESTIONS,
  SURVEY_TOKEN_QUESTION,
} from '../../../src/domain/survey-form';
import { SIGNING_SECRET_PROPERTY } from '../../../src/app/signing';
import { surveyToken } from '../../../src/domain/ids';
import { ArrayAuditLog, FixedSession } from '../../support/memory-ports';
import { appointment, at, ATENCIONES_ID, FakeForms, jobsWorld, TALLERES_ID, TODAY, USER } from './attention-jobs-fixtures';

function answers(code: string, scores: number[] = [5, 4, 5, 4], token?: string): Record<string, string> {
  const a: Record<string, string> = { [SURVEY_CODE_QUESTION]: code };
  if (token !== undefined) a[SURVEY_TOKEN_QUESTION] = token;
  SURVEY_SCALE_QUESTIONS.forEach((q, i) => (a[q.title] = String(scores[i])));
  a[SURVEY_RECOMMEND_QUESTION] = 'Sí';
  a[SURVEY_COMMENTS_QUESTION] = 'Muy clara la explicación sobre el RUC.';
  a[SURVEY_CONSENT_QUESTION] = SURVEY_CONSENT_CHOICE;
  return a;
}

function surveyWorld() {
  const w = jobsWorld({ now: at(TODAY, 12) });
  const formId = w.forms.create(SURVEY_FORM.title);
  w.forms.addItems(formId, SURVEY_FORM.items);
  w.properties.setAll({ [SURVEY_PROPERTY_KEYS.formId]: formId });
  w.add(
    appointment('AV-1', TODAY, 9, { status: 'Atendida', surveyStatus: 'enviado' }),
    appointment('AV-2', TODAY, 10, { status: 'Atendida', surveyStatus: 'enviado' }),
    appointment('P-20261127-1100-01234567', TODAY, 11, { platformCode: '', status: 'Atendida' }),
  );
  // The citizen's link carries the token the service made for the code (app/signing.ts).
  const secret = w.properties.secret(SIGNING_SECRET_PROPERTY);
  const submit = (code: string, scores?: number[], when = at(TODAY, 12, 30), token: string | null = surveyToken(secret, code)) =>
    w.forms.submit(formId, answers(code, scores, token ?? undefined), when);
  return { ...w, formId, submit, secret };
}

describe('a survey response is linked to its appointment (A06)', () => {
  test('answered, with the mean of the 1–5 answers as its score', () => {
    const w = surveyWorld();
    const r = w.submit('AV-2', [5, 4, 4, 4]);
    expect(linkSurveyResponses(w.deps, [r])).toEqual({ linked: 1, forReview: 0, unchanged: 0 });
    expect(w.row('AV-2')).toMatchObject({ surveyAnsweredAt: at(TODAY, 12, 30), surveyScore: 4.3, surveyResponseId: r.responseId });
    expect(w.row('AV-1').surveyAnsweredAt).toBe('');
  });

  test('the code is matched without regard to case or spaces the citizen may have added', () => {
    const w = surveyWorld();
    linkSurveyResponses(w.deps, [w.submit(' p-20261127-1100-01234567 ')]);
    expect(w.row('P-20261127-1100-01234567').surveyResponseId).not.toBe('');
  });

  test('the same response delivered twice changes nothing the second time', () => {
    const w = surveyWorld();
    const r = w.submit('AV-1');
    linkSurveyResponses(w.deps, [r]);
    w.next(at(TODAY, 13));
    expect(linkSurveyResponses(w.deps, [r])).toEqual({ linked: 0, forReview: 0, unchanged: 1 });
    expect(w.reviewRows()).toEqual([]);
  });

  test("a response that links does not read 'Revisión'; one going there is checked against it", () => {
    const w = surveyWorld();
    const reviewReads = () => (w.book.table(REVIEW_TAB) as unknown as { reads: number }).reads;
    w.next();
    const before = reviewReads();
    linkSurveyResponses(w.deps, [w.submit('AV-2')]);
    expect(reviewReads()).toBe(before);
    linkSurveyResponses(w.deps, [w.submit('AV-404')]);
    expect(reviewReads()).toBe(before + 1);
  });

  test('an unknown code is kept in Revisión with every answer, never dropped', () => {
    const w = surveyWorld();
    const r = w.submit('AV-999');
    expect(linkSurveyResponses(w.deps, [r])).toEqual({ linked: 0, forReview: 1, unchanged: 0 });
    const [item] = w.reviewRows();
    expect(item).toMatchObject({ Tipo: 'Encuesta: código desconocido', Referencia: r.responseId, Estado: 'Pendiente' });
    expect(String(item['Detalle'])).toContain('«AV-999» no corresponde a ninguna cita');
    expect(String(item['Detalle'])).toContain('Muy clara la explicación sobre el RUC.');
    // Delivered again: still one item.
    w.next();
    linkSurveyResponses(w.deps, [r]);
    expect(w.reviewRows()).toHaveLength(1);
  });

  test('a second response with a code already answered goes to Revisión; the first answer stays', () => {
    const w = surveyWorld();
    const first = w.submit('AV-1', [5, 5, 5, 5]);
    const second = w.submit('AV-1', [1, 1, 1, 1], at(TODAY, 14));
    expect(linkSurveyResponses(w.deps, [first, second])).toEqual({ linked: 1, forReview: 1, unchanged: 0 });
    expect(w.row('AV-1')).toMatchObject({ surveyScore: 5, surveyResponseId: first.responseId });
    expect(w.reviewRows()[0]).toMatchObject({ Tipo: 'Encuesta: código ya usado', Referencia: second.responseId });
  });

  test('the sweep links what a failed form-submit execution left, and only reads answers it does not know', () => {
    const w = surveyWorld();
    const handled = w.submit('AV-1');
    linkSurveyResponses(w.deps, [handled]);
    w.submit('AV-2'); // its trigger failed
    w.next(at(TODAY, 20));
    const spy = jest.spyOn(w.forms, 'responses');
    expect(sweepSurveyResponses({ ...w.deps, forms: w.forms }, w.formId)).toEqual({ linked: 1, forReview: 0, unchanged: 0 });
    const known = spy.mock.calls[0][2]!;
    expect(known.has(handled.responseId)).toBe(true);
    expect(w.row('AV-2').surveyResponseId).not.toBe('');
    expect(w.properties.get(SURVEY_PROPERTY_KEYS.sweptAt)).toBe(at(TODAY, 20).toISOString());
    // The next sweep reads only from a week before this one.
    w.next(at('2026-11-28', 20));
    sweepSurveyResponses({ ...w.deps, forms: w.forms }, w.formId);
    expect(spy.mock.calls[1][1]).toEqual(new Date(at(TODAY, 20).getTime() - 7 * 86_400_000));
  });
});

describe('only the link the service sent can answer for an appointment (tokens)', () => {
  test('a forged answer (a known code, no token or a made-up one) goes to Revisión and does not block the real answer', () => {
    const w = surveyWorld();
    const noToken = w.submit('AV-2', [1, 1, 1, 1], at(TODAY, 12, 10), null);
    const madeUp = w.submit('AV-2', [1, 1, 1, 1], at(TODAY, 12, 11), 'abcdefghij0123456789');
    const otherAppointments = w.submit('AV-2', [1, 1, 1, 1], at(TODAY, 12, 12), surveyToken(w.secret, 'AV-1'));
    expect(linkSurveyResponses(w.deps, [noToken, madeUp, otherAppointments])).toEqual({ linked: 0, forReview: 3, unchanged: 0 });
    expect(w.row('AV-2').surveyResponseId).toBe('');
    const items = w.reviewRows();
    expect(items.map((i) => i['Tipo'])).toEqual(['Encuesta: sin clave de verificación', 'Encuesta: clave no válida', 'Encuesta: clave no válida']);
    expect(String(items[0]['Detalle'])).toContain('no trae la clave de verificación');
    expect(String(items[1]['Detalle'])).toContain('no corresponde a la cita AV-2');
    // Every answer is kept for a person; the token is not copied there.
    expect(String(items[1]['Detalle'])).toContain('Muy clara la explicación sobre el RUC.');
    expect(String(items[1]['Detalle'])).not.toContain('abcdefghij0123456789');

    w.next(at(TODAY, 13));
    const real = w.submit('AV-2', [5, 5, 5, 5], at(TODAY, 13));
    expect(linkSurveyResponses(w.deps, [real])).toEqual({ linked: 1, forReview: 0, unchanged: 0 });
    expect(w.row('AV-2')).toMatchObject({ surveyScore: 5, surveyResponseId: real.responseId });
  });

  test('the token is checked against the row the code names, also through its platform code, ignoring case and spaces', () => {
    const w = surveyWorld();
    const r = w.submit(' p-20261127-1100-01234567 ', undefined, undefined, ` ${surveyToken(w.secret, 'P-20261127-1100-01234567').toUpperCase()} `);
    expect(linkSurveyResponses(w.deps, [r])).toMatchObject({ linked: 1 });
  });
});

describe('the survey form made by setup', () => {
  test('the form has the code question, 1–5 scales, and the consent with the privacy notice (Ley 29733)', () => {
    expect(SURVEY_FORM.title).toBe('Encuesta de Satisfacción – Servicios Virtuales MTPE');
    expect(SURVEY_FORM_TITLE).toBe(SURVEY_FORM.title);
    expect(SURVEY_FORM.items[0]).toMatchObject({ kind: 'text', title: SURVEY_CODE_QUESTION, required: true });
    const scales = SURVEY_FORM.items.filter((i) => i.kind === 'scale');
    expect(scales).toHaveLength(4);
    for (const s of scales) expect(s).toMatchObject({ low: 1, high: 5, required: true });
    expect(SURVEY_FORM.items.at(-1)).toMatchObject({ kind: 'choice', title: SURVEY_CONSENT_QUESTION, choices: [SURVEY_CONSENT_CHOICE], required: true });
    expect(SURVEY_FORM.description).toMatch(/Ley N\.° 29733/);
    expect(SURVEY_FORM.description).toMatch(/únicamente para evaluar y mejorar/);
  });

  function setupWorld(forms = new FakeForms()) {
    const w = jobsWorld();
    const deps = { ...w.deps, session: new FixedSession(USER), audit: new ArrayAuditLog(), forms };
    return { w, deps, forms };
  }

  test('setup creates it once, sends its responses here, mirrors it in Configuración and installs one submit trigger', () => {
    const { w, deps, forms } = setupWorld();
    const first = runSetup(deps, { role: 'atenciones', siblingId: TALLERES_ID });
    expect(first.changes).toEqual(expect.arrayContaining([`Se creó el formulario «${SURVEY_FORM_TITLE}».`]));
    expect(forms.created).toBe(1);
    const formId = w.properties.get(SURVEY_PROPERTY_KEYS.formId)!;
    expect(forms.describe(formId)).toMatchObject({ destinationId: ATENCIONES_ID, itemTitles: SURVEY_FORM.items.map((i) => i.title) });
    w.next();
    const { settings } = readSettings(w.book.table(SETTINGS_TAB));
    expect(settings.surveyFormId).toBe(formId);
    expect(settings.surveyFormUrl).toBe(forms.publishedUrl(formId));
    const submitTriggers = w.scheduler.list().filter((t) => t.handler === SURVEY_SUBMIT_HANDLER);
    expect(submitTriggers).toEqual([expect.objectContaining({ kind: 'formSubmit', sourceId: formId })]);

    w.next();
    const second = runSetup(deps, { role: 'atenciones', siblingId: TALLERES_ID });
    expect(second.changes).toEqual([]);
    expect(forms.created).toBe(1);
    expect(w.scheduler.list().filter((t) => t.handler === SURVEY_SUBMIT_HANDLER)).toHaveLength(1);
  });

  test('interrupted after creating the form: the next setup completes that form instead of making another', () => {
    const forms = new FakeForms();
    const changes: string[] = [];
    const props = jobsWorld().properties;
    const formId = forms.create(SURVEY_FORM.title); // created and recorded, then the execution died:
    props.setAll({ [SURVEY_PROPERTY_KEYS.formId]: formId });
    forms.addItems(formId, [...SURVEY_FORM.items.slice(0, 2), { ...SURVEY_FORM.items[2], title: '' }]); // the third half-made
    const state = ensureSurveyForm({ forms, properties: props }, ATENCIONES_ID, '', (_a, _t, s) => changes.push(s));
    expect(state.formId).toBe(formId);
    expect(forms.created).toBe(1);
    const form = forms.describe(formId)!;
    expect(form.itemTitles).toEqual(SURVEY_FORM.items.map((i) => i.title));
    expect(form).toMatchObject({ destinationId: ATENCIONES_ID, description: SURVEY_FORM.description, confirmationMessage: SURVEY_FORM.confirmationMessage });
    expect(changes).toEqual([
      `Se restableció el aviso de privacidad del formulario «${SURVEY_FORM_TITLE}».`,
      `Se agregaron 7 preguntas que faltaban al formulario «${SURVEY_FORM_TITLE}».`,
      `Las respuestas de «${SURVEY_FORM_TITLE}» se guardan ahora en esta hoja.`,
      // Made unpublished by the interrupted run: published only now that it is complete.
      `Se publicó el formulario «${SURVEY_FORM_TITLE}»: ya acepta respuestas.`,
    ]);
  });

  test('a form someone deleted is made again; the workshops spreadsheet gets none', () => {
    const { w, deps, forms } = setupWorld();
    runSetup(deps, { role: 'atenciones', siblingId: TALLERES_ID });
    forms.forms.clear();
    w.next();
    runSetup(deps, { role: 'atenciones', siblingId: TALLERES_ID });
    expect(forms.created).toBe(2);
    expect(w.scheduler.list().filter((t) => t.handler === SURVEY_SUBMIT_HANDLER)).toEqual([
      expect.objectContaining({ sourceId: w.properties.get(SURVEY_PROPERTY_KEYS.formId) }),
    ]);

    const other = setupWorld();
    runSetup(other.deps, { role: 'talleres', siblingId: TALLERES_ID }); // (a workbook that changes role: no attention survey form for workshops)
    // Its forms are the workshop survey (B08) and the institutions' request form (issue 14, C01),
    // each with its own property and trigger, never the attention survey.
    expect(other.forms.created).toBe(2);
    expect(other.w.properties.get(SURVEY_PROPERTY_KEYS.formId)).toBeNull();
    expect(other.w.scheduler.list().filter((t) => t.handler === SURVEY_SUBMIT_HANDLER)).toEqual([]);
  });

  test('when Forms fails, setup still completes the rest and says how to finish', () => {
    const forms = new FakeForms();
    forms.failAfterCreate = new Error('Service error: Forms');
    const { deps } = setupWorld(forms);
    const r = runSetup(deps, { role: 'atenciones', siblingId: TALLERES_ID });
    expect(r.warnings.join(' ')).toMatch(/No se pudo preparar el formulario de la encuesta de satisfacción \(Service error: Forms\)/);
    expect(r.tasks.map((t) => t.handler)).toEqual(['runReminders', 'runDayClosing']);
  });
});
