/**
 * A consultant's day of 40 attentions (A03–A06) through the panel: "Citas de hoy" loaded once
 * (getDayView), then 35 appointments started and finished (the finish sends the satisfaction
 * survey) and 5 marked abandoned after the tolerance (the abandonment email), each a
 * google.script.run call at its time of day. The appointments were imported and reminded the day
 * before (not counted).
 *
 * Floor (every action is its own execution: nothing read by one is in memory for the next),
 * built from bench/framework.ts's CHAINS:
 * - each call: who is calling and the team (the access check, docs/access-model.md);
 * - the view: the spreadsheet, then 'Citas' and 'Configuración' read (the consultants' names and
 *   the tolerance the view shows), each tab found by name and read whole;
 * - each action: the spreadsheet; 'Configuración' (tolerance, survey form, signature) and 'Citas'
 *   (the row may have changed since the view: another consultant, the reminder run), each found
 *   and read; the script lock around the read-modify-write; one write of the row; and its audit
 *   line ('Registro de auditoría': every change is recorded): the tab, its header row (columns
 *   are found by header, DESIGN.md) and one append;
 * - each email (35 surveys, 5 abandonment notices): the send and the two journal writes
 *   DESIGN.md's once-only rule requires around it ('enviando' before, 'enviado' after).
 */
import type { ExecutionRecord, Workspace } from '../../emulator';
import { ABANDON_REASONS } from '../../src/domain/appointment';
import { importReport, makeReport } from '../../test/support/attention-world';
import { AUDIT_LINE, CHAINS, floorOf, sumFloors, times, type BenchCase } from '../framework';
import { registerConsultants, setUpSpreadsheets } from './setup';

const DAY = '2026-11-28';
const ATTENDED = 35;
const ABANDONED = 5;

function wall(hhmm: string, plusMinutes: number): string {
  const [h, m] = hhmm.split(':').map(Number);
  const t = h * 60 + m + plusMinutes;
  return `${DAY}T${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
}

function dayRun(ws: Workspace, n: number): ExecutionRecord[] {
  const { atenciones } = setUpSpreadsheets(ws);
  // 40 appointments of one consultant's day would not fit in working hours at 40 minutes each:
  // 4 consultants' columns of 10, each worked by its own consultant from their panel (a
  // consultant acts only on their own appointments: docs/access-model.md).
  const report = makeReport(DAY, n, { startTime: '08:00', slotMinutes: 40 });
  const emailOf = registerConsultants(ws, atenciones, report.rows.map((r) => r.consultant));
  const imported = importReport(ws, atenciones, report.fileName, report.bytes);
  if (!imported.ok || !imported.value.ok) throw new Error('bench day: the import failed');
  ws.advanceTo(`${DAY}T07:50`); // the reminder run the evening before: events and Meet links

  const out: ExecutionRecord[] = [];
  const call = (fn: string, args: unknown[], user?: string) => {
    const r = ws.callFromSidebar(atenciones, fn, args, user);
    out.push(r.execution);
    const v = r.ok ? (r.value as { ok?: boolean; message?: string } | null) : null;
    if (!r.ok || (v && v.ok === false)) throw new Error(`bench day: ${fn}(${String(args[0])}) refused: ${r.ok ? v?.message : r.error}`);
  };
  call('getDayView', [{ scope: 'all' }]);
  // The panel's actions in time order: each appointment's start, finish or abandonment at its minute.
  const steps: { at: string; fn: string; args: unknown[]; user?: string }[] = [];
  report.rows.forEach((row, i) => {
    const user = emailOf.get(row.consultant);
    if (i % 8 === 7) steps.push({ at: wall(row.time, 12), fn: 'abandonAppointment', args: [row.code, { reason: ABANDON_REASONS[0] }], user });
    else {
      steps.push({ at: wall(row.time, 1), fn: 'startAttention', args: [row.code], user });
      steps.push({ at: wall(row.time, 30), fn: 'finishAttention', args: [row.code, { observations: 'Se orientó sobre formalización.' }], user });
    }
  });
  steps.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const s of steps) {
    ws.advanceTo(s.at);
    call(s.fn, s.args, s.user);
  }
  return out;
}

export const cases: BenchCase[] = [
  {
    operation: 'day of attentions',
    size: ATTENDED + ABANDONED,
    unit: 'attentions',
    run: (ws) => dayRun(ws, ATTENDED + ABANDONED),
    floor: () => {
      const actions = 2 * ATTENDED + ABANDONED;
      const emails = ATTENDED + ABANDONED;
      const readTable = sumFloors(CHAINS.tab, CHAINS.tableRead);
      const view = sumFloors(CHAINS.panelAccess, CHAINS.spreadsheet, times(2, readTable));
      const action = sumFloors(CHAINS.panelAccess, CHAINS.spreadsheet, times(2, readTable), CHAINS.lock, CHAINS.write, AUDIT_LINE);
      return floorOf(sumFloors(view, times(actions, action), times(emails, CHAINS.onceOnlyEmail)));
    },
  },
];
