/**
 * Deleting one person's data at their request (Ley 29733), crashed at every service call of
 * `deletePersonData` (before its effect, after it, killed), then recovered the way a consultant
 * would: asking for the deletion again. After recovery nothing in the spreadsheet or the survey
 * form identifies her — no DNI, name, email or phone in any tab, no survey response of hers —
 * while her appointments' rows stay (statistics), and the other citizen's data is untouched.
 */
import type { Workspace } from '../../emulator';
import { formsStore, parsePrefilledUrl } from '../../emulator/services/forms';
import type { PersonChangeResult } from '../../src/api';
import { SURVEY_CODE_QUESTION, SURVEY_FORM } from '../../src/domain/survey-form';
import { crashAtEveryCall, formatFailures, hasEntryPoint, setUpAttentions, type CrashOperation } from '../support/crash-harness';
import { readRows } from '../support/invariants';
import { importReport, makeReport, surveyAnswers, type ReportRow } from '../support/attention-world';

const TODAY = '2026-11-27';
const ANA = 'ana.quispe@trabajo.gob.pe';

interface Ctx {
  ss: string;
  formId: string;
  maria: ReportRow;
  luis: ReportRow;
  /** Her survey response's ID (the form's), and Luis's. */
  mariaResponse: string;
  luisResponse: string;
  last?: PersonChangeResult | string;
}

function call(ws: Workspace, ss: string, fn: string, args: unknown[]): unknown {
  const r = ws.callFromSidebar(ss, fn, args);
  if (!r.ok) throw new Error(`${fn}: ${r.error}`);
  return r.value;
}

/** Finish the appointment and answer its survey from the link in the email; the response's ID. */
function attendAndAnswer(ws: Workspace, ss: string, row: ReportRow, at: string, comment: string): string {
  ws.advanceTo(`${TODAY}T${at}`);
  call(ws, ss, 'startAttention', [row.code]);
  ws.advanceBy(30 * 60_000);
  call(ws, ss, 'finishAttention', [row.code, { observations: `Se orientó a ${row.names}.` }]);
  const mail = ws.outbox().find((m) => m.to.includes(row.email) && /Encuesta de Satisfacción/.test(m.subject))!;
  const { formId, answers } = parsePrefilledUrl(ws.state, /Responda la encuesta aquí: (\S+)/.exec(mail.body)![1]);
  const rest: Record<string, string> = surveyAnswers('', [5, 4, 5, 4], comment);
  delete rest[SURVEY_CODE_QUESTION];
  return ws.submitForm(formId, { ...answers, ...rest }).responseId;
}

const operation: CrashOperation<Ctx> = {
  name: 'personal-data-delete',
  actFunction: 'deletePersonData',
  workspace: { at: `${TODAY}T09:00`, user: ANA },
  setup(ws) {
    const { ss } = setUpAttentions(ws, { [ANA]: 'Ana Quispe' });
    const report = makeReport(TODAY, 2, { startTime: '10:00', slotMinutes: 60, consultants: ['Ana Quispe'] });
    const imported = importReport(ws, ss, report.fileName, report.bytes);
    if (!imported.ok || !imported.value.ok) throw new Error('import failed');
    const [maria, luis] = report.rows;
    const mariaResponse = attendAndAnswer(ws, ss, maria, '10:01', 'Vivo en Surco, gracias.');
    const luisResponse = attendAndAnswer(ws, ss, luis, '11:01', 'Todo bien.');
    ws.advanceTo(`${TODAY}T13:00`);
    const formId = ws.forms().find((f) => f.title === SURVEY_FORM.title)!.id;
    return { ss, formId, maria, luis, mariaResponse, luisResponse };
  },
  act: (ws, ctx) => void ws.callFromSidebar(ctx.ss, 'deletePersonData', [ctx.maria.dni, ctx.maria.dni]),
  recover(ws, ctx) {
    const r = ws.callFromSidebar(ctx.ss, 'deletePersonData', [ctx.maria.dni, ctx.maria.dni]);
    ctx.last = r.ok ? (r.value as PersonChangeResult) : r.error;
  },
  check(ws, ctx) {
    const v: string[] = [];
    if (typeof ctx.last === 'string' || !ctx.last?.ok) v.push(`asking again fails: ${typeof ctx.last === 'string' ? ctx.last : ctx.last?.message}`);
    // Nothing left that identifies her, in any tab (the name is checked by its surname: the
    // platform writes names and surnames in separate columns).
    const identifiers = [ctx.maria.dni, ctx.maria.email, ctx.maria.phone, ctx.maria.lastNames];
    for (const tab of ['Citas', 'Revisión', 'Registro de auditoría']) {
      const text = JSON.stringify(ws.values(ctx.ss, tab));
      for (const id of identifiers) if (text.includes(id)) v.push(`'${tab}' still holds «${id}»`);
    }
    const responses = formsStore(ws.state).get(ctx.formId)!.responses.map((r) => r.id);
    if (responses.includes(ctx.mariaResponse)) v.push('her survey response is still in the form');
    if (!responses.includes(ctx.luisResponse)) v.push("Luis's survey response was deleted");
    // Her rows stay for the statistics; Luis's are as they were.
    const rows = readRows(ws, { spreadsheetId: ctx.ss, tab: 'Citas' })?.rows ?? [];
    if (rows.length !== 2) v.push(`'Citas' has ${rows.length} rows, expected 2`);
    const her = rows.find((r) => r.record['ID de cita'] === ctx.maria.code)?.record;
    if (!her) v.push('her appointment row is gone');
    else if (her['Estado'] !== 'Atendida' || her['Puntaje encuesta'] === '') v.push(`her row lost its statistics: ${String(her['Estado'])} / ${String(her['Puntaje encuesta'])}`);
    const his = rows.find((r) => r.record['ID de cita'] === ctx.luis.code)?.record;
    if (!his || his['DNI'] !== ctx.luis.dni || his['Correo'] !== ctx.luis.email) v.push("Luis's row was changed");
    return v;
  },
};

test("deleting a person's data survives a crash at every service call: nothing identifies her after a retry, nobody else is touched", () => {
  if (!hasEntryPoint('deletePersonData')) return;
  const report = crashAtEveryCall(operation, { exhaustiveUpTo: 0, sample: 8, rareMethodCalls: 2 });
  if (report.skipped) return;
  if (report.failures.length) throw new Error(`${report.summary}\n${formatFailures(report)}`);
  expect(report.cases).toBeGreaterThan(0);
});
