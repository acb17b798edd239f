/**
 * A session's attendance in the emulator with the built bundle (B09): the consultant marks by
 * hand, imports the Meet report Google wrote for the session's event (reconnections, a nickname,
 * a name in another order without accents, a short stay), matches the nickname by hand, imports
 * again (nothing changes), refuses another session's report and a report with a column missing,
 * and «Todos presentes» leaves a hand mark alone. The session screen shows the marks, their
 * sources, the disagreement and the module's running attendance.
 */
import type { AttendanceActionResult, ModuleInput, SaveModuleResult, SessionDetail } from '../../src/api';
import { createAttentionWorld, type AttentionWorld } from '../support/attention-world';
import { appendRows } from '../support/sheet-rows';

const MODULE: ModuleInput = {
  requestId: 'form-0001-attendance-b09',
  name: 'Aprende a Emprender – Asistencia',
  year: 2026,
  quarter: 'IV',
  audience: 'Personas con una idea de negocio',
  capacity: 10,
  minSessions: 2,
  sessions: [
    { topic: 'Ventas en línea', date: '2026-12-01', startTime: '18:00', endTime: '20:00', speaker: 'Carmen Rosa Vílchez', speakerEmail: 'carmen.vilchez@gmail.com' },
    { topic: 'Costos y precios', date: '2026-12-03', startTime: '18:00', endTime: '20:00', speaker: 'José Ángel Ñahui', speakerEmail: 'jose.nahui@gmail.com' },
  ],
};

const t = (hhmm: string, day = '2026-12-01') => `${day}T${hhmm}:00-05:00`;

describe('attendance of a session: Meet report, hand marks, the session screen (B09)', () => {
  let w: AttentionWorld;
  let moduleId = '';
  let s1 = '';
  let ev1 = '';
  let ev2 = '';

  function call<T>(fn: string, args: unknown[]): T {
    const r = w.ws.callFromSidebar(w.talleres, fn, args);
    if (!r.ok) throw new Error(r.error);
    return r.value as T;
  }
  const marks = () =>
    Object.fromEntries(
      w.ws
        .readTab(w.talleres, 'Asistencia')
        .filter((r) => r['ID de sesión'] === s1)
        .map((r) => [r['ID de inscripción'], `${r['Asistió']}|${r['Fuente']}|${r['Minutos en Meet']}|${r['Nombre en Meet']}`]),
    );

  beforeAll(() => {
    w = createAttentionWorld({ at: '2026-11-20T09:00' });
    const r = call<SaveModuleResult>('saveModule', [MODULE]);
    if (!r.ok) throw new Error(r.message);
    moduleId = r.module.id;
    expect(call<{ ok: boolean }>('inviteSpeakers', [moduleId]).ok).toBe(true);
    const sessions = w.ws.readTab(w.talleres, 'Sesiones').filter((x) => x['ID de módulo'] === moduleId);
    [s1] = sessions.map((x) => String(x['ID de sesión']));
    [ev1, ev2] = sessions.map((x) => String(x['ID evento']));
    const reg = (n: number, name: string, email: string, status = 'Inscrito') => ({
      'ID de inscripción': `I-${n}`,
      'ID de módulo': moduleId,
      'Fecha de inscripción': new Date(t('10:00', '2026-11-21')),
      'Tipo doc.': 'DNI',
      DNI: `0${4000000 + n}`,
      'Nombres y apellidos': name,
      Correo: email,
      Estado: status,
    });
    appendRows(w.ws, w.talleres, 'Inscripciones', [
      reg(1, 'María José Quispe Mamani', 'maria.quispe@gmail.com'),
      reg(2, 'José Pérez Huamán', 'jose.perez@hotmail.com'),
      reg(3, 'Lucía Ñahui', 'lucia@gmail.com'),
      reg(4, 'Rosa Elvira Cárdenas', 'rosa.cardenas@gmail.com'),
      reg(5, 'Jesús Vílchez León', 'jesus@gmail.com'),
      reg(6, 'Ana Espera', 'ana.espera@gmail.com', 'En lista de espera'),
    ]);
  });

  test('before the session starts, nothing can be marked', () => {
    const r = call<AttendanceActionResult>('markSessionAttendance', [s1, 'I-1', true]);
    expect(r).toEqual({ ok: false, message: 'La sesión todavía no empieza: la asistencia se registra desde su hora de inicio.' });
  });

  test('a hand mark, then the Meet report: reconnections added, names matched, the nickname left for a person, the hand mark kept', () => {
    w.ws.advanceTo('2026-12-01T18:30');
    expect(call<AttendanceActionResult>('markSessionAttendance', [s1, 'I-5', false]).ok).toBe(true);
    w.ws.advanceTo('2026-12-01T20:30');
    const report = w.ws.meet.writeAttendanceReport(ev1, [
      { firstName: 'María José', lastName: 'Quispe Mamani', email: 'MARIA.QUISPE@gmail.com', connections: [{ joined: t('18:00'), exited: t('18:40') }, { joined: t('18:50'), exited: t('20:00') }] },
      { firstName: 'PEREZ HUAMAN', lastName: 'jose', connections: [{ joined: t('18:05'), exited: t('19:55') }] },
      { firstName: 'Lucía', lastName: 'Ñahui', email: 'lucia@gmail.com', connections: [{ joined: t('18:00'), exited: t('18:10') }] },
      { firstName: 'Pepita', connections: [{ joined: t('18:02'), exited: t('19:30') }] },
      { firstName: 'Jesús', lastName: 'Vílchez', email: 'jesus@gmail.com', connections: [{ joined: t('18:00'), exited: t('20:00') }] },
      { firstName: 'Ana', lastName: 'Espera', email: 'ana.espera@gmail.com', connections: [{ joined: t('18:00'), exited: t('20:00') }] },
    ]);
    const r = call<AttendanceActionResult>('importMeetReport', [s1, report.url]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.unmatched.map((u) => [u.name, u.minutes])).toEqual([
      ['Pepita', 88],
      ['Ana Espera', 120],
    ]);
    expect(r.message).toMatch(/en desacuerdo con una marca manual/);
    expect(marks()).toEqual({
      'I-1': 'true|Reporte de Meet|110|María José Quispe Mamani',
      'I-2': 'true|Reporte de Meet|110|PEREZ HUAMAN jose',
      'I-3': 'false|Reporte de Meet|10|Lucía Ñahui',
      'I-5': 'false|Manual|120|Jesús Vílchez',
    });
    const sessionRow = w.ws.readTab(w.talleres, 'Sesiones').find((x) => x['ID de sesión'] === s1)!;
    expect(sessionRow['Participantes']).toBe(2);
    expect(sessionRow['Reporte de Meet importado']).toBeInstanceOf(Date);
    expect(w.ws.readTab(w.talleres, 'Registro de auditoría').some((a) => a['Acción'] === 'Asistencia en desacuerdo con la marca manual' && String(a['Detalle']).includes('I-5'))).toBe(true);
  });

  test('the nickname matched by hand; importing the same report again changes nothing', () => {
    const before = marks();
    const detail = call<SessionDetail>('getSessionDetail', [s1]);
    if (!detail.ok) throw new Error(detail.message);
    const pepita = detail.unmatched!.find((u) => u.name === 'Pepita')!;
    const r = call<AttendanceActionResult>('matchMeetParticipant', [s1, pepita.key, 'I-4']);
    expect(r).toMatchObject({ ok: true, changed: 1 });
    expect(marks()).toEqual({ ...before, 'I-4': 'true|Reporte de Meet|88|Pepita' });
    const again = call<AttendanceActionResult>('importMeetReport', [s1, (w.ws.calendarEvents().find((e) => e.id === ev1)!.attachments as { fileUrl: string }[])[0].fileUrl]);
    expect(again).toMatchObject({ ok: true, changed: 0 });
    if (again.ok) expect(again.unmatched.map((u) => u.name)).toEqual(['Ana Espera']);
    expect(marks()).toEqual({ ...before, 'I-4': 'true|Reporte de Meet|88|Pepita' });
  });

  test("another session's report and a report with a column missing are refused; nothing changes", () => {
    const before = marks();
    const other = w.ws.meet.writeAttendanceReport(ev2, [{ firstName: 'Lucía', lastName: 'Ñahui', email: 'lucia@gmail.com', connections: [{ joined: t('18:00', '2026-12-03'), exited: t('20:00', '2026-12-03') }] }], { language: 'en' });
    const r = call<AttendanceActionResult>('importMeetReport', [s1, other.url]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^Este reporte es de otra reunión de Meet/);
    const bad = w.ws.createSpreadsheet('Asistencia copiada a mano');
    // A copy typed by a person, without the email column.
    w.ws.typeInto(bad, w.ws.sheetNames(bad)[0], 'A1', 'Nombre');
    w.ws.typeInto(bad, w.ws.sheetNames(bad)[0], 'B1', 'Duración');
    const missing = call<AttendanceActionResult>('importMeetReport', [s1, bad]);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.message).toMatch(/falta la columna «Correo electrónico \(Email\)»/);
    expect(call<AttendanceActionResult>('importMeetReport', [s1, 'no es un enlace'])).toMatchObject({ ok: false });
    expect(marks()).toEqual(before);
  });

  test('«Todos presentes» marks everyone without a hand mark; the hand mark «ausente» stays; the screen shows sources, the disagreement and the running attendance', () => {
    const r = call<AttendanceActionResult>('markAllPresent', [s1]);
    expect(r).toMatchObject({ ok: true, changed: 4 });
    const m = marks();
    expect(m['I-5']).toBe('false|Manual|120|Jesús Vílchez');
    expect(m['I-3']).toBe('true|Manual|10|Lucía Ñahui');
    const d = call<SessionDetail>('getSessionDetail', [s1]);
    if (!d.ok) throw new Error(d.message);
    expect(d.counts).toEqual({ registrants: 5, present: 4, absent: 1, unmarked: 0, disagreements: 2 });
    // Marked present by the bulk action after 10 minutes in Meet: shown, not hidden.
    expect(d.attendance.find((a) => a.registrationId === 'I-3')!.disagreement).toBe('Marcado presente a mano; el formulario y Meet no lo muestran');
    const jesus = d.attendance.find((a) => a.registrationId === 'I-5')!;
    expect(jesus).toMatchObject({ present: false, source: 'Manual', meetMinutes: 120, disagreement: 'Estuvo 120 min en Meet, pero está marcado ausente a mano' });
    expect(d.session.participants).toBe(4);
    expect(d.module).toMatchObject({ minSessions: 2, held: 1, total: 2, rule: 'al menos 2 de 2 sesiones' });
    expect(d.module.people.find((p) => p.registrationId === 'I-1')).toMatchObject({ attended: 1, remaining: 1, verdict: 'Puede cumplir' });
    expect(d.module.people.find((p) => p.registrationId === 'I-5')).toMatchObject({ attended: 0, remaining: 1, verdict: 'No alcanza' });
    // No document numbers, emails or phones in what the panel gets.
    expect(JSON.stringify(d)).not.toMatch(/@gmail|0400000/);
  });
});
