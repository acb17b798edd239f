/** B08: the workshop survey's form, token, scores and who gets it when (pure domain). */
import { surveyToken } from '../../../src/domain/ids';
import { SURVEY_FORM } from '../../../src/domain/survey-form';
import {
  readWorkshopSurvey,
  registrationOfToken,
  workshopAnswersLine,
  workshopSurveyScore,
  workshopSurveyToken,
  workshopSurveyTokenMatches,
  WORKSHOP_SURVEY_FORM,
  WORKSHOP_SURVEY_RECOMMEND_QUESTION,
  WORKSHOP_SURVEY_SCALE_QUESTIONS,
  WORKSHOP_SURVEY_SESSION_QUESTION,
  WORKSHOP_SURVEY_TOKEN_QUESTION,
  WORKSHOP_SURVEY_COMMENTS_QUESTION,
} from '../../../src/domain/workshops/survey-form';
import {
  participantsBySession,
  planSurveyMails,
  sessionSurveyState,
  surveyDueTimes,
  surveyGate,
  surveyMailId,
  SURVEY_WINDOW_DAYS,
  type SurveyRegistrationFacts,
} from '../../../src/domain/workshops/survey';
import { WORKSHOP_SURVEY_DUTY } from '../../../src/app/workshops/survey';

const SECRET = 'secreto-de-prueba-0123456789';

describe('the token', () => {
  test('is 20 lower-case base32hex digits, differs per person and per session, and matches only its own', () => {
    const t = workshopSurveyToken(SECRET, 'M-ABC-S1', 'R-1');
    expect(t).toMatch(/^[0-9a-v]{20}$/);
    expect(workshopSurveyToken(SECRET, 'M-ABC-S1', 'R-2')).not.toBe(t);
    expect(workshopSurveyToken(SECRET, 'M-ABC-S2', 'R-1')).not.toBe(t);
    expect(workshopSurveyToken('otro-secreto', 'M-ABC-S1', 'R-1')).not.toBe(t);
    expect(workshopSurveyTokenMatches(SECRET, 'M-ABC-S1', 'R-1', t)).toBe(true);
    expect(workshopSurveyTokenMatches(SECRET, 'M-ABC-S1', 'R-1', ` ${t.toUpperCase()} `)).toBe(true);
    expect(workshopSurveyTokenMatches(SECRET, 'M-ABC-S1', 'R-2', t)).toBe(false);
    expect(workshopSurveyTokenMatches(SECRET, 'M-ABC-S1', 'R-1', t.slice(0, 19))).toBe(false);
    expect(workshopSurveyTokenMatches(SECRET, 'M-ABC-S1', 'R-1', '')).toBe(false);
    expect(workshopSurveyTokenMatches(SECRET, 'M-ABC-S1', 'R-1', 42)).toBe(false);
  });

  test('is never the attention survey\'s token (another message under the same secret)', () => {
    expect(workshopSurveyToken(SECRET, 'M-ABC-S1', 'R-1')).not.toBe(surveyToken(SECRET, 'M-ABC-S1').toLowerCase());
  });

  test('carries nothing of the IDs and names its person among the surveyed only', () => {
    const t = workshopSurveyToken(SECRET, 'M-ABC-S1', 'R-000123');
    expect(t).not.toContain('000123');
    expect(registrationOfToken(SECRET, 'M-ABC-S1', ['R-1', 'R-000123', 'R-3'], t)).toBe('R-000123');
    expect(registrationOfToken(SECRET, 'M-ABC-S1', ['R-1', 'R-3'], t)).toBeNull();
    expect(registrationOfToken(SECRET, 'M-ABC-S2', ['R-000123'], t)).toBeNull();
    expect(registrationOfToken(SECRET, 'M-ABC-S1', ['R-000123'], 'x'.repeat(20))).toBeNull();
  });

  test('refuses to be made without a secret or IDs', () => {
    expect(() => workshopSurveyToken('', 'S', 'R')).toThrow();
    expect(() => workshopSurveyToken(SECRET, '', 'R')).toThrow();
    expect(() => workshopSurveyToken(SECRET, 'S', '')).toThrow();
  });
});

describe('the form and its answers', () => {
  test('has the attention survey\'s questions adapted to a session, the code and token first, consent last', () => {
    const titles = WORKSHOP_SURVEY_FORM.items.map((i) => i.title);
    expect(titles.slice(0, 2)).toEqual([WORKSHOP_SURVEY_SESSION_QUESTION, WORKSHOP_SURVEY_TOKEN_QUESTION]);
    expect(WORKSHOP_SURVEY_FORM.items.filter((i) => i.kind === 'scale')).toHaveLength(4);
    expect(WORKSHOP_SURVEY_FORM.items.length).toBe(SURVEY_FORM.items.length);
    expect(WORKSHOP_SURVEY_FORM.items.map((i) => i.kind)).toEqual(SURVEY_FORM.items.map((i) => i.kind));
    expect(WORKSHOP_SURVEY_FORM.title).toMatch(/^Encuesta de Satisfacción – Servicios Virtuales MTPE/);
    expect(WORKSHOP_SURVEY_FORM.title).not.toBe(SURVEY_FORM.title);
    expect(WORKSHOP_SURVEY_FORM.description).toMatch(/Ley N\.° 29733/);
    expect(new Set(titles).size).toBe(titles.length);
    expect(WORKSHOP_SURVEY_FORM.items.find((i) => i.title === WORKSHOP_SURVEY_TOKEN_QUESTION)!.required).toBe(false);
  });

  test('the score is the mean of q1–q4 to one decimal; invalid answers are left out', () => {
    expect(workshopSurveyScore([5, 4, 5, 3])).toBe(4.3);
    expect(workshopSurveyScore([5, null, 4, null])).toBe(4.5);
    expect(workshopSurveyScore([null, null, null, null])).toBeNull();
    const a: Record<string, string> = { [WORKSHOP_SURVEY_SESSION_QUESTION]: ' m-abc-s1 ', [WORKSHOP_SURVEY_TOKEN_QUESTION]: 'abc' };
    const values = ['5', '7', '0', '4.5'];
    WORKSHOP_SURVEY_SCALE_QUESTIONS.forEach((q, i) => (a[q.title] = values[i]));
    a[WORKSHOP_SURVEY_RECOMMEND_QUESTION] = 'Quizás';
    a[WORKSHOP_SURVEY_COMMENTS_QUESTION] = '  Muy útil\n\u0000 ';
    const r = readWorkshopSurvey(a);
    expect(r).toMatchObject({ sessionCode: 'M-ABC-S1', token: 'abc', scores: [5, null, null, null], score: 5, recommend: '', comment: 'Muy útil' });
    expect(readWorkshopSurvey({})).toMatchObject({ sessionCode: '', token: '', score: null, recommend: '', comment: '' });
  });

  test('the Revisión line keeps every answer but the token', () => {
    const line = workshopAnswersLine({ [WORKSHOP_SURVEY_SESSION_QUESTION]: 'S1', [WORKSHOP_SURVEY_TOKEN_QUESTION]: 'secreta123', Comentario: 'hola' });
    expect(line).toContain('S1');
    expect(line).toContain('hola');
    expect(line).not.toContain('secreta123');
  });
});

describe('who gets it, and when', () => {
  const end = new Date('2026-12-15T20:00:00-05:00');
  const s1 = { id: 'M-A-S1', moduleId: 'M-A', end, status: 'Programada' };
  const regs = new Map<string, SurveyRegistrationFacts>([
    ['R-1', { id: 'R-1', email: 'Ana@Correo.pe', status: 'Inscrito' }],
    ['R-2', { id: 'R-2', email: 'beto@correo.pe', status: 'Inscrito' }],
    ['R-3', { id: 'R-3', email: '', status: 'Inscrito' }],
    ['R-4', { id: 'R-4', email: 'dora@correo.pe', status: 'Anulado' }],
  ]);

  test('due at the end plus the delay; the window closes two weeks after; cancelled and undated never', () => {
    expect(surveyDueTimes([s1, { ...s1, id: 'X', status: 'Cancelada' }, { ...s1, id: 'Y', end: null }], { workshopSurveyDelayMinutes: 15 })).toEqual([end.getTime() + 15 * 60_000]);
    expect(WORKSHOP_SURVEY_DUTY.dueTimes([{ record: { ...s1 } }, { id: 'M-A-S2', moduleId: 'M-A', end: new Date(end.getTime() + 86_400_000), status: '' }], { workshopSurveyDelayMinutes: 0 })).toEqual([
      end.getTime(),
      end.getTime() + 86_400_000,
    ]);
    expect(WORKSHOP_SURVEY_DUTY.name).toBe('Encuestas de talleres');
    const at = (ms: number) => new Date(end.getTime() + ms);
    expect(surveyGate(s1, at(14 * 60_000), 15)).toBe('not-yet');
    expect(surveyGate(s1, at(15 * 60_000), 15)).toBeNull();
    expect(surveyGate(s1, at(SURVEY_WINDOW_DAYS * 86_400_000 + 1), 15)).toBe('too-old');
    // The consultant: as soon as it ended, at any time after.
    expect(surveyGate(s1, at(0), 15, true)).toBeNull();
    expect(surveyGate(s1, at(-1), 15, true)).toBe('not-yet');
    expect(surveyGate(s1, at(60 * 86_400_000), 15, true)).toBeNull();
    expect(surveyGate({ ...s1, status: 'Cancelada' }, at(86_400_000), 15, true)).toBe('cancelled');
    expect(surveyGate({ ...s1, end: null }, at(0), 15, true)).toBe('no-end');
  });

  test('one row per person marked present, none for the absent or already surveyed; no address is reported', () => {
    const attendance = [
      { sessionId: 'M-A-S1', registrationId: 'R-1', present: true },
      { sessionId: 'M-A-S1', registrationId: 'R-1', present: true },
      { sessionId: 'M-A-S1', registrationId: 'R-2', present: false },
      { sessionId: 'M-A-S1', registrationId: 'R-3', present: true },
      { sessionId: 'M-A-S1', registrationId: 'R-4', present: true },
      { sessionId: 'M-A-S1', registrationId: 'R-9', present: true },
      { sessionId: 'M-A-S2', registrationId: 'R-2', present: true },
    ];
    const plan = planSurveyMails([s1], attendance, regs, new Set());
    expect(plan.add).toEqual([{ id: surveyMailId('M-A-S1', 'R-1'), sessionId: 'M-A-S1', moduleId: 'M-A', registrationId: 'R-1', email: 'ana@correo.pe' }]);
    expect(plan.noAddress.map((n) => n.registrationId)).toEqual(['R-3', 'R-4', 'R-9']);
    expect(planSurveyMails([s1], attendance, regs, new Set([surveyMailId('M-A-S1', 'R-1')])).add).toEqual([]);
    // 'Asistió' must be TRUE itself: a text 'TRUE' typed by hand is not a mark.
    expect(planSurveyMails([s1], [{ sessionId: 'M-A-S1', registrationId: 'R-2', present: 'TRUE' as unknown as boolean }], regs, new Set()).add).toEqual([]);
    expect(participantsBySession(attendance)).toEqual(new Map([['M-A-S1', 4], ['M-A-S2', 1]]));
  });

  test('a session\'s state follows its rows', () => {
    expect(sessionSurveyState([])).toBe('');
    expect(sessionSurveyState(['enviado', 'pendiente'])).toBe('pendiente');
    expect(sessionSurveyState(['enviado', 'enviando'])).toBe('enviando');
    expect(sessionSurveyState(['enviado', 'error'])).toBe('enviado');
    expect(sessionSurveyState(['error'])).toBe('error');
  });
});
