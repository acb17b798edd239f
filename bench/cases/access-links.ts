/**
 * The access-link run (B06/B07, a duty of the session clock) for N confirmed registrants (60,
 * 300): every execution of runSessionClock from the day before the session at the access-link
 * hour (18:00, when setup's daily trigger and the clock's own wake-up both fire: the second finds
 * nothing missing) until the links and the speaker's brief are out. Each execution makes the
 * same Sheets calls whatever N is.
 *
 * Floor, per registrant: one email once (CHAINS.onceOnlyEmail), plus the speaker's brief. Per
 * run: the trigger's proof; the spreadsheet; 'Configuración', 'Sesiones', 'Módulos',
 * 'Inscripciones' and 'Envíos de sesiones' found and read whole (the hour and the web app's
 * address, the sessions and their Meet links, the module's name and WhatsApp group, who is
 * confirmed and their questions, what was already sent); the sibling opened by its ID with its
 * 'Citas' read (the reminders still due: the reserve that keeps tomorrow's reminders first); the
 * mail quota asked once; the script lock around the write; the rows appended in one write and the
 * session's 'Enlace de acceso' written once; and the run's audit line.
 */
import type { ExecutionRecord, Workspace } from '../../emulator';
import { sheetsStore } from '../../emulator/services/sheets';
import { AUDIT_LINE, CHAINS, floorOf, sumFloors, times, type BenchCase } from '../framework';
import { setUpSpreadsheets } from './setup';

function accessLinksRun(ws: Workspace, n: number): ExecutionRecord[] {
  const { talleres } = setUpSpreadsheets(ws);
  const saved = ws.callFromSidebar(talleres, 'saveModule', [
    {
      requestId: `bench-access-${n}`,
      name: 'Aprende a Emprender – IV 2026',
      year: 2026,
      quarter: 'IV',
      audience: 'Personas con una idea de negocio',
      capacity: n,
      minSessions: 1,
      sessions: [{ topic: 'Validar mi idea', date: '2026-11-29', startTime: '10:00', endTime: '12:00', speaker: 'Ponente', speakerEmail: 'ponente@gmail.com' }],
    },
  ]);
  if (!saved.ok || !(saved.value as { ok: boolean }).ok) throw new Error('bench access links: saveModule failed');
  const id = (saved.value as { module: { id: string } }).module.id;
  const invited = ws.callFromSidebar(talleres, 'inviteSpeakers', [id]);
  if (!invited.ok) throw new Error('bench access links: inviteSpeakers failed');
  const headers = ws.values(talleres, 'Inscripciones')[0].map(String);
  const rows = Array.from({ length: n }, (_, i) => {
    const r: Record<string, unknown> = {
      'ID de inscripción': `R-${i + 1}`,
      'ID de módulo': id,
      'Nombres y apellidos': `Persona ${i + 1}`,
      Correo: `persona.${i + 1}@correo.pe`,
      Preguntas: i % 3 === 0 ? `¿Pregunta ${i + 1} sobre costos y precios?` : '',
      Estado: 'Inscrito',
    };
    return headers.map((h) => (h in r ? r[h] : ''));
  });
  sheetsStore(ws.state).enterValues(talleres, 'Inscripciones', 2, 1, rows as never);
  ws.advanceTo('2026-11-28T17:30');
  const runs = ws.advanceTo('2026-11-28T18:50').filter((e) => e.functionName === 'runSessionClock');
  const mails = ws.outbox().filter((m) => m.subject.startsWith('Enlace de acceso')).length;
  if (mails !== n) throw new Error(`bench access links: ${mails} of ${n} access links sent by 18:50`);
  return runs;
}

export const cases: BenchCase[] = [60, 300].map((n) => ({
  operation: 'access links',
  size: n,
  unit: 'registrants',
  run: (ws) => accessLinksRun(ws, n),
  floor: (size) => {
    const readTable = sumFloors(CHAINS.tab, CHAINS.tableRead);
    const sibling = sumFloors({ 'SpreadsheetApp.openById': 1 }, readTable);
    const run = sumFloors(CHAINS.triggerAccess, CHAINS.spreadsheet, times(5, readTable), sibling, { 'MailApp.getRemainingDailyQuota': 1 }, CHAINS.lock, CHAINS.append, CHAINS.write, AUDIT_LINE);
    return floorOf(sumFloors(run, times(size + 1, CHAINS.onceOnlyEmail)));
  },
}));
