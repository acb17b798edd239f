/**
 * A citizen's survey answer (A06), with its form-submit execution (`onSurveySubmit`) crashed at
 * every service call (before its effect, after it, killed). Form responses are the durable queue:
 * the response is stored by Google Forms whatever the handler does, and the day closing's sweep
 * links any response the sheets do not account for. Recovery is that closing (20:00).
 *
 * After recovery the response is linked to its appointment exactly once ('ID respuesta encuesta',
 * its score and time), never lost, and never listed in 'Revisión' as a second answer to the same
 * code (which is what a response linked twice would look like).
 */
import type { Workspace } from '../../emulator';
import { REVIEW_KINDS } from '../../src/domain/messages/attention-jobs';
import {
  SURVEY_FORM,
} from '../../src/domain/survey-form';
import { crashAtEveryCall, formatFailures, setUpAttentions, type CrashOperation } from '../support/crash-harness';
import { readRows, reviewedReferences } from '../support/invariants';
import { importReport, makeReport, type ReportRow, surveyAnswers, surveyTokenFor } from '../support/attention-world';

const TODAY = '2026-11-27';
const USER = 'ana.quispe@trabajo.gob.pe';

interface Ctx {
  ss: string;
  formId: string;
  target: ReportRow;
  responseId?: string;
}

/** A citizen's answers, the code as their prefilled link carries it. */
const operation: CrashOperation<Ctx> = {
  name: 'survey-submit',
  actFunction: 'onSurveySubmit',
  workspace: { at: `${TODAY}T09:00`, user: USER },
  setup(ws: Workspace) {
    const { ss } = setUpAttentions(ws, { [USER]: 'Ana Quispe' });
    const report = makeReport(TODAY, 2, { startTime: '10:00', slotMinutes: 60, consultants: ['Ana Quispe'] });
    const imported = importReport(ws, ss, report.fileName, report.bytes);
    if (!imported.ok || !imported.value.ok) throw new Error('import failed');
    const target = report.rows[0];
    ws.advanceTo(`${TODAY}T10:01`);
    ws.callFromSidebar(ss, 'startAttention', [target.code]);
    ws.advanceTo(`${TODAY}T10:33`);
    ws.callFromSidebar(ss, 'finishAttention', [target.code, { observations: 'Se orientó sobre formalización.' }]);
    ws.advanceTo(`${TODAY}T15:00`);
    const formId = ws.forms().find((f) => f.title === SURVEY_FORM.title)?.id;
    if (!formId) throw new Error('no survey form');
    return { ss, formId, target };
  },
  act(ws, ctx) {
    ctx.responseId = ws.submitForm(ctx.formId, surveyAnswers(ctx.target.code, [5, 4], 'Me ayudó con el RUC.', surveyTokenFor(ws, ctx.ss, ctx.target.code))).responseId;
  },
  recover: (ws) => void ws.advanceTo(`${TODAY}T20:05`),
  check(ws, ctx) {
    const v: string[] = [];
    const rows = readRows(ws, { spreadsheetId: ctx.ss, tab: 'Citas' })?.rows ?? [];
    const linked = rows.filter((r) => r.record['ID respuesta encuesta'] === ctx.responseId);
    if (linked.length !== 1) v.push(`response ${ctx.responseId} is linked on ${linked.length} rows, expected 1`);
    const row = rows.find((r) => r.record['ID de cita'] === ctx.target.code)?.record;
    if (!row) return [...v, `${ctx.target.code} lost`];
    if (row['ID respuesta encuesta'] !== ctx.responseId) v.push(`${ctx.target.code} is linked to "${String(row['ID respuesta encuesta'])}"`);
    if (row['Puntaje encuesta'] !== 4.5) v.push(`${ctx.target.code} has score "${String(row['Puntaje encuesta'])}", expected 4.5`);
    if (!(row['Encuesta respondida'] instanceof Date)) v.push(`${ctx.target.code} has no answer time`);
    for (const kind of [REVIEW_KINDS.surveyAlreadyAnswered, REVIEW_KINDS.surveyUnknownCode]) {
      const refs = reviewedReferences(ws, { spreadsheetId: ctx.ss, tab: 'Revisión', referenceColumn: 'Referencia', kindColumn: 'Tipo', kindValue: kind });
      if (refs.size) v.push(`'Revisión' lists ${[...refs.keys()].join(', ')} as "${kind}"`);
    }
    return v;
  },
};

test('a survey answer whose handler crashes at any call is linked exactly once by the evening sweep', () => {
  // The handler is short: exhaustive in `npm test`.
  const report = crashAtEveryCall(operation);
  if (report.skipped) return;
  if (report.failures.length) throw new Error(`${report.summary}\n${formatFailures(report)}`);
  expect(report.cases).toBeGreaterThan(0);
});
