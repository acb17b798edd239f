/**
 * The workshop survey run (B08) after a session of N attendees (60, 300): every execution of
 * runWorkshopSurveys from the run the session clock starts at the session's end plus the delay
 * until the work is done (continuations included). Each attendee marked present in 'Asistencia'
 * gets one personal email with a link prefilled with the session code and their token.
 *
 * Floor, per attendee: one email once (CHAINS.onceOnlyEmail: the send and its two journal writes).
 * Per run, however many executions it takes: the trigger's proof; the spreadsheet; 'Sesiones',
 * 'Asistencia', 'Inscripciones', 'Envíos de sesiones' and 'Configuración' found and read whole
 * (which sessions are due, who was present, their addresses and names, who was already
 * surveyed, the delay and the form); the sibling opened by its ID with its 'Citas' read (the
 * reminders still due: the reserve that keeps tomorrow's reminders first); the mail quota asked
 * once; the form's prefilled link made once (open the form, its items, a response with two
 * answers, its prefilled URL: the link of every email is that one with its code and token); the
 * script lock around the writes; the queue's rows appended (the record of each email before it
 * goes); one write of the outcomes and one of the session's 'Encuesta' and 'Participantes'; the
 * run's audit line.
 */
import type { ExecutionRecord, Workspace } from '../../emulator';
import { putRows } from '../../test/support/workshop-rows';
import { AUDIT_LINE, CHAINS, floorOf, sumFloors, times, type BenchCase } from '../framework';
import { setUpSpreadsheets } from './setup';

function surveyRun(ws: Workspace, n: number): ExecutionRecord[] {
  const { talleres } = setUpSpreadsheets(ws);
  const saved = ws.callFromSidebar(talleres, 'saveModule', [
    {
      requestId: `bench-workshop-survey-${n}`,
      name: 'Aprende a Emprender – IV 2026',
      year: 2026,
      quarter: 'IV',
      audience: 'Personas con una idea de negocio',
      capacity: 500,
      minSessions: 1,
      sessions: [{ topic: 'Validar mi idea', date: '2026-12-10', startTime: '18:00', endTime: '20:00', speaker: 'Ponente', speakerEmail: 'ponente@gmail.com' }],
    },
  ]);
  if (!saved.ok || !(saved.value as { ok: boolean }).ok) throw new Error('bench workshop survey: saveModule failed');
  const moduleId = (saved.value as { module: { id: string } }).module.id;
  const sessionId = String(ws.readTab(talleres, 'Sesiones')[0]['ID de sesión']);
  const ids = Array.from({ length: n }, (_, i) => `R-B${String(i + 1).padStart(4, '0')}`);
  putRows(ws, talleres, 'Inscripciones', ids.map((id, i) => ({ 'ID de inscripción': id, 'ID de módulo': moduleId, 'Nombres y apellidos': `Persona ${i + 1}`, Correo: `persona.${i + 1}@correo.pe`, Estado: 'Inscrito' })));
  putRows(ws, talleres, 'Asistencia', ids.map((id) => ({ 'ID de asistencia': `${sessionId}/${id}`, 'ID de sesión': sessionId, 'ID de módulo': moduleId, 'ID de inscripción': id, 'Asistió': true, Fuente: 'Manual' })));
  // The session clock (another handler) starts the run: its stand-in here is a trigger of the run itself.
  ws.project(talleres).triggers.push({
    uid: '9800000000001',
    handler: 'runWorkshopSurveys',
    owner: ws.state.user,
    source: 'CLOCK',
    eventType: 'CLOCK',
    everyDays: 1,
    atHour: 3,
    createdAt: ws.state.now(),
    nextRun: Date.UTC(2099, 0, 1),
  } as never);
  ws.advanceTo('2026-12-10T20:16');
  const first = ws.runTrigger(talleres, 'runWorkshopSurveys').record;
  const more = ws.advanceTo('2026-12-10T22:00').filter((e) => e.functionName === 'runWorkshopSurveys');
  const mails = ws.outbox().filter((m) => m.subject.startsWith('Encuesta de Satisfacción')).length;
  if (mails !== n) throw new Error(`bench workshop survey: ${mails} of ${n} surveys sent by 22:00`);
  return [first, ...more];
}

export const cases: BenchCase[] = [60, 300].map((n) => ({
  operation: 'workshop-survey',
  size: n,
  unit: 'attendees',
  run: (ws) => surveyRun(ws, n),
  floor: (size) => {
    const readTable = sumFloors(CHAINS.tab, CHAINS.tableRead);
    const sibling = sumFloors({ 'SpreadsheetApp.openById': 1 }, readTable);
    const link = { 'FormApp.openById': 1, 'Form.getItems': 1, 'Form.createResponse': 1, 'FormResponse.withItemResponse': 2, 'FormResponse.toPrefilledUrl': 1 };
    const run = sumFloors(
      CHAINS.triggerAccess,
      CHAINS.spreadsheet,
      times(5, readTable),
      sibling,
      { 'MailApp.getRemainingDailyQuota': 1 },
      link,
      CHAINS.lock,
      CHAINS.append,
      times(2, CHAINS.write),
      AUDIT_LINE,
    );
    return floorOf(sumFloors(run, times(size, CHAINS.onceOnlyEmail)));
  },
}));
