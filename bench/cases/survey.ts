/**
 * A burst of 50 satisfaction-survey submissions (A06): 50 citizens attended today open the link
 * their survey email carries (the appointment's code prefilled) and answer within a few minutes;
 * each submission runs the form-submit trigger (onSurveySubmit), which links the response to its
 * appointment. Only those 50 executions are counted (the day's attentions before are not).
 *
 * Floor, per submission (each is its own execution), from bench/framework.ts's CHAINS: reading
 * the submitted response — its ID (the idempotency key), its time, and each answer with the
 * question it answers (FormResponse.getItemResponses, then per answer getResponse and
 * getItem().getTitle(): the form is the citizens', the code must know which answer is which);
 * the spreadsheet; 'Citas' found and read whole (the appointment is found by its code: a person
 * may have sorted the sheet, so no row number is kept); the script lock around the
 * read-modify-write (dozens of answers arrive in the same minute); one write of the
 * appointment's survey columns; and the audit line DESIGN.md requires for every automatic
 * action (the tab, its header row, one append).
 */
import type { ExecutionRecord, Workspace } from '../../emulator';
import { parsePrefilledUrl } from '../../emulator/services/forms';
import {
  SURVEY_COMMENTS_QUESTION,
  SURVEY_CONSENT_CHOICE,
  SURVEY_CONSENT_QUESTION,
  SURVEY_RECOMMEND_QUESTION,
  SURVEY_SCALE_QUESTIONS,
} from '../../src/domain/survey-form';
import { importReport, makeReport } from '../../test/support/attention-world';
import { AUDIT_LINE, CHAINS, floorOf, sumFloors, type BenchCase, type FloorCalls } from '../framework';
import { registerConsultants, setUpSpreadsheets } from './setup';

const TODAY = '2026-11-27'; // the bench workspace starts at 08:00 that day
const N = 50;
/** Whether submission i leaves a comment (one in three does; an unanswered question is no answer). */
const comments = (i: number) => i % 3 === 0;
/** Answers in submission i: the code, the scale questions, recommendation, consent, maybe a comment. */
const answersIn = (i: number) => 1 + SURVEY_SCALE_QUESTIONS.length + 2 + (comments(i) ? 1 : 0);

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function burst(ws: Workspace, n: number): ExecutionRecord[] {
  const { atenciones } = setUpSpreadsheets(ws);
  const report = makeReport(TODAY, n, { startTime: '08:30', slotMinutes: 40 });
  const imported = importReport(ws, atenciones, report.fileName, report.bytes);
  if (!imported.ok || !imported.value.ok) throw new Error('bench survey: the import failed');
  const emailOf = registerConsultants(ws, atenciones, report.rows.map((r) => r.consultant));
  const act = (fn: string, args: unknown[], user?: string) => {
    const r = ws.callFromSidebar(atenciones, fn, args, user);
    const v = r.ok ? (r.value as { ok?: boolean; message?: string }) : null;
    if (!r.ok || v?.ok === false) throw new Error(`bench survey: ${fn} refused: ${r.ok ? v?.message : r.error}`);
  };
  // The day's attentions, in time order: each finish emails the survey link with the code prefilled.
  const steps = report.rows.flatMap((row) => {
    const [h, m] = row.time.split(':').map(Number);
    const user = emailOf.get(row.consultant);
    return [
      { at: h * 60 + m + 1, fn: 'startAttention', args: [row.code] as unknown[], user },
      { at: h * 60 + m + 30, fn: 'finishAttention', args: [row.code, { observations: 'Se orientó sobre formalización.' }] as unknown[], user },
    ];
  });
  steps.sort((a, b) => a.at - b.at);
  for (const s of steps) {
    ws.advanceTo(`${TODAY}T${hhmm(s.at)}`);
    act(s.fn, s.args, s.user);
  }
  ws.advanceTo(`${TODAY}T17:00`);

  const out: ExecutionRecord[] = [];
  report.rows.forEach((row, i) => {
    const mail = ws.outbox().find((m) => m.to.includes(row.email) && /Encuesta de Satisfacci/.test(m.subject));
    const link = mail && /Responda la encuesta aquí: (\S+)/.exec(mail.body);
    if (!link) throw new Error(`bench survey: no survey link for ${row.code}`);
    const { formId, answers } = parsePrefilledUrl(ws.state, link[1]);
    const a: Record<string, string | string[]> = { ...answers };
    SURVEY_SCALE_QUESTIONS.forEach((q, k) => (a[q.title] = String(1 + ((i + k) % 5))));
    a[SURVEY_RECOMMEND_QUESTION] = i % 7 === 0 ? 'No' : 'Sí';
    a[SURVEY_COMMENTS_QUESTION] = comments(i) ? 'Muy útil la orientación, gracias.' : '';
    a[SURVEY_CONSENT_QUESTION] = SURVEY_CONSENT_CHOICE;
    ws.advanceBy(5_000); // a few seconds apart: the whole burst within minutes
    out.push(...ws.submitForm(formId, a).executions.filter((e) => e.functionName === 'onSurveySubmit'));
  });
  if (out.length !== n) throw new Error(`bench survey: ${out.length} onSurveySubmit executions for ${n} submissions`);
  return out;
}

export const cases: BenchCase[] = [
  {
    operation: 'survey submissions (burst)',
    size: N,
    unit: 'submissions',
    run: (ws) => burst(ws, N),
    floor: (n) => {
      const each = Array.from({ length: n }, (_, i) => {
        const answers = answersIn(i);
        const readResponse: FloorCalls = {
          'FormResponse.getId': 1,
          'FormResponse.getTimestamp': 1,
          'FormResponse.getItemResponses': 1,
          'ItemResponse.getResponse': answers,
          'ItemResponse.getItem': answers,
          'Item.getTitle': answers,
        };
        // A genuine trigger started it (access), and the answer's token is checked against the
        // spreadsheet's signing secret (a forged answer is told apart): one property read.
        const token: FloorCalls = { 'PropertiesService.getDocumentProperties': 1, 'Properties.getProperty': 1 };
        return sumFloors(CHAINS.triggerAccess, token, readResponse, CHAINS.spreadsheet, CHAINS.tab, CHAINS.tableRead, CHAINS.lock, CHAINS.write, AUDIT_LINE);
      });
      return floorOf(sumFloors(...each));
    },
  },
];
