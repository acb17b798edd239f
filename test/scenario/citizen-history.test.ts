/**
 * «Historial del ciudadano» (issue 15 item 4) with the built bundle in the emulator, both
 * spreadsheets set up. María (DNI 01234567) comes to her appointment with Ana today; the service
 * saw her before: an attention in March (topic «Formalización»), an abandoned one in June, a
 * module completed with its certificate, another attended once. Ana starts the attention and
 * opens the history; Luis, a consultant, may not see it for Ana's appointment, but may look her up
 * by document number (audited); a stranger gets nothing. The calls to Sheets do not grow with the
 * tabs. Rosa, deleted under Ley 29733, has no history left, and the audit line of the search for
 * her loses her document.
 */
import type { Workspace } from '../../emulator';
import type { CitizenHistoryResult } from '../../src/api';
import { addTeamMember, createAttentionWorld, importReport, makeReport } from '../support/attention-world';
import { putRows } from '../support/workshop-rows';

const TODAY = '2026-11-27';
const LUIS = 'luis.rojas@trabajo.gob.pe';
const STRANGER = 'alguien@gmail.com';
const ROSA = '45678912';
const lima = (iso: string) => new Date(`${iso}-05:00`);

function history(ws: Workspace, ss: string, request: unknown, user?: string): { r: CitizenHistoryResult; sheets: number } {
  const c = ws.callFromSidebar(ss, 'getCitizenHistory', [request], user);
  if (!c.ok) throw new Error(c.error);
  return { r: c.value as CitizenHistoryResult, sheets: c.execution.calls.Sheets ?? 0 };
}

describe("a citizen's history in the Atenciones panel", () => {
  const w = createAttentionWorld();
  const { ws, atenciones, talleres } = w;
  const report = makeReport(TODAY, 14, { startTime: '10:00', slotMinutes: 30, consultants: ['Ana Quispe', 'Luis Rojas'] });
  const maria = report.rows[0];
  const luisOwn = report.rows[12];
  const audit = (ss: string) => ws.readTab(ss, 'Registro de auditoría');

  beforeAll(() => {
    addTeamMember(ws, atenciones, LUIS, 'Luis Rojas', ['consultor']);
    const imported = importReport(ws, atenciones, report.fileName, report.bytes);
    if (!imported.ok || !imported.value.ok) throw new Error('the import failed');
    putRows(ws, atenciones, 'Citas', [
      { 'ID de cita': 'CITA-ANT-1', DNI: maria.dni, 'Nombres y apellidos': 'María', Fecha: lima('2026-03-10T00:00'), Hora: '10:00', Consultor: 'Ana Quispe', Estado: 'Atendida', 'Tema de consulta': 'Formalización' },
      { 'ID de cita': 'CITA-ANT-2', DNI: maria.dni, 'Nombres y apellidos': 'María', Fecha: lima('2026-06-02T00:00'), Hora: '11:00', Consultor: 'Luis Rojas', Estado: 'Abandonada' },
      { 'ID de cita': 'CITA-ROSA', DNI: ROSA, 'Nombres y apellidos': 'Rosa Huamán', Correo: 'rosa@correo.pe', Fecha: lima('2026-04-01T00:00'), Hora: '09:00', Consultor: 'Ana Quispe', Estado: 'Atendida', 'Tema de consulta': 'Marketing' },
    ]);
    putRows(ws, talleres, 'Módulos', [
      { 'ID de módulo': 'MOD-A', Módulo: 'Aprende a Emprender: Idea de negocio', Tipo: 'Interno', Estado: 'Cerrado', 'Fecha de inicio': lima('2026-04-06T00:00'), 'Fecha de fin': lima('2026-04-08T00:00'), 'Asistencia mínima (sesiones)': 2 },
      { 'ID de módulo': 'MOD-B', Módulo: 'Aprende a Emprender: Finanzas', Tipo: 'Interno', Estado: 'Cerrado', 'Fecha de inicio': lima('2026-07-06T00:00'), 'Fecha de fin': lima('2026-07-07T00:00'), 'Asistencia mínima (sesiones)': 2 },
      { 'ID de módulo': 'MOD-C', Módulo: 'Marketing digital', Tipo: 'Interno', Estado: 'Inscripción abierta', 'Fecha de inicio': lima('2026-12-07T00:00'), 'Fecha de fin': lima('2026-12-09T00:00'), 'Asistencia mínima (sesiones)': 2 },
      { 'ID de módulo': 'MOD-D', Módulo: 'Aprende a Emprender: Idea de negocio', Tipo: 'Interno', Estado: 'Inscripción abierta', 'Fecha de inicio': lima('2026-12-14T00:00'), 'Fecha de fin': lima('2026-12-16T00:00'), 'Asistencia mínima (sesiones)': 2 },
    ]);
    putRows(ws, talleres, 'Sesiones', [
      { 'ID de sesión': 'SES-A1', 'ID de módulo': 'MOD-A', Estado: 'Realizada', Inicio: lima('2026-04-06T10:00'), Fin: lima('2026-04-06T12:00') },
      { 'ID de sesión': 'SES-A2', 'ID de módulo': 'MOD-A', Estado: 'Realizada', Inicio: lima('2026-04-07T10:00'), Fin: lima('2026-04-07T12:00') },
      { 'ID de sesión': 'SES-B1', 'ID de módulo': 'MOD-B', Estado: 'Realizada', Inicio: lima('2026-07-06T10:00'), Fin: lima('2026-07-06T12:00') },
      { 'ID de sesión': 'SES-B2', 'ID de módulo': 'MOD-B', Estado: 'Realizada', Inicio: lima('2026-07-07T10:00'), Fin: lima('2026-07-07T12:00') },
    ]);
    putRows(ws, talleres, 'Inscripciones', [
      { 'ID de inscripción': 'INS-M1', 'ID de módulo': 'MOD-A', DNI: maria.dni, 'Nombres y apellidos': 'María', Estado: 'Inscrito', 'Fecha de inscripción': lima('2026-03-20T09:00') },
      { 'ID de inscripción': 'INS-M2', 'ID de módulo': 'MOD-B', DNI: maria.dni, 'Nombres y apellidos': 'María', Estado: 'Inscrito', 'Fecha de inscripción': lima('2026-06-20T09:00') },
      { 'ID de inscripción': 'INS-R1', 'ID de módulo': 'MOD-A', DNI: ROSA, 'Nombres y apellidos': 'Rosa Huamán', Correo: 'rosa@correo.pe', Estado: 'Inscrito', 'Fecha de inscripción': lima('2026-03-21T09:00') },
    ]);
    putRows(ws, talleres, 'Asistencia', [
      { 'ID de asistencia': 'SES-A1/INS-M1', 'ID de sesión': 'SES-A1', 'ID de módulo': 'MOD-A', 'ID de inscripción': 'INS-M1', DNI: maria.dni, Asistió: true },
      { 'ID de asistencia': 'SES-A2/INS-M1', 'ID de sesión': 'SES-A2', 'ID de módulo': 'MOD-A', 'ID de inscripción': 'INS-M1', DNI: maria.dni, Asistió: true },
      { 'ID de asistencia': 'SES-B1/INS-M2', 'ID de sesión': 'SES-B1', 'ID de módulo': 'MOD-B', 'ID de inscripción': 'INS-M2', DNI: maria.dni, Asistió: true },
      { 'ID de asistencia': 'SES-A1/INS-R1', 'ID de sesión': 'SES-A1', 'ID de módulo': 'MOD-A', 'ID de inscripción': 'INS-R1', DNI: ROSA, Asistió: true },
      { 'ID de asistencia': 'SES-A2/INS-R1', 'ID de sesión': 'SES-A2', 'ID de módulo': 'MOD-A', 'ID de inscripción': 'INS-R1', DNI: ROSA, Asistió: true },
    ]);
    putRows(ws, talleres, 'Certificados', [
      { Código: 'CERT-MARIA-A', 'ID de inscripción': 'INS-M1', 'ID de módulo': 'MOD-A', 'Nombre en el certificado': 'María', Módulo: 'Aprende a Emprender: Idea de negocio', Estado: 'Vigente', Emitido: lima('2026-04-10T09:00') },
      { Código: 'CERT-ROSA-A', 'ID de inscripción': 'INS-R1', 'ID de módulo': 'MOD-A', 'Nombre en el certificado': 'Rosa Huamán', Módulo: 'Aprende a Emprender: Idea de negocio', Estado: 'Vigente', Emitido: lima('2026-04-10T09:00') },
    ]);
  });

  test('during the attention, Ana sees what the service already did with María and what to invite her to', () => {
    ws.advanceTo(`${TODAY}T10:00`);
    const started = ws.callFromSidebar(atenciones, 'startAttention', [maria.code]);
    expect(started.ok && (started.value as { ok: boolean }).ok).toBe(true);
    const { r } = history(ws, atenciones, { appointmentId: maria.code });
    if (!r.ok) throw new Error(r.message);
    const h = r.history;
    expect(h.dni).toBe(maria.dni);
    // Earlier attentions, newest first, with their topics; not the one being attended.
    expect(h.attentions.map((a) => [a.id, a.dateText, a.status, a.topic])).toEqual([
      ['CITA-ANT-2', 'martes 2 de junio de 2026', 'Abandonada', 'Sin tema registrado'],
      ['CITA-ANT-1', 'martes 10 de marzo de 2026', 'Atendida', 'Formalización'],
    ]);
    expect(h.modules.map((m) => [m.moduleId, m.attendanceText, m.completed, m.certificateText])).toEqual([
      ['MOD-B', 'Asistió a 1 de 2 sesiones (mínimo para el certificado: 2)', false, 'Sin certificado'],
      ['MOD-A', 'Asistió a 2 de 2 sesiones (mínimo para el certificado: 2)', true, 'Certificado CERT-MARIA-A (vigente, emitido el viernes 10 de abril de 2026)'],
    ]);
    // MOD-D is another edition of the module she completed: not proposed.
    expect(h.toInvite.map((m) => m.moduleId)).toEqual(['MOD-C']);
    expect(r.message).toBe('2 atenciones, 2 módulos inscritos (1 completado), 1 certificado.');
    expect(JSON.stringify(r)).not.toContain(ROSA);
    expect(r.notes).toEqual([]);
  });

  test("Luis, a consultant, may not see it for Ana's appointment: nothing of María, the refusal audited", () => {
    const { r } = history(ws, atenciones, { appointmentId: maria.code }, LUIS);
    expect(r).toEqual({ ok: false, message: 'El historial de esta persona solo lo ve quien la atiende (o una coordinadora o coordinador).' });
    expect(audit(atenciones).some((l) => l['Acción'] === 'Historial no mostrado' && l['Para'] === maria.code)).toBe(true);
    // His own appointment he may (that person has no earlier history).
    const own = history(ws, atenciones, { appointmentId: luisOwn.code }, LUIS).r;
    expect(own.ok).toBe(true);
    if (own.ok) expect(own.history.dni).toBe(luisOwn.dni);
  });

  test('a stranger gets the refusal and nothing else, by appointment or by document', () => {
    for (const request of [{ appointmentId: maria.code }, { document: maria.dni }]) {
      const c = ws.callFromSidebar(atenciones, 'getCitizenHistory', [request], STRANGER);
      expect(c.ok).toBe(false);
      if (!c.ok) {
        expect(c.error).not.toContain(maria.dni);
        expect(c.error).not.toMatch(/María|Formalización|CERT-/);
      }
    }
  });

  test('by document number, a consultant sees the same history; the search is audited by record IDs and the document', () => {
    const { r } = history(ws, atenciones, { document: `${maria.dni.slice(0, 4)} ${maria.dni.slice(4)}` }, LUIS);
    if (!r.ok) throw new Error(r.message);
    // Today's appointment is one of hers too (the view by document excludes none).
    expect(r.history.attentions.map((a) => a.id)).toEqual([maria.code, 'CITA-ANT-2', 'CITA-ANT-1']);
    const line = audit(atenciones).filter((l) => l['Acción'] === 'Historial consultado').pop()!;
    expect(String(line['Para'])).toBe(`${maria.code}, CITA-ANT-2, CITA-ANT-1, INS-M2, INS-M1`);
    expect(String(line['Detalle'])).toContain(maria.dni);
  });

  test('hostile requests are refused without reading anything', () => {
    for (const request of [null, 'x', { document: '=HYPERLINK("http://x")' }, { appointmentId: '<script>' }, { appointmentId: maria.code, document: maria.dni }]) {
      const c = ws.callFromSidebar(atenciones, 'getCitizenHistory', [request]);
      if (!c.ok) throw new Error(c.error);
      expect((c.value as CitizenHistoryResult).ok).toBe(false);
      expect(c.execution.calls.Sheets ?? 0).toBe(0);
    }
  });

  test("each tab is read once: the Sheets calls do not grow with the tabs' rows", () => {
    const before = history(ws, atenciones, { document: maria.dni }).sheets;
    const many = 300;
    putRows(
      ws,
      talleres,
      'Inscripciones',
      Array.from({ length: many }, (_, i) => ({ 'ID de inscripción': `INS-X${i}`, 'ID de módulo': 'MOD-A', DNI: String(20_000_000 + i), Estado: 'Inscrito' })),
    );
    putRows(
      ws,
      talleres,
      'Asistencia',
      Array.from({ length: many }, (_, i) => ({ 'ID de asistencia': `SES-A1/INS-X${i}`, 'ID de sesión': 'SES-A1', 'ID de módulo': 'MOD-A', 'ID de inscripción': `INS-X${i}`, Asistió: true })),
    );
    putRows(
      ws,
      atenciones,
      'Citas',
      Array.from({ length: many }, (_, i) => ({ 'ID de cita': `CITA-X${i}`, DNI: String(30_000_000 + i), Fecha: lima('2026-05-01T00:00'), Hora: '09:00', Estado: 'Atendida' })),
    );
    const after = history(ws, atenciones, { document: maria.dni }).sheets;
    expect(before).toBeGreaterThan(0);
    expect(after).toBe(before);
  });

  test('Rosa, deleted under Ley 29733, has no history left; the audit line of the search for her loses her document', () => {
    const first = history(ws, atenciones, { document: ROSA }).r;
    expect(first.ok && first.history.modules.length).toBe(1);
    const del = ws.callFromSidebar(atenciones, 'deletePersonData', [ROSA, ROSA]);
    if (!del.ok) throw new Error(del.error);
    expect((del.value as { ok: boolean; message: string }).ok).toBe(true);

    const after = history(ws, atenciones, { document: ROSA }).r;
    if (!after.ok) throw new Error(after.message);
    expect(after.history).toMatchObject({ attentions: [], modules: [], certificates: [] });
    expect(after.message).toMatch(/no tiene registros/);
    // Her old appointment, by its ID (as a coordinator): anonymised, it shows nothing.
    const byRow = history(ws, atenciones, { appointmentId: 'CITA-ROSA' }).r;
    expect(byRow.ok).toBe(false);
    expect(JSON.stringify(byRow)).not.toMatch(/Rosa|Marketing|45678912/);
    // The audit line written by the search before the deletion no longer names her, and the search
    // after it does not write her number down again: the log holds nothing of her.
    const lines = audit(atenciones).filter((l) => l['Acción'] === 'Historial consultado');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(audit(atenciones))).not.toContain(ROSA);
    expect(lines[lines.length - 1]).toMatchObject({ Para: '', Resultado: 'Sin efecto' });
  });
});
