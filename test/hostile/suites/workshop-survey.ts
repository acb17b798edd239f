/**
 * B08 with hostile input: registrants whose names hold markup get the workshop survey with the
 * name escaped; answers whose comments hold formulas, markup and control characters are linked
 * and stored as text; hostile session codes and tokens (formulas, markup, 10,000 characters,
 * invisible characters) are kept in 'Revisión' with every answer and never linked; nothing fails,
 * no cell becomes a formula, none is too long.
 */
import type { ModuleInput, SaveModuleResult } from '../../../src/api';
import { parsePrefilledUrl } from '../../../emulator/services/forms';
import {
  WORKSHOP_SURVEY_COMMENTS_QUESTION,
  WORKSHOP_SURVEY_CONSENT_CHOICE,
  WORKSHOP_SURVEY_CONSENT_QUESTION,
  WORKSHOP_SURVEY_RECOMMEND_QUESTION,
  WORKSHOP_SURVEY_SCALE_QUESTIONS,
  WORKSHOP_SURVEY_SESSION_QUESTION,
  WORKSHOP_SURVEY_TOKEN_QUESTION,
} from '../../../src/domain/workshops/survey-form';
import { createAttentionWorld, type AttentionWorld } from '../../support/attention-world';
import { putRows } from '../../support/workshop-rows';
import { brokenExecutions, formulaCells, overlongCells, reviewRows, tried } from '../checks';
import { escaped, HOSTILE_TEXTS, LONG_10K, RAW_HTML_MARKERS } from '../corpus';

const MODULE: ModuleInput = {
  requestId: 'hostil-encuesta-0001',
  name: 'Aprende a Emprender – IV 2026',
  year: 2026,
  quarter: 'IV',
  audience: 'Personas con una idea de negocio',
  capacity: 60,
  minSessions: 1,
  sessions: [{ topic: 'Modelo de negocio', date: '2026-12-15', startTime: '18:00', endTime: '20:00', speaker: 'José Ñahui', speakerEmail: 'jose.nahui@gmail.com' }],
};

function scale(comment: string): Record<string, string> {
  const a: Record<string, string> = {};
  WORKSHOP_SURVEY_SCALE_QUESTIONS.forEach((q) => (a[q.title] = '4'));
  a[WORKSHOP_SURVEY_RECOMMEND_QUESTION] = 'Tal vez';
  a[WORKSHOP_SURVEY_COMMENTS_QUESTION] = comment;
  a[WORKSHOP_SURVEY_CONSENT_QUESTION] = WORKSHOP_SURVEY_CONSENT_CHOICE;
  return a;
}

export function workshopSurveySuite(): void {
  describe('hostile input through the workshop survey (B08)', () => {
    let w: AttentionWorld;
    let sessionId = '';
    let formId = '';
    const names = HOSTILE_TEXTS.filter((t) => t.family === 'html');
    const emailOf = (i: number) => `asistente.${i}@correo.pe`;
    const mails = () => w.ws.outbox().filter((m) => m.subject.startsWith('Encuesta de Satisfacción'));

    beforeAll(() => {
      w = createAttentionWorld({ at: '2026-11-27T09:00' });
      const r = w.ws.callFromSidebar(w.talleres, 'saveModule', [MODULE]);
      if (!r.ok || !(r.value as SaveModuleResult).ok) throw new Error('saveModule failed');
      const moduleId = (r.value as { module: { id: string } }).module.id;
      sessionId = String(w.ws.readTab(w.talleres, 'Sesiones')[0]['ID de sesión']);
      putRows(w.ws, w.talleres, 'Inscripciones', names.map((n, i) => ({ 'ID de inscripción': `R-H${i}`, 'ID de módulo': moduleId, 'Nombres y apellidos': n.value, Correo: emailOf(i), Estado: 'Inscrito' })));
      putRows(w.ws, w.talleres, 'Asistencia', names.map((_, i) => ({ 'ID de asistencia': `${sessionId}/R-H${i}`, 'ID de sesión': sessionId, 'ID de módulo': moduleId, 'ID de inscripción': `R-H${i}`, 'Asistió': true, Fuente: 'Manual' })));
      formId = w.ws.project(w.talleres).documentProperties['SOE_WORKSHOP_SURVEY_FORM_ID'];
      w.ws.advanceTo('2026-12-15T20:30');
      const sent = w.ws.callFromSidebar(w.talleres, 'sendSessionSurvey', [sessionId]);
      if (!sent.ok) throw new Error(sent.error);
    });

    test('names with markup: each attendee gets the survey once, the name escaped', () => {
      tried('encuesta de talleres (nombres)', names.length);
      names.forEach((n, i) => {
        const mine = mails().filter((m) => m.to.includes(emailOf(i)));
        expect(mine).toHaveLength(1);
        expect(mine[0].htmlBody).toContain(escaped(n.tidy));
      });
    });

    test('hostile comments are linked and kept as text; hostile codes and tokens go to Revisión with their answers', () => {
      const comments = HOSTILE_TEXTS.filter((t) => t.family === 'formula' || t.family === 'unicode' || t.family === 'shape').slice(0, names.length);
      names.forEach((_, i) => {
        const link = /Responda la encuesta aquí: (\S+)/.exec(mails().find((m) => m.to.includes(emailOf(i)))!.body)![1];
        const { answers } = parsePrefilledUrl(w.ws.state, link);
        w.ws.submitForm(formId, { ...answers, ...scale(comments[i]?.value ?? LONG_10K) });
      });
      const rows = w.ws.readTab(w.talleres, 'Encuestas de talleres');
      expect(rows).toHaveLength(names.length);
      for (const r of rows) expect(r.Puntaje).toBe(4);
      const badCodes = ['=HYPERLINK("http://estafa.example","Premio")', '<script>alert(1)</script>', '@SUM(A1)', LONG_10K, '\u200b' + sessionId + '\u0000', sessionId.toLowerCase() + ' '];
      const badTokens = ['=1+2', '<img src=x onerror=alert(1)>', LONG_10K, '', 'a'.repeat(20)];
      let n = 0;
      for (const code of badCodes) {
        for (const token of badTokens) {
          w.ws.submitForm(formId, { [WORKSHOP_SURVEY_SESSION_QUESTION]: code, [WORKSHOP_SURVEY_TOKEN_QUESTION]: token, ...scale(`hostil ${n++}`) });
        }
      }
      tried('encuesta de talleres (respuestas)', names.length + n);
      expect(w.ws.readTab(w.talleres, 'Encuestas de talleres')).toHaveLength(names.length);
      const review = reviewRows(w.ws, w.talleres).filter((r) => String(r.Tipo).startsWith('Encuesta de taller'));
      expect(review).toHaveLength(n);
      for (let k = 0; k < n; k++) expect(review.some((r) => String(r.Detalle).includes(`hostil ${k}`))).toBe(true);
    });

    test('nothing failed, no email carries raw markup, no cell is a formula or too long', () => {
      expect(brokenExecutions(w.ws)).toEqual([]);
      const raw = mails().filter((m) => RAW_HTML_MARKERS.some((mk) => (m.htmlBody ?? '').includes(mk) || m.subject.includes(mk)));
      expect(raw.map((m) => m.to)).toEqual([]);
      expect(formulaCells(w.ws, w.talleres)).toEqual([]);
      expect(overlongCells(w.ws, w.talleres)).toEqual([]);
    });
  });
}
