/**
 * Surveys and abandonment emails that could not leave at the click (no survey form yet, mail
 * quota used up) wait 'pendiente' on their row; an automatic task sends them later, once.
 */
import { abandonAppointment, finishAttention, sendPendingAttentionMail, startAttention, type DayActionResult } from '../../../src/app/day';
import { journalKey } from '../../../src/app/delivery';
import { SURVEY_PROPERTY_KEYS } from '../../../src/app/surveys';
import { appointment, at, dayWorld, SURVEY_FORM_ID } from './day-fixtures';

function ok(r: DayActionResult) {
  if (!r.ok) throw new Error(`refused: ${r.message}`);
  return r;
}

test('a survey left pending for lack of a form goes out once the form exists, and only once', () => {
  const w = dayWorld({ surveyForm: false });
  w.add(appointment('C-1', 10, 0, { email: 'rosa@example.com' }));
  w.next(at(10, 0));
  ok(startAttention(w.deps, 'C-1'));
  w.next(at(10, 30));
  expect(ok(finishAttention(w.deps, 'C-1', {})).appointment.surveyStatus).toBe('pendiente');

  w.next(at(18, 0));
  expect(sendPendingAttentionMail(w.deps)).toEqual({ sent: 0, waiting: 1, ambiguous: 0 });
  expect(w.mailer.sent).toEqual([]);

  w.deps.properties.setAll({ [SURVEY_PROPERTY_KEYS.formId]: SURVEY_FORM_ID });
  w.next(at(18, 5));
  expect(sendPendingAttentionMail(w.deps)).toEqual({ sent: 1, waiting: 0, ambiguous: 0 });
  expect(w.mailer.sent.map((m) => m.to)).toEqual(['rosa@example.com']);
  expect(w.mailer.sent[0].text).toContain('C-1');
  expect(w.row('C-1')).toMatchObject({ surveyStatus: 'enviado', surveySentAt: at(18, 5) });
  expect(w.deps.properties.get(journalKey('encuesta', 'C-1'))).toBeNull();

  w.next(at(18, 10));
  expect(sendPendingAttentionMail(w.deps)).toEqual({ sent: 0, waiting: 0, ambiguous: 0 });
  expect(w.mailer.sent).toHaveLength(1);
});

test('an abandonment email that met an empty quota waits, then goes when there is quota', () => {
  const w = dayWorld();
  w.add(appointment('C-1', 10, 0, { email: 'pedro@example.com' }), appointment('C-2', 11, 0));
  w.mailer.quota = 0;
  w.next(at(10, 10));
  const r = ok(abandonAppointment(w.deps, 'C-1', { reason: 'No contestó el teléfono', detail: 'nota interna' }));
  expect(r.appointment.abandonmentEmailStatus).toBe('pendiente');
  expect(r.warning).toMatch(/quedó pendiente/);

  w.next(at(12, 0));
  expect(sendPendingAttentionMail(w.deps)).toEqual({ sent: 0, waiting: 1, ambiguous: 0 });
  w.mailer.quota = 10;
  w.next(at(12, 5));
  expect(sendPendingAttentionMail(w.deps).sent).toBe(1);
  expect(w.mailer.sent[0].to).toBe('pedro@example.com');
  expect(w.mailer.sent[0].text).toContain('No contestó el teléfono');
  expect(w.mailer.sent[0].text).not.toContain('nota interna');
  expect(w.row('C-1').abandonmentEmail).toBe('enviado');
  expect(w.row('C-2').abandonmentEmail).toBe(''); // nobody else got anything
});

test('an interrupted earlier send is not repeated: the row says "enviando" and it goes to Revisión', () => {
  const w = dayWorld({ surveyForm: false });
  w.add(appointment('C-1', 10, 0));
  w.next(at(10, 0));
  ok(startAttention(w.deps, 'C-1'));
  w.next(at(10, 30));
  ok(finishAttention(w.deps, 'C-1', {}));
  w.deps.properties.setAll({ [SURVEY_PROPERTY_KEYS.formId]: SURVEY_FORM_ID, [journalKey('encuesta', 'C-1')]: 'enviando|2026-11-28T15:31:00.000Z' });
  w.next(at(18, 0));
  expect(sendPendingAttentionMail(w.deps)).toEqual({ sent: 0, waiting: 0, ambiguous: 1 });
  expect(w.mailer.sent).toEqual([]);
  expect(w.row('C-1').surveyStatus).toBe('enviando');
  expect(w.sheetRows('Revisión').map((r) => r.Referencia)).toEqual(['C-1']);
});
