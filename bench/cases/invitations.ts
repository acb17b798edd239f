/**
 * The invitation job (B05) for N queued addresses (500, 1,000): every execution of
 * runInvitations from the requested run a minute after «Enviar invitaciones» until the work is
 * done (continuations included). The Workspace account's quota (1,500 a day) covers both sizes in
 * one day once the attention flow's reserve is kept; N = 500 takes more than one execution (about
 * 0.75 s of modeled time per email against the 4.5-minute budget), N = 1,000 more again; each
 * execution makes the same Sheets calls whatever N is.
 *
 * Floor, per address: one email once (CHAINS.onceOnlyEmail: the send and its two journal writes).
 * Per run, however many executions it takes: the trigger's proof; the spreadsheet;
 * 'Invitaciones', 'Módulos', 'Configuración', 'Bajas de difusión' and 'Inscripciones' found and
 * read whole (the queue, the module's texts and links, the web app's address, the addresses that
 * unsubscribed, who registered since being queued);
 * the sibling opened by its ID with its 'Citas' and 'Configuración' read (the reminders still due
 * and the reminder hour: the reserve that keeps tomorrow's reminders first); the mail quota asked
 * once; the script lock around the write; one write of the outcomes (one span of columns); and
 * the run's audit line.
 */
import type { ExecutionRecord, Workspace } from '../../emulator';
import { AUDIT_LINE, CHAINS, floorOf, sumFloors, times, type BenchCase } from '../framework';
import { setUpSpreadsheets } from './setup';

function letters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function invitationsRun(ws: Workspace, n: number): ExecutionRecord[] {
  const { talleres } = setUpSpreadsheets(ws);
  const saved = ws.callFromSidebar(talleres, 'saveModule', [
    {
      requestId: `bench-invitations-${n}`,
      name: 'Aprende a Emprender – IV 2026',
      year: 2026,
      quarter: 'IV',
      audience: 'Personas con una idea de negocio',
      capacity: 60,
      minSessions: 1,
      sessions: [{ topic: 'Validar mi idea', date: '2026-12-10', startTime: '18:00', endTime: '20:00', speaker: 'Ponente', speakerEmail: 'ponente@gmail.com' }],
    },
  ]);
  if (!saved.ok || !(saved.value as { ok: boolean }).ok) throw new Error('bench invitations: saveModule failed');
  const id = (saved.value as { module: { id: string } }).module.id;
  const [headers, ...rows] = ws.values(talleres, 'Módulos');
  const h = headers.map(String);
  const row = rows.findIndex((r) => r[h.indexOf('ID de módulo')] === id) + 2;
  const cells: Record<string, string> = {
    Banner: 'Validado',
    'Enlace del banner': 'https://drive.google.com/file/d/1Banner/view',
    Estado: 'Inscripción abierta',
    'Enlace de inscripción': 'https://forms.gle/InscripcionIV2026',
  };
  for (const [header, value] of Object.entries(cells)) ws.typeInto(talleres, 'Módulos', `${letters(h.indexOf(header))}${row}`, value, { confirmWarning: true });
  const text = ['Correo,Nombre', ...Array.from({ length: n }, (_, i) => `persona.${i + 1}@correo.pe,Persona ${i + 1}`)].join('\n');
  const imported = ws.callFromSidebar(talleres, 'importInvitationList', [id, { name: 'lista.csv', text }, 'Consentimiento recogido en la feria del 10/11/2026']);
  if (!imported.ok || !(imported.value as { ok: boolean }).ok) throw new Error('bench invitations: the import failed');
  const sent = ws.callFromSidebar(talleres, 'sendInvitations', [id]);
  if (!sent.ok || !(sent.value as { ok: boolean }).ok) throw new Error('bench invitations: sendInvitations failed');
  const runs = ws.advanceTo('2026-11-27T09:30').filter((e) => e.functionName === 'runInvitations');
  const mails = ws.outbox().filter((m) => m.subject.startsWith('Invitación: «')).length;
  if (mails !== n) throw new Error(`bench invitations: ${mails} of ${n} invitations sent by 09:30`);
  return runs;
}

export const cases: BenchCase[] = [500, 1000].map((n) => ({
  operation: 'invitations',
  size: n,
  unit: 'addresses',
  run: (ws) => invitationsRun(ws, n),
  floor: (size) => {
    const readTable = sumFloors(CHAINS.tab, CHAINS.tableRead);
    const sibling = sumFloors({ 'SpreadsheetApp.openById': 1 }, times(2, readTable));
    const run = sumFloors(CHAINS.triggerAccess, CHAINS.spreadsheet, times(5, readTable), sibling, { 'MailApp.getRemainingDailyQuota': 1 }, CHAINS.lock, CHAINS.write, AUDIT_LINE);
    return floorOf(sumFloors(run, times(size, CHAINS.onceOnlyEmail)));
  },
}));
