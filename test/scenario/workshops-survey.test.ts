/**
 * B08 in the emulator, with the built bundle: a module of two sessions; five registrants, three
 * marked present in session 1 (one absent, one not marked). After the session's end plus the
 * delay the survey run (what the session clock runs as a duty) sends the survey to the three
 * present people only, once; a person marked present later gets it on the next run; the
 * session's 'Encuesta' and 'Participantes' follow. An answer from a person's link is linked back
 * to person and session; a second answer, a forged token, a missing token and an unknown session
 * go to 'Revisión' with their answers. «Enviar encuesta» refuses before a session ends.
 */
import type { ModuleInput, SaveModuleResult } from '../../src/api';
import type { Workspace } from '../../emulator';
import { formsStore, parsePrefilledUrl } from '../../emulator/services/forms';
import { sheetsStore } from '../../emulator/services/sheets';
import {
  WORKSHOP_SURVEY_COMMENTS_QUESTION,
  WORKSHOP_SURVEY_CONSENT_CHOICE,
  WORKSHOP_SURVEY_CONSENT_QUESTION,
  WORKSHOP_SURVEY_FORM,
  WORKSHOP_SURVEY_RECOMMEND_QUESTION,
  WORKSHOP_SURVEY_SCALE_QUESTIONS,
  WORKSHOP_SURVEY_SESSION_QUESTION,
  WORKSHOP_SURVEY_TOKEN_QUESTION,
} from '../../src/domain/workshops/survey-form';
import { WORKSHOP_SURVEY_REVIEW as R } from '../../src/domain/messages/workshop-survey';
import { createAttentionWorld, type AttentionWorld } from '../support/attention-world';
import { putRows } from '../support/workshop-rows';

const MODULE: ModuleInput = {
  requestId: 'form-encuesta-0001',
  name: 'Aprende a Emprender – IV 2026',
  year: 2026,
  quarter: 'IV',
  audience: 'Personas con una idea de negocio',
  capacity: 60,
  minSessions: 1,
  sessions: [
    { topic: 'Modelo de negocio', date: '2026-12-15', startTime: '18:00', endTime: '20:00', speaker: 'José Ñahui', speakerEmail: 'jose.nahui@gmail.com' },
    { topic: 'Costos y precios', date: '2026-12-17', startTime: '18:00', endTime: '20:00', speaker: 'María Castañeda', speakerEmail: 'maria.castaneda@gmail.com' },
  ],
};
const PEOPLE = [
  { id: 'R-ENC-1', name: 'Lucía Rojas', email: 'lucia.rojas@gmail.com', dni: '01234567', present: true },
  { id: 'R-ENC-2', name: 'Pedro Ñahui', email: 'pedro.nahui@gmail.com', dni: '12345678', present: true },
  { id: 'R-ENC-3', name: "Rosa D'Angelo", email: 'rosa.dangelo@gmail.com', dni: '23456789', present: false },
  { id: 'R-ENC-4', name: 'Jorge Mamani', email: 'jorge.mamani@gmail.com', dni: '34567890', present: true },
  { id: 'R-ENC-5', name: 'Elena Quispe', email: 'elena.quispe@gmail.com', dni: '45678901', present: null },
] as const;

/** The session clock is another helper's: the test installs a stand-in trigger of the survey run and fires it. */
export function installSurveyRunTrigger(ws: Workspace, ss: string, owner: string): void {
  const project = ws.project(ss);
  if (project.triggers.some((t) => t.handler === 'runWorkshopSurveys' && t.source === 'CLOCK' && t.everyDays === 1)) return;
  project.triggers.push({
    uid: `9${project.triggers.length}00000000001`,
    handler: 'runWorkshopSurveys',
    owner,
    source: 'CLOCK',
    eventType: 'CLOCK',
    everyDays: 1,
    atHour: 3,
    createdAt: ws.state.now(),
    nextRun: Date.UTC(2099, 0, 1),
  } as never);
}

export function scaleAnswers(scores: readonly number[], comment = ''): Record<string, string> {
  const a: Record<string, string> = {};
  WORKSHOP_SURVEY_SCALE_QUESTIONS.forEach((q, i) => (a[q.title] = String(scores[i])));
  a[WORKSHOP_SURVEY_RECOMMEND_QUESTION] = 'Sí';
  if (comment) a[WORKSHOP_SURVEY_COMMENTS_QUESTION] = comment;
  a[WORKSHOP_SURVEY_CONSENT_QUESTION] = WORKSHOP_SURVEY_CONSENT_CHOICE;
  return a;
}

describe('B08: the workshop survey goes to attendees only, once, and answers come back linked', () => {
  let w: AttentionWorld;
  let s1 = '';
  let s2 = '';
  let formId = '';
  const call = <T>(fn: string, args: unknown[]): T => {
    const r = w.ws.callFromSidebar(w.talleres, fn, args);
    if (!r.ok) throw new Error(r.error);
    return r.value as T;
  };
  const surveyMails = () => w.ws.outbox().filter((m) => m.subject.startsWith('Encuesta de Satisfacción'));
  const runDuty = () => {
    // The run removes its own one-off triggers when done; the stand-in is put back each time.
    installSurveyRunTrigger(w.ws, w.talleres, w.user);
    const r = w.ws.runTrigger(w.talleres, 'runWorkshopSurveys');
    if (r.record.status !== 'completed') throw new Error(`${r.record.status}: ${r.error ?? ''}`);
    return r;
  };
  const session = (id: string) => w.ws.readTab(w.talleres, 'Sesiones').find((r) => r['ID de sesión'] === id)!;
  const linkOf = (email: string, sid = s1) => {
    const mail = surveyMails().find((m) => m.to.includes(email) && m.body.includes(sid === s1 ? 'Modelo de negocio' : 'Costos y precios'));
    if (!mail) throw new Error(`no survey email to ${email}`);
    return /Responda la encuesta aquí: (\S+)/.exec(mail.body)![1];
  };
  const review = () => w.ws.readTab(w.talleres, 'Revisión');
  const answersTab = () => w.ws.readTab(w.talleres, 'Encuestas de talleres');

  beforeAll(() => {
    w = createAttentionWorld({ at: '2026-11-27T09:00' });
    const saved = call<SaveModuleResult>('saveModule', [MODULE]);
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    const moduleId = saved.module.id;
    [s1, s2] = w.ws.readTab(w.talleres, 'Sesiones').map((r) => String(r['ID de sesión']));
    putRows(
      w.ws,
      w.talleres,
      'Inscripciones',
      PEOPLE.map((p) => ({ 'ID de inscripción': p.id, 'ID de módulo': moduleId, DNI: p.dni, 'Nombres y apellidos': p.name, Correo: p.email, Estado: 'Inscrito' })),
    );
    putRows(
      w.ws,
      w.talleres,
      'Asistencia',
      PEOPLE.filter((p) => p.present !== null).map((p) => ({
        'ID de asistencia': `${s1}/${p.id}`,
        'ID de sesión': s1,
        'ID de módulo': moduleId,
        'ID de inscripción': p.id,
        DNI: p.dni,
        'Nombres y apellidos': p.name,
        'Asistió': p.present,
        Fuente: 'Manual',
      })),
    );
    installSurveyRunTrigger(w.ws, w.talleres, w.user);
    formId = w.ws.forms().find((f) => f.title === WORKSHOP_SURVEY_FORM.title)!.id;
  });

  test('setup made the workshop survey form: published, open, its responses here, one submit trigger', () => {
    const forms = w.ws.forms().filter((f) => f.title === WORKSHOP_SURVEY_FORM.title);
    expect(forms).toHaveLength(1);
    expect(forms[0].destinationId).toBe(w.talleres);
    const settings = w.ws.readTab(w.talleres, 'Configuración');
    expect(settings.find((r) => r['Parámetro'] === 'Encuesta de talleres (ID)')?.['Valor']).toBe(formId);
    expect(w.ws.triggers(w.talleres).filter((t) => t.handler === 'onWorkshopSurveySubmit')).toEqual([
      expect.objectContaining({ eventType: 'ON_FORM_SUBMIT', source: 'FORMS', sourceId: formId }),
    ]);
  });

  test('«Enviar encuesta» before the session ended is refused politely; the run before the delay sends nothing', () => {
    const r = call<{ ok: boolean; message: string }>('sendSessionSurvey', [s1]);
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/^La sesión aún no termina \(termina martes 15 de diciembre de 2026, 8:00 p\. ?m\.\)/);
    w.ws.advanceTo('2026-12-15T20:10');
    runDuty();
    expect(surveyMails()).toHaveLength(0);
  });

  test('after the end plus the delay, the three people marked present get it; absent and unmarked people never', () => {
    w.ws.advanceTo('2026-12-15T20:16');
    runDuty();
    const to = surveyMails().map((m) => String(m.to)).sort();
    expect(to).toEqual(['jorge.mamani@gmail.com', 'lucia.rojas@gmail.com', 'pedro.nahui@gmail.com']);
    expect(session(s1)).toMatchObject({ Encuesta: 'enviado', Participantes: 3 });
    const rows = w.ws.readTab(w.talleres, 'Envíos de sesiones').filter((r) => r.Tipo === 'Encuesta');
    expect(rows.map((r) => [r['ID de envío'], r['Envío']]).sort()).toEqual(
      ['R-ENC-1', 'R-ENC-2', 'R-ENC-4'].map((id) => [`ENC/${s1}/${id}`, 'enviado']),
    );
    // Session 2 has not happened: nothing for it.
    expect(session(s2)['Encuesta']).toBe('');
  });

  test('a second run sends nothing again; a person marked present later gets it once', () => {
    runDuty();
    expect(surveyMails()).toHaveLength(3);
    const [headers, ...values] = w.ws.values(w.talleres, 'Asistencia');
    const row = values.findIndex((r) => r[headers.indexOf('ID de inscripción')] === 'R-ENC-3') + 2;
    sheetsStore(w.ws.state).enterValues(w.talleres, 'Asistencia', row, headers.indexOf('Asistió') + 1, [[true]]);
    w.ws.advanceTo('2026-12-16T09:00');
    runDuty();
    runDuty();
    expect(surveyMails().filter((m) => String(m.to) === 'rosa.dangelo@gmail.com')).toHaveLength(1);
    expect(surveyMails()).toHaveLength(4);
    expect(session(s1)).toMatchObject({ Encuesta: 'enviado', Participantes: 4 });
  });

  test('the link carries the session code and a token, nothing personal', () => {
    const link = linkOf('lucia.rojas@gmail.com');
    const { answers } = parsePrefilledUrl(w.ws.state, link);
    expect(Object.values(answers)).toEqual(expect.arrayContaining([s1, expect.stringMatching(/^[0-9a-v]{20}$/)]));
    expect(Object.values(answers)).toHaveLength(2);
    for (const p of PEOPLE) {
      expect(link).not.toContain(p.id);
      expect(link).not.toContain(p.dni);
      expect(link).not.toContain(encodeURIComponent(p.email));
    }
    // Each person's token is their own.
    const other = parsePrefilledUrl(w.ws.state, linkOf('pedro.nahui@gmail.com')).answers;
    expect(Object.values(other)).not.toEqual(Object.values(answers));
  });

  test('an answer from a person\'s link is linked to person and session, with its score', () => {
    const { formId: f, answers } = parsePrefilledUrl(w.ws.state, linkOf('lucia.rojas@gmail.com'));
    expect(f).toBe(formId);
    const { responseId, executions } = w.ws.submitForm(formId, { ...answers, ...scaleAnswers([5, 4, 5, 3], '=HYPERLINK("x") más práctica') });
    expect(executions.map((e) => [e.functionName, e.status])).toEqual([['onWorkshopSurveySubmit', 'completed']]);
    expect(answersTab()).toEqual([
      expect.objectContaining({
        'ID de respuesta': responseId,
        'ID de sesión': s1,
        'ID de inscripción': 'R-ENC-1',
        'Satisfacción con la sesión': 5,
        'Contenido claro y útil': 4,
        Ponente: 5,
        'Conexión a Meet': 3,
        Recomendaría: 'Sí',
        Puntaje: 4.3,
      }),
    ]);
    // A comment that looks like a formula is kept as text.
    expect(w.ws.formulas(w.talleres, 'Encuestas de talleres').flat().filter((f) => f !== '')).toEqual([]);
  });

  test('a second answer of the same person goes to Revisión and the first stands', () => {
    const { answers } = parsePrefilledUrl(w.ws.state, linkOf('lucia.rojas@gmail.com'));
    const { responseId } = w.ws.submitForm(formId, { ...answers, ...scaleAnswers([1, 1, 1, 1], 'Cambié de opinión') });
    expect(answersTab()).toHaveLength(1);
    expect(review().find((r) => r.Referencia === responseId)).toMatchObject({ Tipo: R.alreadyAnsweredKind });
    expect(String(review().find((r) => r.Referencia === responseId)!.Detalle)).toContain('Cambié de opinión');
  });

  test('forged, missing-token and unknown-session answers go to Revisión with their answers; none is linked', () => {
    const { answers } = parsePrefilledUrl(w.ws.state, linkOf('pedro.nahui@gmail.com'));
    const tokenKey = Object.keys(answers).find((k) => /^[0-9a-v]{20}$/.test(answers[k] as string))!;
    const forged = w.ws.submitForm(formId, { ...answers, [tokenKey]: '0123456789abcdefghij', ...scaleAnswers([1, 1, 1, 1], 'Falsa') });
    const noToken = w.ws.submitForm(formId, { [WORKSHOP_SURVEY_SESSION_QUESTION]: s1, ...scaleAnswers([2, 2, 2, 2], 'Sin clave') });
    const unknown = w.ws.submitForm(formId, { [WORKSHOP_SURVEY_SESSION_QUESTION]: 'M-NOEXISTE-S9', [WORKSHOP_SURVEY_TOKEN_QUESTION]: 'abc', ...scaleAnswers([3, 3, 3, 3], 'Otra sesión') });
    // Pedro's real token used for session 2 (where he was not surveyed): not his answer for that session.
    const moved = w.ws.submitForm(formId, { ...answers, [Object.keys(answers).find((k) => answers[k] === s1)!]: s2, ...scaleAnswers([4, 4, 4, 4], 'Otra') });
    const kinds = Object.fromEntries(review().map((r) => [r.Referencia, r.Tipo]));
    expect(kinds[forged.responseId]).toBe(R.invalidTokenKind);
    expect(kinds[noToken.responseId]).toBe(R.missingTokenKind);
    expect(kinds[unknown.responseId]).toBe(R.unknownSessionKind);
    expect(kinds[moved.responseId]).toBe(R.invalidTokenKind);
    expect(answersTab()).toHaveLength(1);
    // The raw answers are kept; the token is never copied into 'Revisión'.
    expect(String(review().find((r) => r.Referencia === forged.responseId)!.Detalle)).toContain('Falsa');
    expect(review().map((r) => String(r.Detalle)).join(' ')).not.toContain(answers[tokenKey] as string);
    // Pedro's own answer still links.
    w.ws.submitForm(formId, { ...answers, ...scaleAnswers([4, 4, 4, 4]) });
    expect(answersTab().map((r) => r['ID de inscripción'])).toEqual(['R-ENC-1', 'R-ENC-2']);
  });

  test('«Enviar encuesta» after the end sends to the present people not yet surveyed', () => {
    const moduleId = String(session(s2)['ID de módulo']);
    putRows(w.ws, w.talleres, 'Asistencia', [
      { 'ID de asistencia': `${s2}/R-ENC-5`, 'ID de sesión': s2, 'ID de módulo': moduleId, 'ID de inscripción': 'R-ENC-5', 'Asistió': true, Fuente: 'Manual' },
      { 'ID de asistencia': `${s2}/R-ENC-3`, 'ID de sesión': s2, 'ID de módulo': moduleId, 'ID de inscripción': 'R-ENC-3', 'Asistió': false, Fuente: 'Manual' },
    ]);
    w.ws.advanceTo('2026-12-17T20:01');
    const r = call<{ ok: boolean; message: string; sent: number; participants: number }>('sendSessionSurvey', [s2]);
    expect(r).toMatchObject({ ok: true, sent: 1, participants: 1 });
    expect(surveyMails().filter((m) => String(m.to) === 'elena.quispe@gmail.com')).toHaveLength(1);
    const again = call<{ ok: boolean; message: string; sent: number }>('sendSessionSurvey', [s2]);
    expect(again).toMatchObject({ ok: true, sent: 0 });
    expect(again.message).toContain('1 ya la habían recibido');
    expect(surveyMails()).toHaveLength(5);
    expect(session(s2)).toMatchObject({ Encuesta: 'enviado', Participantes: 1 });
    // No continuation left behind.
    expect(w.ws.triggers(w.talleres).filter((t) => t.handler === 'runWorkshopSurveys' && t.at !== undefined)).toHaveLength(0);
  });

  test('Ley 29733: the answers are in the person\'s data; a deletion unlinks them and keeps the scores', () => {
    const found = call<{ ok: boolean; records: { source: string; id: string; fields: { label: string; value: string }[] }[] }>('findPersonData', ['01234567']);
    const mine = found.records.filter((r) => r.source === 'Encuestas de talleres');
    expect(mine).toHaveLength(1);
    expect(mine[0].fields.find((f) => f.label === 'Puntaje')?.value).toBe('4.3');
    const exported = call<{ ok: boolean; csv: string }>('exportPersonData', ['01234567']);
    expect(exported.csv).toContain('Encuestas de talleres');
    const responseId = mine[0].id;
    const deleted = call<{ ok: boolean; message: string }>('deletePersonData', ['01234567', '01234567']);
    expect(deleted.ok).toBe(true);
    expect(deleted.message).toContain('1 respuesta de la encuesta de talleres');
    const row = answersTab().find((r) => r['ID de respuesta'] === responseId)!;
    expect(row).toMatchObject({ 'ID de inscripción': '', Comentario: '', Puntaje: 4.3, 'Satisfacción con la sesión': 5, 'ID de sesión': s1 });
    // Her survey email's row keeps what was sent and when, without her address.
    const mailRow = w.ws.readTab(w.talleres, 'Envíos de sesiones').find((r) => r['ID de envío'] === `ENC/${s1}/R-ENC-1`)!;
    expect(mailRow).toMatchObject({ Correo: '', 'Envío': 'enviado' });
    expect(found.records.some((r) => r.source === 'Envíos de sesiones' && r.id === `ENC/${s1}/R-ENC-1`)).toBe(true);
    // Pedro's answer is untouched, and nothing of hers is found any more.
    expect(answersTab().find((r) => r['ID de inscripción'] === 'R-ENC-2')).toBeDefined();
    const after = call<{ records: { source: string }[] }>('findPersonData', ['01234567']);
    expect(after.records.filter((r) => r.source === 'Encuestas de talleres')).toHaveLength(0);
    // Her response left the form too (as the attention survey's do).
    expect(formsStore(w.ws.state).get(formId)!.responses.map((r: { id: string }) => r.id)).not.toContain(responseId);
    expect(formsStore(w.ws.state).get(formId)!.responses.length).toBeGreaterThan(0);
  });
});
