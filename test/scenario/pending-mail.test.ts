/**
 * A survey the consultant's click could not send (the day's mail quota was used up) is left
 * 'pendiente' on its row; the evening closing sends it once the quota is back, exactly once.
 */
import { citas, createAttentionWorld, importReport, makeReport } from '../support/attention-world';

const DAY = '2026-11-28';

test('a survey left pending for lack of mail quota goes out with the next closing that has quota', () => {
  const w = createAttentionWorld();
  const { ws, atenciones } = w;
  const report = makeReport(DAY, 2);
  const imported = importReport(ws, atenciones, report.fileName, report.bytes);
  expect(imported.ok && imported.value.ok).toBe(true);
  ws.advanceTo('2026-11-27T18:05'); // reminders
  const [first] = report.rows;
  const at = (hhmm: string) => `${DAY}T${hhmm}`;
  const start = first.time;

  ws.advanceTo(at(start));
  // No mail left today: the quota is exactly what was already sent.
  ws.setQuota('emailRecipients', ws.outbox().reduce((n, m) => n + m.to.length + m.cc.length + m.bcc.length, 0));
  expect(ws.callFromSidebar(atenciones, 'startAttention', [first.code], w.user).ok).toBe(true);
  ws.advanceBy(30 * 60_000);
  const finished = ws.callFromSidebar(atenciones, 'finishAttention', [first.code, { observations: 'Orientado.' }], w.user);
  expect(finished.ok).toBe(true);
  const surveyTo = (email: string) => ws.outbox().filter((m) => m.to.includes(email) && /encuesta/i.test(m.subject));
  expect(surveyTo(first.email)).toHaveLength(0);
  expect(citas(ws, atenciones).find((r) => r['ID de cita'] === first.code)?.['Encuesta']).toBe('pendiente');

  // The next day the quota is back (24 h after the first request); its evening closing sends it.
  ws.setQuota('emailRecipients', 1500);
  ws.advanceTo('2026-11-29T20:30');
  expect(surveyTo(first.email)).toHaveLength(1);
  expect(citas(ws, atenciones).find((r) => r['ID de cita'] === first.code)?.['Encuesta']).toBe('enviado');
  ws.advanceTo('2026-11-30T20:30');
  expect(surveyTo(first.email)).toHaveLength(1);
});
