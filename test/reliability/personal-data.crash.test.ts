/**
 * Deleting one person's data at their request (Ley 29733), crashed at every service call of
 * `deletePersonData` (before its effect, after it, killed), then recovered the way a consultant
 * would: asking for the deletion again. She also registered in "Programación Talleres Masivos"
 * (a registration with its form response, attendance, an invitation, an unsubscribe), so the
 * deletion writes both spreadsheets. After recovery nothing in either spreadsheet or the forms
 * identifies her — no DNI, name, email or phone in any tab, no response of hers — while her
 * appointments' and registration's rows stay (statistics), her unsubscribe stays as a
 * fingerprint, and the other citizen's data is untouched.
 */
import type { Workspace } from '../../emulator';
import { formsStore, parsePrefilledUrl } from '../../emulator/services/forms';
import type { PersonChangeResult } from '../../src/api';
import { SURVEY_CODE_QUESTION, SURVEY_FORM } from '../../src/domain/survey-form';
import { crashAtEveryCall, formatFailures, hasEntryPoint, setUpAttentions, type CrashOperation } from '../support/crash-harness';
import { readRows } from '../support/invariants';
import { importReport, makeReport, surveyAnswers, type ReportRow } from '../support/attention-world';
import { createRegistrationForm, putRows } from '../support/workshop-rows';
import { unsubscribeKey } from '../../src/domain/unsubscribe-key';
import { driveStore, FOLDER_MIME } from '../../emulator/services/drive';

const TODAY = '2026-11-27';
const ANA = 'ana.quispe@trabajo.gob.pe';

interface Ctx {
  ss: string;
  talleres: string;
  formId: string;
  registrationFormId: string;
  mariaRegistrationResponse: string;
  maria: ReportRow;
  luis: ReportRow;
  /** Her survey response's ID (the form's), and Luis's. */
  mariaResponse: string;
  luisResponse: string;
  /** B12: her certificate's PDF in the module's folder. */
  pdfId: string;
  last?: PersonChangeResult | string;
}

function call(ws: Workspace, ss: string, fn: string, args: unknown[]): unknown {
  const r = ws.callFromSidebar(ss, fn, args);
  if (!r.ok) throw new Error(`${fn}: ${r.error}`);
  return r.value;
}

/** Finish the appointment and answer its survey from the link in the email; the response's ID. */
function attendAndAnswer(ws: Workspace, ss: string, row: ReportRow, at: string, comment: string): string {
  ws.advanceTo(`${TODAY}T${at}`);
  call(ws, ss, 'startAttention', [row.code]);
  ws.advanceBy(30 * 60_000);
  call(ws, ss, 'finishAttention', [row.code, { observations: `Se orientó a ${row.names}.` }]);
  const mail = ws.outbox().find((m) => m.to.includes(row.email) && /Encuesta de Satisfacción/.test(m.subject))!;
  const { formId, answers } = parsePrefilledUrl(ws.state, /Responda la encuesta aquí: (\S+)/.exec(mail.body)![1]);
  const rest: Record<string, string> = surveyAnswers('', [5, 4, 5, 4], comment);
  delete rest[SURVEY_CODE_QUESTION];
  return ws.submitForm(formId, { ...answers, ...rest }).responseId;
}

const operation: CrashOperation<Ctx> = {
  name: 'personal-data-delete',
  actFunction: 'deletePersonData',
  workspace: { at: `${TODAY}T09:00`, user: ANA },
  setup(ws) {
    const { ss, sibling: talleres } = setUpAttentions(ws, { [ANA]: 'Ana Quispe' });
    const report = makeReport(TODAY, 2, { startTime: '10:00', slotMinutes: 60, consultants: ['Ana Quispe'] });
    const imported = importReport(ws, ss, report.fileName, report.bytes);
    if (!imported.ok || !imported.value.ok) throw new Error('import failed');
    const [maria, luis] = report.rows;
    const mariaResponse = attendAndAnswer(ws, ss, maria, '10:01', 'Vivo en Surco, gracias.');
    const luisResponse = attendAndAnswer(ws, ss, luis, '11:01', 'Todo bien.');
    ws.advanceTo(`${TODAY}T13:00`);
    const formId = ws.forms().find((f) => f.title === SURVEY_FORM.title)!.id;
    const registrationFormId = createRegistrationForm(ws, talleres, ANA);
    const mariaRegistrationResponse = ws.submitForm(registrationFormId, { 'Nombres y apellidos': 'María', DNI: maria.dni }).responseId;
    // B12: her certificate, its PDF in the module's folder.
    const drive = driveStore(ws.state);
    const folder = drive.add({ kind: 'folder', name: 'Módulo [MOD-1]', mimeType: FOLDER_MIME, parents: [drive.root(ANA).id], owner: ANA });
    const pdfId = drive.add({ kind: 'file', name: 'Certificado.pdf', mimeType: 'application/pdf', parents: [folder.id], owner: ANA, bytes: new TextEncoder().encode('%PDF-1.4') }).id;
    putRows(ws, talleres, 'Módulos', [{ 'ID de módulo': 'MOD-1', Estado: 'Inscripción abierta', 'Carpeta del módulo': `https://drive.google.com/drive/folders/${folder.id}` }]);
    putRows(ws, talleres, 'Inscripciones', [
      { 'ID de inscripción': 'INS-1', 'ID de módulo': 'MOD-1', 'ID de respuesta': mariaRegistrationResponse, DNI: maria.dni, 'Nombres y apellidos': `${maria.names} ${maria.lastNames}`, Correo: maria.email, Celular: maria.phone, Consentimiento: true, 'Versión del aviso': 'AV-1', Estado: 'Inscrito' },
      { 'ID de inscripción': 'INS-2', 'ID de módulo': 'MOD-1', DNI: luis.dni, 'Nombres y apellidos': `${luis.names} ${luis.lastNames}`, Correo: luis.email, Estado: 'Inscrito' },
    ]);
    putRows(ws, talleres, 'Asistencia', [{ 'ID de asistencia': 'ASI-1', 'ID de sesión': 'SES-1', 'ID de módulo': 'MOD-1', DNI: maria.dni, 'Nombres y apellidos': `${maria.names} ${maria.lastNames}`, Asistió: true }]);
    putRows(ws, talleres, 'Invitaciones', [{ 'ID de invitación': 'INV-1', 'ID de módulo': 'MOD-1', Correo: maria.email, Origen: 'Atención' }]);
    putRows(ws, talleres, 'Bajas de difusión', [{ Correo: maria.email, Medio: 'Enlace del correo' }]);
    putRows(ws, talleres, 'Certificados', [
      { Código: 'CERT-7K2M-Q9XD-4TRB-H0ZP', 'ID de inscripción': 'INS-1', 'ID de módulo': 'MOD-1', 'Nombre en el certificado': `${maria.names} ${maria.lastNames}`, Módulo: 'Módulo', Estado: 'Vigente', 'ID del PDF': pdfId, PDF: `https://drive.google.com/file/d/${pdfId}/view` },
    ]);
    // Issue 14: she is also the contact person of an institution's request of a workshop (found through her email).
    putRows(ws, talleres, 'Solicitudes externas', [
      { 'ID de solicitud': 'SOL-1', Estado: 'Recibida', Institución: 'CETPRO Uno', Tema: 'Costos', 'Persona de contacto': `${maria.names} ${maria.lastNames}`, Cargo: 'Directora', 'Correo de contacto': maria.email, 'Celular de contacto': maria.phone },
      { 'ID de solicitud': 'SOL-2', Estado: 'Recibida', Institución: 'Instituto Dos', Tema: 'Ventas', 'Persona de contacto': `${luis.names} ${luis.lastNames}`, 'Correo de contacto': luis.email },
    ]);
    return { ss, talleres, formId, registrationFormId, mariaRegistrationResponse, maria, luis, mariaResponse, luisResponse, pdfId };
  },
  act: (ws, ctx) => void ws.callFromSidebar(ctx.ss, 'deletePersonData', [ctx.maria.dni, ctx.maria.dni]),
  recover(ws, ctx) {
    const r = ws.callFromSidebar(ctx.ss, 'deletePersonData', [ctx.maria.dni, ctx.maria.dni]);
    ctx.last = r.ok ? (r.value as PersonChangeResult) : r.error;
  },
  check(ws, ctx) {
    const v: string[] = [];
    if (typeof ctx.last === 'string' || !ctx.last?.ok) v.push(`asking again fails: ${typeof ctx.last === 'string' ? ctx.last : ctx.last?.message}`);
    // Nothing left that identifies her, in any tab (the name is checked by its surname: the
    // platform writes names and surnames in separate columns).
    const identifiers = [ctx.maria.dni, ctx.maria.email, ctx.maria.phone, ctx.maria.lastNames];
    for (const [ss, tabs] of [
      [ctx.ss, ['Citas', 'Revisión', 'Registro de auditoría']],
      [ctx.talleres, ['Inscripciones', 'Asistencia', 'Invitaciones', 'Bajas de difusión', 'Certificados', 'Solicitudes externas', 'Revisión', 'Registro de auditoría']],
    ] as const) {
      for (const tab of tabs) {
        const text = JSON.stringify(ws.values(ss, tab));
        for (const id of identifiers) if (text.includes(id)) v.push(`'${tab}' still holds «${id}»`);
      }
    }
    if (formsStore(ws.state).get(ctx.registrationFormId)!.responses.some((r) => r.id === ctx.mariaRegistrationResponse)) v.push('her registration form response is still in the form');
    const unsubscribes = ws.readTab(ctx.talleres, 'Bajas de difusión').map((r) => r['Correo']);
    if (!unsubscribes.includes(unsubscribeKey(ctx.maria.email))) v.push(`her unsubscribe is not kept as a fingerprint: ${JSON.stringify(unsubscribes)}`);
    const registrations = ws.readTab(ctx.talleres, 'Inscripciones');
    if (registrations.find((r) => r['ID de inscripción'] === 'INS-1')?.['Estado'] !== 'Retirado') v.push('her registration did not leave the open module');
    const luisRegistration = registrations.find((r) => r['ID de inscripción'] === 'INS-2');
    if (luisRegistration?.['DNI'] !== ctx.luis.dni || luisRegistration?.['Correo'] !== ctx.luis.email) v.push("Luis's registration was changed");
    // Issue 14: her request keeps the institution; Luis's request is as it was.
    const requests = ws.readTab(ctx.talleres, 'Solicitudes externas');
    if (requests.find((r) => r['ID de solicitud'] === 'SOL-1')?.['Institución'] !== 'CETPRO Uno') v.push('her request lost its institution');
    if (requests.find((r) => r['ID de solicitud'] === 'SOL-2')?.['Correo de contacto'] !== ctx.luis.email) v.push("Luis's request was changed");
    // B12: her certificate revoked without her name, its PDF in the trash.
    const certificate = ws.readTab(ctx.talleres, 'Certificados')[0];
    if (certificate?.['Estado'] !== 'Revocado' || certificate?.['Nombre en el certificado'] !== '') v.push(`her certificate is not revoked and nameless: ${JSON.stringify(certificate)}`);
    if (!ws.driveFiles().find((f) => f.id === ctx.pdfId)?.trashed) v.push('her certificate PDF is not in the trash');
    const responses = formsStore(ws.state).get(ctx.formId)!.responses.map((r) => r.id);
    if (responses.includes(ctx.mariaResponse)) v.push('her survey response is still in the form');
    if (!responses.includes(ctx.luisResponse)) v.push("Luis's survey response was deleted");
    // Her rows stay for the statistics; Luis's are as they were.
    const rows = readRows(ws, { spreadsheetId: ctx.ss, tab: 'Citas' })?.rows ?? [];
    if (rows.length !== 2) v.push(`'Citas' has ${rows.length} rows, expected 2`);
    const her = rows.find((r) => r.record['ID de cita'] === ctx.maria.code)?.record;
    if (!her) v.push('her appointment row is gone');
    else if (her['Estado'] !== 'Atendida' || her['Puntaje encuesta'] === '') v.push(`her row lost its statistics: ${String(her['Estado'])} / ${String(her['Puntaje encuesta'])}`);
    const his = rows.find((r) => r.record['ID de cita'] === ctx.luis.code)?.record;
    if (!his || his['DNI'] !== ctx.luis.dni || his['Correo'] !== ctx.luis.email) v.push("Luis's row was changed");
    return v;
  },
};

test("deleting a person's data survives a crash at every service call: nothing identifies her after a retry, nobody else is touched", () => {
  if (!hasEntryPoint('deletePersonData')) return;
  const report = crashAtEveryCall(operation, { exhaustiveUpTo: 0, sample: 8, rareMethodCalls: 2 });
  if (report.skipped) return;
  if (report.failures.length) throw new Error(`${report.summary}\n${formatFailures(report)}`);
  expect(report.cases).toBeGreaterThan(0);
});
