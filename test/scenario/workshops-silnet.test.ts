/**
 * Issue 12 items 5–7 in the emulator, with the built bundle: a module of three sessions whose
 * registrants and attendance are written straight into the sheet (as the registration form and
 * the attendance sources do). The panel moves the statuses by itself when it loads the module;
 * after session 1 «Siguiente paso» is Silnet: the export holds the attendees not yet registered
 * (in the layout of 'Columnas de carga a Silnet'), the confirmation marks exactly them, a later
 * attendee goes in the next export only; the WhatsApp contacts; the closing's order is saved,
 * sent once (a second press sends nothing), and after a change only the presenter whose slot
 * changed and the speaker/consultant get a new email.
 */
import type { ClosingResult, ContactsResult, ModuleDetail, ModuleInput, ModulesView, ModuleView, SaveModuleResult, SilnetConfirmResult, SilnetExportResult } from '../../src/api';
import { STAGE_MESSAGES as S } from '../../src/domain/messages/workshops-stage';
import { parseXlsx } from '../../src/domain/import/xlsx';
import { createAttentionWorld, setSetting, type AttentionWorld } from '../support/attention-world';
import { appendRows as append, setCell } from '../support/sheet-rows';
import { readZipEntries } from '../support/xlsx-writer';

const SPEAKER = 'jose.nahui@gmail.com';
const MODULE: ModuleInput = {
  requestId: 'form-0001-silnet-b10',
  name: 'Aprende a Emprender – Diciembre',
  year: 2026,
  quarter: 'IV',
  audience: 'Personas con una idea de negocio',
  capacity: 60,
  minSessions: 2,
  sessions: [
    { topic: 'Ventas en línea', date: '2026-12-01', startTime: '18:00', endTime: '20:00', speaker: 'Carmen Rosa Vílchez', speakerEmail: 'carmen.vilchez@gmail.com' },
    { topic: 'Costos y precios', date: '2026-12-03', startTime: '18:00', endTime: '20:00', speaker: 'Rosa Ñique', speakerEmail: 'rosa.nique@gmail.com' },
    { topic: 'Cierre: presentación de proyectos', date: '2026-12-10', startTime: '18:00', endTime: '20:00', speaker: 'José Ángel Ñahui', speakerEmail: SPEAKER },
  ],
};

const lima = (s: string) => new Date(`${s}:00-05:00`);
const to = (m: { to: string | string[] }) => [m.to].flat().join(',');

describe('B09 → B10 / B11: statuses, Silnet, WhatsApp, the closing', () => {
  let w: AttentionWorld;
  let id = '';
  let sessionIds: string[] = [];

  function call<T>(fn: string, args: unknown[]): T {
    const r = w.ws.callFromSidebar(w.talleres, fn, args);
    if (!r.ok) throw new Error(r.error);
    return r.value as T;
  }
  const listed = (): ModuleView => call<ModulesView>('getModules', []).modules.find((m) => m.id === id)!;
  const detail = (): ModuleDetail => call<ModuleDetail>('getModuleDetail', [id]);
  const reg = (n: number, name: string, more: Record<string, unknown> = {}) => ({
    'ID de inscripción': `I-${n}`,
    'ID de módulo': id,
    'Fecha de inscripción': lima(`2026-11-2${n % 8}T10:0${n % 10}`),
    'Tipo doc.': 'DNI',
    DNI: `0${4000000 + n}`,
    'Nombres y apellidos': name,
    Correo: `persona${n}@gmail.com`,
    Celular: `98765432${n}`,
    Región: 'Lima',
    Estado: 'Inscrito',
    ...more,
  });
  const present = (session: number, n: number) => ({
    'ID de asistencia': `${sessionIds[session - 1]}/I-${n}`,
    'ID de sesión': sessionIds[session - 1],
    'ID de módulo': id,
    'ID de inscripción': `I-${n}`,
    Asistió: true,
    Fuente: 'Manual',
  });

  beforeAll(() => {
    w = createAttentionWorld({ at: '2026-11-20T09:00' });
    const r = call<SaveModuleResult>('saveModule', [MODULE]);
    if (!r.ok) throw new Error(r.message);
    id = r.module.id;
    sessionIds = r.module.sessions.map((s) => s.id);
    setCell(w.ws, w.talleres, 'Módulos', 'ID de módulo', id, 'Estado', 'Inscripción abierta');
    setCell(w.ws, w.talleres, 'Módulos', 'ID de módulo', id, 'Grupo de WhatsApp', 'https://chat.whatsapp.com/AbCdEf123');
    setSetting(w.ws, w.talleres, 'Columnas de carga a Silnet', 'Documento=dni | Nombre=fullName | Celular=phone | Fecha=date | Mal formato');
    append(w.ws, w.talleres, 'Inscripciones', [
      reg(1, 'María José Quispe', { 'Presentará su proyecto': true }),
      reg(2, '=HYPERLINK("http://x","Raúl")'),
      reg(3, 'Lucía Ñahui', { 'Presentará su proyecto': true }),
      reg(4, 'Ángela Peña', { Estado: 'En lista de espera' }),
      reg(5, 'Jesús Vílchez, "Chucho"; León', { 'Presentará su proyecto': true }),
    ]);
  });

  test('before the first session nothing moves; after it the session is Realizada and the module En curso, by itself', () => {
    detail();
    expect(w.ws.readTab(w.talleres, 'Módulos').find((m) => m['ID de módulo'] === id)!.Estado).toBe('Inscripción abierta');
    w.ws.advanceTo(lima('2026-12-01T20:30'));
    append(w.ws, w.talleres, 'Asistencia', [present(1, 1), present(1, 2), present(1, 3)]);
    const d = detail();
    expect(d.ok).toBe(true);
    const sessions = w.ws.readTab(w.talleres, 'Sesiones').filter((s) => s['ID de módulo'] === id);
    expect(sessions.map((s) => s.Estado)).toEqual(['Realizada', 'Programada', 'Programada']);
    expect(w.ws.readTab(w.talleres, 'Módulos').find((m) => m['ID de módulo'] === id)!.Estado).toBe('En curso');
    // A second load changes nothing more.
    const audit = w.ws.readTab(w.talleres, 'Registro de auditoría').length;
    detail();
    expect(w.ws.readTab(w.talleres, 'Registro de auditoría').filter((a) => /Estado de (sesión|módulo)/.test(String(a.Acción))).length).toBe(2);
    expect(w.ws.readTab(w.talleres, 'Registro de auditoría').length).toBeGreaterThanOrEqual(audit);
  });

  let exported: Extract<SilnetExportResult, { ok: true }>;

  test('after session 1 the panel opens the Silnet step; the export holds the attendees not yet registered, formula-safe', () => {
    const m = listed();
    expect(m.stage.steps.map((s) => s.code)).toContain('B10');
    expect(m.stage.next).toBe(S.registerSilnet(3));
    const r = call<SilnetExportResult>('exportSilnet', [id]);
    if (!r.ok) throw new Error(r.message);
    exported = r;
    expect(r.count).toBe(3);
    expect(r.warnings.join(' ')).toContain('Mal formato');
    expect(r.csv.startsWith('\uFEFF')).toBe(true);
    const lines = r.csv.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('Documento,Nombre,Celular,Fecha');
    expect(lines).toContain(`04000001,María José Quispe,987654321,01/12/2026`);
    expect(r.csv).toContain(`"'=HYPERLINK(""http://x"",""Raúl"")"`);
    expect(r.csv).not.toMatch(/Ángela|Jesús/);
    const rows = parseXlsx(readZipEntries(Uint8Array.from(Buffer.from(r.xlsxBase64, 'base64'))));
    expect(rows.length).toBe(4);
    expect(rows.map((x) => x[0])).toContain('04000003');
  });

  test('confirming the export marks exactly those people; a later attendee goes only in the next export; confirming twice changes nothing', () => {
    // Someone attends session 2 after the export was made.
    w.ws.advanceTo(lima('2026-12-03T20:30'));
    append(w.ws, w.talleres, 'Asistencia', [present(2, 5), present(2, 1)]);
    const forged = call<SilnetConfirmResult>('confirmSilnetUpload', [id, exported.exportId, [...exported.registrationIds, 'I-5']]);
    expect(forged.ok).toBe(false);
    const c = call<SilnetConfirmResult>('confirmSilnetUpload', [id, exported.exportId, exported.registrationIds]);
    expect(c.ok).toBe(true);
    expect(c.marked).toBe(3);
    const regs = w.ws.readTab(w.talleres, 'Inscripciones');
    const marked = regs.filter((x) => x['Registrado en Silnet'] === true).map((x) => x['ID de inscripción']);
    expect(marked.sort()).toEqual(['I-1', 'I-2', 'I-3']);
    expect(regs.find((x) => x['ID de inscripción'] === 'I-1')!['Fecha de registro en Silnet']).toBeInstanceOf(Date);
    const again = call<SilnetConfirmResult>('confirmSilnetUpload', [id, exported.exportId, exported.registrationIds]);
    expect(again).toMatchObject({ ok: true, marked: 0 });
    const next = call<SilnetExportResult>('exportSilnet', [id]);
    if (!next.ok) throw new Error(next.message);
    expect(next.registrationIds).toEqual(['I-5']);
    const audits = w.ws.readTab(w.talleres, 'Registro de auditoría').filter((a) => a.Acción === 'Carga en Silnet confirmada');
    expect(audits).toHaveLength(2);
  });

  test('WhatsApp: the confirmed registrants as CSV and vCard (names, +51 mobile, email)', () => {
    const r = call<ContactsResult>('exportWhatsappContacts', [id]);
    if (!r.ok) throw new Error(r.message);
    expect(r.count).toBe(4);
    expect(r.whatsappUrl).toBe('https://chat.whatsapp.com/AbCdEf123');
    expect(r.vcf).toContain('TEL;TYPE=CELL:+51987654325');
    expect(r.vcf).toContain('FN:Jesús Vílchez\\, "Chucho"\\; León');
    expect(r.vcf).not.toContain('Ángela');
    expect(r.csv).toContain("'=HYPERLINK");
  });

  test('the closing: volunteers in order, slots from the start; sent once; a change writes only to whom it concerns', () => {
    let v = call<ClosingResult>('getClosingView', [id]).view!;
    expect(v.session?.number).toBe(3);
    expect(v.presenters.map((p) => [p.id, p.slot])).toEqual([
      ['I-1', '18:00–18:10'],
      ['I-3', '18:10–18:20'],
      ['I-5', '18:20–18:30'],
    ]);
    expect(listed().stage.next).toBe(S.registerSilnet(1));
    const before = w.ws.outbox().length;
    const sent = call<ClosingResult>('sendClosingOrder', [id]);
    expect(sent.ok).toBe(true);
    const mails = w.ws.outbox().slice(before);
    expect(mails.filter((m) => /Su turno de presentación/.test(m.subject))).toHaveLength(3);
    expect(mails.filter((m) => /^Orden de presentación/.test(m.subject)).map((m) => to(m)).sort()).toEqual([SPEAKER, w.user].sort());
    const rows = w.ws.readTab(w.talleres, 'Inscripciones');
    expect(rows.find((x) => x['ID de inscripción'] === 'I-3')!['Turno de presentación']).toBe('18:10–18:20');
    expect(rows.find((x) => x['ID de inscripción'] === 'I-3')!['Orden de presentación']).toBe(2);
    // The closing's rows (the session clock's survey rows of earlier sessions are there too).
    const closingKinds = ['Turno de presentación', 'Orden de presentación'];
    expect(w.ws.readTab(w.talleres, 'Envíos de sesiones').filter((x) => x.Envío === 'enviado' && closingKinds.includes(String(x.Tipo)))).toHaveLength(5);

    // Pressed again: nobody gets anything.
    const n = w.ws.outbox().length;
    expect(call<ClosingResult>('sendClosingOrder', [id]).ok).toBe(true);
    expect(w.ws.outbox().length).toBe(n);

    // I-5 moves before I-3 and I-2 is added at the end: I-1 keeps its slot.
    v = call<ClosingResult>('saveClosingOrder', [id, ['I-1', 'I-5', 'I-3', 'I-2']]).view!;
    expect(v.presenters.map((p) => [p.id, p.mail])).toEqual([
      ['I-1', 'enviado'],
      ['I-5', 'cambió'],
      ['I-3', 'cambió'],
      ['I-2', ''],
    ]);
    expect(call<ClosingResult>('saveClosingOrder', [id, ['I-1', 'I-1']]).ok).toBe(false);
    expect(call<ClosingResult>('saveClosingOrder', [id, ['I-4']]).ok).toBe(false);
    call<ClosingResult>('sendClosingOrder', [id]);
    const changed = w.ws.outbox().slice(n);
    expect(changed.filter((m) => /Cambio de turno/.test(m.subject)).map((m) => to(m)).sort()).toEqual(['persona3@gmail.com', 'persona5@gmail.com']);
    expect(changed.filter((m) => /Su turno/.test(m.subject)).map((m) => to(m))).toEqual(['persona2@gmail.com']);
    expect(changed.filter((m) => /Orden de presentación actualizado/.test(m.subject))).toHaveLength(2);
    expect(changed.some((m) => to(m) === 'persona1@gmail.com')).toBe(false);
    expect(w.ws.readTab(w.talleres, 'Envíos de sesiones').filter((x) => String(x['ID de envío']).startsWith('TP/'))).toHaveLength(4);
  });

  test('after the closing ended: the order is not sent; the module is Cerrado', () => {
    w.ws.advanceTo(lima('2026-12-10T21:00'));
    expect(call<ClosingResult>('sendClosingOrder', [id]).ok).toBe(false);
    detail();
    expect(w.ws.readTab(w.talleres, 'Módulos').find((m) => m['ID de módulo'] === id)!.Estado).toBe('Cerrado');
    expect(listed().stage.next).toBe(S.registerSilnet(1));
  });
});
