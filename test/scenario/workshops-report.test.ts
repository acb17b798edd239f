/**
 * B12 items 1 and 5 with the built bundle: a finished module (test/support/report-world.ts) is
 * consolidated by the session clock a day after its last session, and on request — twice gives
 * the same tabs, a person's edits elsewhere untouched; its report reaches the Dirección once per
 * version, as a real PDF in the module's folder attached to the email; «Enviar nueva versión»
 * sends version 2 (once); a consultant who is not a coordinator, a module not ended, a missing
 * recipient: Spanish refusals.
 */
import type { ConsolidationResult, ModuleReportView, ReportSendResult } from '../../src/api';
import { pdfText } from '../../emulator/services/pdf/pdf-text';
import { createAttentionWorld, addTeamMember, setSetting, type AttentionWorld } from '../support/attention-world';
import { AFTER_END, DIRECTION, fillReportModule, REPORT_FACTS as F } from '../support/report-world';
import { setCell } from '../support/sheet-rows';
import { sheetsStore } from '../../emulator/services/sheets';

const COLLEAGUE = 'luis.huaman@trabajo.gob.pe';
const lima = (s: string) => new Date(`${s}:00-05:00`);

describe('B12: consolidation and the report to the Dirección', () => {
  let w: AttentionWorld;
  let id = '';

  function call<T>(fn: string, args: unknown[], user?: string): T {
    const r = w.ws.callFromSidebar(w.talleres, fn, args, user);
    if (!r.ok) throw new Error(r.error);
    return r.value as T;
  }
  const row = () => w.ws.readTab(w.talleres, 'Módulos').find((m) => m['ID de módulo'] === id)!;
  const toDirection = () => w.ws.outbox().filter((m) => m.to.includes(DIRECTION));
  const reportPdfs = () => w.ws.driveFiles().filter((f) => !f.trashed && f.name.startsWith('Informe a la Dirección'));
  const attendanceTab = () => `Asistencia consolidada ${id}`;
  const surveyTab = () => `Encuestas consolidadas ${id}`;
  /** A tab's charts as the emulated Sheets keeps them: type, title, range (1-based, header included). */
  const charts = (tab: string) =>
    (sheetsStore(w.ws.state).requireSheet(w.talleres, tab).charts ?? []).map((c) => ({
      type: c.type,
      title: c.options.title,
      range: { row: c.ranges[0].row, column: c.ranges[0].column, numRows: c.ranges[0].numRows, numColumns: c.ranges[0].numColumns },
    }));

  beforeAll(() => {
    w = createAttentionWorld({ at: '2026-11-20T09:00' });
    addTeamMember(w.ws, w.talleres, COLLEAGUE, 'Luis Huamán', ['consultor']);
    id = fillReportModule(w.ws, w.talleres).moduleId;
  });

  test('before the last session ended: no report; a consultant who is not a coordinator cannot send it', () => {
    const before = call<ReportSendResult>('sendModuleReport', [id, false]);
    expect(before.ok).toBe(false);
    expect(before.message).toMatch(/^El informe se envía cuando haya terminado la última sesión del módulo \(jueves 10 de diciembre de 2026/);
    const colleague = w.ws.callFromSidebar(w.talleres, 'sendModuleReport', [id, false], COLLEAGUE);
    expect(colleague.ok).toBe(false);
    if (!colleague.ok) expect(colleague.error).toMatch(/coordina/i);
    expect(toDirection()).toHaveLength(0);
    expect(reportPdfs()).toHaveLength(0);
  });

  test('a day after the last session the clock consolidates the module by itself, once', () => {
    w.ws.advanceTo(lima(AFTER_END));
    expect(w.ws.sheetNames(w.talleres)).not.toContain(attendanceTab());
    w.ws.advanceTo(lima('2026-12-11T21:30'));
    expect(w.ws.sheetNames(w.talleres)).toEqual(expect.arrayContaining([attendanceTab(), surveyTab()]));
    expect(row().Consolidado).toBeInstanceOf(Date);
    const auto = w.ws.readTab(w.talleres, 'Registro de auditoría').filter((a) => a.Acción === 'Módulo consolidado (automático)');
    expect(auto).toHaveLength(1);
    w.ws.advanceTo(lima('2026-12-13T09:00'));
    expect(w.ws.readTab(w.talleres, 'Registro de auditoría').filter((a) => a.Acción === 'Módulo consolidado (automático)')).toHaveLength(1);
  });

  test('the tabs: per-session attendance, the matrix (names only), satisfaction per session, the distribution', () => {
    const a = w.ws.values(w.talleres, attendanceTab());
    const header = a.findIndex((r) => r[0] === 'Sesión' && r[1] === 'Asistentes');
    expect(a.slice(header + 1, header + 4).map((r) => [r[0], r[1]])).toEqual([
      ['Sesión 1', F.attendedPerSession[0]],
      ['Sesión 2', F.attendedPerSession[1]],
      ['Sesión 3', F.attendedPerSession[2]],
    ]);
    const m = a.findIndex((r) => r[0] === 'N.°');
    expect(a.slice(m + 1, m + 5).map((r) => r.slice(0, 8))).toEqual([
      [1, 'María José Quispe', 'Sí', 'Sí', 'Sí', 3, 100, 'Sí'],
      [2, "D'Angelo Peña", 'Sí', '', 'Sí', 2, 67, 'Sí'],
      [3, '=HYPERLINK("http://x","Raúl")', 'Sí', 'Sí', 'Sí', 3, 100, 'Sí'],
      [4, 'Lucía Ñahui', '', '', '', 0, 0, 'No'],
    ]);
    // Text, never a formula; and nobody's document or email.
    expect(w.ws.formulas(w.talleres, attendanceTab()).flat().filter((f) => f !== '')).toEqual([]);
    const everything = [...a, ...w.ws.values(w.talleres, surveyTab())].flat().map(String).join('\n');
    expect(everything).not.toMatch(/@|0400000\d|Jesús León|Ángela Torres/);
    const s = w.ws.values(w.talleres, surveyTab());
    const sh = s.findIndex((r) => r[0] === 'Sesión' && r[1] === 'Satisfacción (promedio)');
    expect(s.slice(sh + 1, sh + 4).map((r) => r[1])).toEqual(F.satisfaction);
    expect(s.find((r) => r[0] === 'Todo el módulo' && r[1] === 'Satisfacción con la sesión')!.slice(2, 9)).toEqual([3, 4, 0, 0, 1, 1, 1]);
    expect(s.flat()).toContain('El audio se cortaba');
  });

  test('each tab has its Sheets chart over its per-session rows: attendance per session, satisfaction per session', () => {
    const a = w.ws.values(w.talleres, attendanceTab());
    const s = w.ws.values(w.talleres, surveyTab());
    const ac = charts(attendanceTab());
    const sc = charts(surveyTab());
    expect(ac.map((c) => [c.type, c.title])).toEqual([['COLUMN', 'Asistentes por sesión']]);
    expect(sc.map((c) => [c.type, c.title])).toEqual([['COLUMN', 'Satisfacción por sesión (1 a 5)']]);
    const cells = (rows: unknown[][], r: { row: number; column: number; numRows: number; numColumns: number }) =>
      rows.slice(r.row - 1, r.row - 1 + r.numRows).map((x) => x.slice(r.column - 1, r.column - 1 + r.numColumns));
    expect(cells(a, ac[0].range)).toEqual([['Sesión', 'Asistentes'], ['Sesión 1', 4], ['Sesión 2', 2], ['Sesión 3', 3]]);
    expect(cells(s, sc[0].range)).toEqual([['Sesión', 'Satisfacción (promedio)'], ['Sesión 1', 4.5], ['Sesión 2', 3], ['Sesión 3', '']]);
  });

  test('«Consolidar» twice gives the same tabs; a person\'s edits in other tabs stay', () => {
    setCell(w.ws, w.talleres, 'Inscripciones', 'ID de inscripción', 'I-4', 'Preguntas', 'Nota escrita por una persona');
    const first = call<ConsolidationResult>('consolidateModule', [id], COLLEAGUE);
    expect(first.ok).toBe(true);
    const a1 = w.ws.values(w.talleres, attendanceTab());
    const s1 = w.ws.values(w.talleres, surveyTab());
    const tabs1 = w.ws.sheetNames(w.talleres);
    w.ws.advanceBy(60_000);
    const second = call<ConsolidationResult>('consolidateModule', [id], COLLEAGUE);
    expect(second.ok).toBe(true);
    const drop = (rows: unknown[][]) => rows.filter((_, i) => i !== 1); // row 2 says when
    expect(drop(w.ws.values(w.talleres, attendanceTab()))).toEqual(drop(a1));
    expect(drop(w.ws.values(w.talleres, surveyTab()))).toEqual(drop(s1));
    expect(w.ws.sheetNames(w.talleres)).toEqual(tabs1);
    // Replaced, not added to: still one chart each.
    expect(charts(attendanceTab())).toHaveLength(1);
    expect(charts(surveyTab())).toHaveLength(1);
    expect(w.ws.readTab(w.talleres, 'Inscripciones').find((r) => r['ID de inscripción'] === 'I-4')!.Preguntas).toBe('Nota escrita por una persona');
  });

  test('no recipient: a refusal that names the setting; nothing made', () => {
    setSetting(w.ws, w.talleres, 'Correo de la Dirección (informe del módulo)', '');
    const r = call<ReportSendResult>('sendModuleReport', [id, false]);
    expect(r.ok).toBe(false);
    expect(r.message).toContain('«Correo de la Dirección (informe del módulo)»');
    expect(toDirection()).toHaveLength(0);
    expect(reportPdfs()).toHaveLength(0);
    setSetting(w.ws, w.talleres, 'Correo de la Dirección (informe del módulo)', DIRECTION);
  });

  test('the report reaches the Dirección once, with its PDF attached and kept in the module\'s folder', () => {
    const view = call<ModuleReportView>('getModuleReportView', [id]);
    if (!view.ok) throw new Error(view.message);
    expect(view).toMatchObject({ ended: true, canSend: true, canSendNew: false, recipient: DIRECTION, report: { version: 0 } });
    expect(view.figures).toMatchObject({ registered: F.registered, confirmed: F.confirmed, waiting: F.waiting, withdrawn: F.withdrawn, meetsRule: F.meetsRule, certificatesIssued: F.certificates });

    const r = call<ReportSendResult>('sendModuleReport', [id, false, 0]);
    expect(r).toMatchObject({ ok: true, message: `Se envió la versión 1 del informe a ${DIRECTION}, con el PDF adjunto.` });
    const mails = toDirection();
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Informe del módulo «Aprende a Emprender – Diciembre»');
    expect(mails[0].attachments).toHaveLength(1);
    expect(mails[0].attachments[0].contentType).toBe('application/pdf');

    const pdfs = reportPdfs();
    expect(pdfs).toHaveLength(1);
    expect(pdfs[0].name).toBe('Informe a la Dirección – Aprende a Emprender – Diciembre – v1.pdf');
    const folderUrl = String(row()['Carpeta del módulo']);
    expect(folderUrl).toContain(pdfs[0].parents[0]);
    expect(Buffer.from(mails[0].attachments[0].base64, 'base64').equals(Buffer.from(w.ws.driveFile(pdfs[0].id).bytes))).toBe(true);
    const text = pdfText(w.ws.driveFile(pdfs[0].id).bytes).join(' ');
    for (const s of ['Informe del módulo', 'Cifras del módulo', 'Inscritos confirmados', 'María José Quispe', "D'Angelo Peña", 'Muy útil, gracias', '3 de 4']) expect(text).toContain(s);
    expect(text).not.toMatch(/0400000\d|@gmail/);

    expect(row()).toMatchObject({ 'Versión del informe': 1, 'Envío del informe': 'enviado', 'Informe a la Dirección': `https://drive.google.com/file/d/${pdfs[0].id}/view?usp=drivesdk` });
    expect(row()['Informe enviado']).toBeInstanceOf(Date);

    // Pressed again: nothing goes; it says when and to whom, and how to send a corrected one.
    const again = call<ReportSendResult>('sendModuleReport', [id, false]);
    expect(again.ok).toBe(false);
    expect(again.message).toMatch(/^La versión 1 del informe ya se envió el .* a direccion\.informes@trabajo\.gob\.pe\. .*«Enviar nueva versión»/);
    expect(toDirection()).toHaveLength(1);
    expect(reportPdfs()).toHaveLength(1);
  });

  test('«Enviar nueva versión» sends version 2 once; a double click sends nothing more; both PDFs kept', () => {
    const r = call<ReportSendResult>('sendModuleReport', [id, true, 1]);
    expect(r.ok).toBe(true);
    expect(r.view).toMatchObject({ ok: true, report: { version: 2, delivery: 'enviado' }, canSend: false, canSendNew: true });
    const double = call<ReportSendResult>('sendModuleReport', [id, true, 1]);
    expect(double.ok).toBe(false);
    expect(double.message).toContain('versión 2');
    const mails = toDirection();
    expect(mails.map((m) => m.subject)).toEqual(['Informe del módulo «Aprende a Emprender – Diciembre»', 'Informe del módulo «Aprende a Emprender – Diciembre» (versión 2)']);
    expect(reportPdfs().map((f) => f.name.slice(-6)).sort()).toEqual(['v1.pdf', 'v2.pdf']);
    expect(row()['Versión del informe']).toBe(2);
    const audit = w.ws.readTab(w.talleres, 'Registro de auditoría').filter((a) => a.Acción === 'Informe enviado a la Dirección' && a.Resultado === 'Correcto');
    expect(audit).toHaveLength(2);
    // No journal entry says 'enviando'.
    expect(Object.entries(w.ws.properties(w.talleres)).filter(([k, v]) => k.includes('informe-modulo') && v.startsWith('enviando'))).toEqual([]);
  });

  test('a Ley 29733 deletion rewrites the consolidated tabs without her and says the sent reports name her', () => {
    const named = () => w.ws.values(w.talleres, attendanceTab()).some((r) => r.includes('María José Quispe'));
    expect(named()).toBe(true);
    const r = call<{ ok: boolean; message: string }>('deletePersonData', ['04000001', '04000001']);
    expect(r.ok).toBe(true);
    expect(r.message).toContain(`Se rehízo el consolidado del módulo ${id}`);
    expect(r.message).toContain(`El informe a la Dirección del módulo ${id} incluye su nombre`);
    expect(named()).toBe(false);
    // The matrix keeps her line (the attendance figures stay), without the name.
    expect(w.ws.values(w.talleres, attendanceTab()).filter((row) => row[0] === 1)).toHaveLength(1);
  });
});
