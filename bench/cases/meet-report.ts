/**
 * «Importar reporte» (B09) for a Meet attendance report of N participants (60, 300), all registered,
 * a third of them with a reconnection (two rows): one panel execution that opens the report by its
 * ID, reads it, matches everyone and writes the marks. The Sheets calls do not grow with N.
 *
 * Floor: the panel's access check; the report opened by its ID, its sheets listed, its name and its
 * values read (one read whatever its rows); the spreadsheet; 'Sesiones', 'Inscripciones',
 * 'Asistencia' and 'Configuración' found and read whole; the script lock; the new marks appended
 * in one write; the session's row (participants, time of the import) in one write; the report's
 * ID kept in one document property; and the audit line.
 */
import type { ExecutionRecord, Workspace } from '../../emulator';
import { AUDIT_LINE, CHAINS, floorOf, sumFloors, times, type BenchCase } from '../framework';
import { sheetsStore } from '../../emulator/services/sheets';
import { setUpSpreadsheets } from './setup';

function importRun(ws: Workspace, n: number): ExecutionRecord[] {
  const { talleres } = setUpSpreadsheets(ws);
  const saved = ws.callFromSidebar(talleres, 'saveModule', [
    {
      requestId: `bench-meet-report-${n}`,
      name: 'Aprende a Emprender – IV 2026',
      year: 2026,
      quarter: 'IV',
      audience: 'Personas con una idea de negocio',
      capacity: n,
      minSessions: 1,
      sessions: [{ topic: 'Validar mi idea', date: '2026-12-10', startTime: '18:00', endTime: '20:00', speaker: 'Ponente', speakerEmail: 'ponente@gmail.com' }],
    },
  ]);
  if (!saved.ok || !(saved.value as { ok: boolean }).ok) throw new Error('bench meet report: saveModule failed');
  const moduleId = (saved.value as { module: { id: string } }).module.id;
  const invited = ws.callFromSidebar(talleres, 'inviteSpeakers', [moduleId]);
  if (!invited.ok) throw new Error(invited.error);
  const [headers, ...rows] = ws.values(talleres, 'Sesiones');
  const h = headers.map(String);
  const session = rows.find((r) => r[h.indexOf('ID de módulo')] === moduleId)!;
  const sessionId = String(session[h.indexOf('ID de sesión')]);
  const eventId = String(session[h.indexOf('ID evento')]);
  // The registrants, as the registration form writes them (one write: setup, not accounted).
  const regHeaders = ws.values(talleres, 'Inscripciones')[0].map(String);
  const regRows = Array.from({ length: n }, (_, i) =>
    regHeaders.map((x) =>
      x === 'ID de inscripción' ? `I-${i + 1}` : x === 'ID de módulo' ? moduleId : x === 'Nombres y apellidos' ? `Persona ${i + 1} Apellido` : x === 'Correo' ? `persona.${i + 1}@correo.pe` : x === 'Estado' ? 'Inscrito' : '',
    ),
  );
  sheetsStoreWrite(ws, talleres, regRows);
  ws.advanceTo('2026-12-10T20:30');
  const at = (m: number) => new Date(Date.parse('2026-12-10T18:00:00-05:00') + m * 60000);
  const report = ws.meet.writeAttendanceReport(
    eventId,
    Array.from({ length: n }, (_, i) => ({
      firstName: `Persona ${i + 1}`,
      lastName: 'Apellido',
      email: `persona.${i + 1}@correo.pe`,
      connections: i % 3 === 0 ? [{ joined: at(0), exited: at(50) }, { joined: at(60), exited: at(115) }] : [{ joined: at(2), exited: at(118) }],
    })),
  );
  const r = ws.callFromSidebar(talleres, 'importMeetReport', [sessionId, report.url]);
  if (!r.ok || !(r.value as { ok: boolean }).ok) throw new Error(`bench meet report: the import failed: ${r.ok ? (r.value as { message: string }).message : r.error}`);
  return [r.execution];
}

function sheetsStoreWrite(ws: Workspace, ss: string, rows: unknown[][]): void {
  sheetsStore(ws.state).enterValues(ss, 'Inscripciones', 2, 1, rows);
}

export const cases: BenchCase[] = [60, 300].map((n) => ({
  operation: 'meet report import',
  size: n,
  unit: 'participants',
  run: (ws) => importRun(ws, n),
  floor: () => {
    const readTable = sumFloors(CHAINS.tab, CHAINS.tableRead);
    const report = { 'SpreadsheetApp.openById': 1, 'Spreadsheet.getName': 1, 'Spreadsheet.getSheets': 1, 'Sheet.getDataRange': 1, 'Range.getValues': 1 };
    return floorOf(
      sumFloors(CHAINS.panelAccess, report, CHAINS.spreadsheet, times(4, readTable), CHAINS.lock, CHAINS.append, CHAINS.write, { 'Properties.setProperties': 1 }, AUDIT_LINE),
    );
  },
}));
