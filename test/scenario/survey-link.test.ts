/**
 * The survey link without a Forms call per email: setup keeps a prefilled-link template, each
 * "Finalizar" swaps in the appointment's code (built bundle, emulated FormApp). The link opens the
 * form with the code filled in, the response links to its appointment, and a code question a
 * person renamed and setup repaired gets links to the repaired question.
 */
import type { Workspace } from '../../emulator';
import { formsStore, parsePrefilledUrl } from '../../emulator/services/forms';
import {
  SURVEY_CODE_QUESTION,
  SURVEY_CONSENT_CHOICE,
  SURVEY_CONSENT_QUESTION,
  SURVEY_FORM,
  SURVEY_RECOMMEND_QUESTION,
  SURVEY_SCALE_QUESTIONS,
} from '../../src/domain/survey-form';
import { citas, createAttentionWorld, importReport, makeReport, type ReportRow } from '../support/attention-world';

const TODAY = '2026-11-27';

test('finishing sends a link with the code filled in, made without opening the form', () => {
  const { ws, atenciones } = createAttentionWorld();
  const report = makeReport(TODAY, 3, { startTime: '10:00', slotMinutes: 60, consultants: ['Ana Quispe'] });
  const imported = importReport(ws, atenciones, report.fileName, report.bytes);
  if (!imported.ok || !imported.value.ok) throw new Error('the import failed');
  const form = () => formsStore(ws.state).get(ws.forms().find((f) => f.title === SURVEY_FORM.title)!.id)!;

  const finish = (i: number) => {
    const row = report.rows[i];
    ws.advanceTo(`${TODAY}T${10 + i}:01`);
    expect(ws.callFromSidebar(atenciones, 'startAttention', [row.code]).ok).toBe(true);
    ws.advanceTo(`${TODAY}T${10 + i}:33`);
    const r = ws.callFromSidebar(atenciones, 'finishAttention', [row.code, { observations: 'Se orientó sobre formalización.' }]);
    expect(r.ok).toBe(true);
    return r.execution;
  };
  const answer = (ws: Workspace, row: ReportRow) => {
    const mail = ws.outbox().find((m) => m.to.includes(row.email) && /Encuesta de Satisfacción/.test(m.subject))!;
    const link = /Responda la encuesta aquí: (\S+)/.exec(mail.body)![1];
    const { formId, answers } = parsePrefilledUrl(ws.state, link);
    const byTitle = Object.fromEntries(Object.entries(answers).map(([id, v]) => [form().items.find((it) => String(it.id) === id)!.title, v]));
    expect(byTitle[SURVEY_CODE_QUESTION]).toBe(row.code);
    const a: Record<string, string | string[]> = { ...answers, [SURVEY_RECOMMEND_QUESTION]: 'Sí', [SURVEY_CONSENT_QUESTION]: SURVEY_CONSENT_CHOICE };
    SURVEY_SCALE_QUESTIONS.forEach((q) => (a[q.title] = '5'));
    ws.submitForm(formId, a);
  };

  const first = finish(0);
  expect(first.calls.Forms ?? 0).toBe(0);
  answer(ws, report.rows[0]);
  expect(citas(ws, atenciones).find((r) => r['ID de cita'] === report.rows[0].code)?.['ID respuesta encuesta']).not.toBe('');

  // A person renames the code question; setup, run again, adds it back: links follow the new one.
  const renamed = form().items.find((it) => it.title === SURVEY_CODE_QUESTION)!;
  renamed.title = 'Código (antiguo)';
  renamed.required = false;
  expect(ws.callFromSidebar(atenciones, 'setupSpreadsheet', ['atenciones']).ok).toBe(true);
  expect(form().items.filter((it) => it.title === SURVEY_CODE_QUESTION)).toHaveLength(1);
  finish(1);
  answer(ws, report.rows[1]);
  expect(citas(ws, atenciones).find((r) => r['ID de cita'] === report.rows[1].code)?.['ID respuesta encuesta']).not.toBe('');
});
