/**
 * B05 invitations in the emulator, with the built bundle in both spreadsheets (issue 11): a
 * module's banner is validated and its registration open; the consultant imports a list of 500
 * addresses (with its legal basis) and presses «Enviar invitaciones», which also queues earlier
 * registrants who accepted news and citizens invited during their attention. The mail quota (300
 * a day here) is shared with the attention flow: 30 appointments tomorrow still need their
 * reminder at 18:00. The invitations take what is left after that reserve, wait for the next day
 * and finish then; tomorrow's reminders all go out on time. Addresses in 'Bajas de difusión' are
 * skipped, also when they unsubscribed after being queued. One personal email each.
 */
import type { InvitationActionResult, InvitationStatus, ModuleInput, SaveModuleResult } from '../../src/api';
import { sheetsStore } from '../../emulator/services/sheets';
import { LEGAL_BASES, INVITATION_MESSAGES as M, INVITATION_NOTES as N } from '../../src/domain/messages/workshops-invitations';
import { ATTENTION_MAIL_MARGIN } from '../../src/domain/workshops/invitations';
import { createAttentionWorld, importReport, makeReport, setSetting, type AttentionWorld } from '../support/attention-world';
import { readFormulas } from '../support/formulas';

const WEB_APP = 'https://script.google.com/macros/s/AKfycbInvitacionesPrueba123/exec';
const MODULE: ModuleInput = {
  requestId: 'form-0001-invitaciones',
  name: 'Aprende a Emprender – IV 2026',
  year: 2026,
  quarter: 'IV',
  audience: 'Personas con una idea de negocio',
  capacity: 60,
  minSessions: 2,
  sessions: [
    { topic: 'Modelo de negocio', date: '2026-12-15', startTime: '18:00', endTime: '20:00', speaker: 'José Ñahui', speakerEmail: 'jose.nahui@gmail.com' },
    { topic: 'Costos y precios', date: '2026-12-17', startTime: '18:00', endTime: '20:00', speaker: 'María Castañeda', speakerEmail: 'maria.castaneda@gmail.com' },
  ],
};
const QUOTA = 300;
const TOMORROW = '2026-11-28';
const LIST_SIZE = 500;
const listAddress = (i: number) => `emprendedor.${String(i).padStart(4, '0')}@correo.pe`;

function cellLetters(col: number): string {
  let letters = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Types values into a tab's row found by its ID column (as a person would). */
function setCells(w: AttentionWorld, tab: string, idHeader: string, id: string, cells: Record<string, string>, ss = w.talleres): void {
  const [headers, ...rows] = w.ws.values(ss, tab);
  const h = headers.map(String);
  const row = rows.findIndex((r) => r[h.indexOf(idHeader)] === id);
  if (row < 0) throw new Error(`no ${id} in ${tab}`);
  for (const [header, value] of Object.entries(cells)) w.ws.typeInto(ss, tab, `${cellLetters(h.indexOf(header))}${row + 2}`, value, { confirmWarning: true });
}

/** Appends rows to a tab (values by header), as a person pasting them. */
function appendRows(w: AttentionWorld, tab: string, records: Record<string, unknown>[]): void {
  const values = w.ws.values(w.talleres, tab);
  const headers = values[0].map(String);
  let last = values.length;
  while (last > 1 && values[last - 1].every((v) => v === '' || v === null)) last--;
  const matrix = records.map((r) => headers.map((h) => (h in r ? r[h] : '')));
  sheetsStore(w.ws.state).enterValues(w.talleres, tab, last + 1, 1, matrix as never);
}

describe('B05: 500 invitations across two days of quota, tomorrow\'s reminders first', () => {
  let w: AttentionWorld;
  let id = '';
  const call = <T>(fn: string, args: unknown[], user?: string): T => {
    const r = w.ws.callFromSidebar(w.talleres, fn, args, user);
    if (!r.ok) throw new Error(r.error);
    return r.value as T;
  };
  const invitations = () => w.ws.readTab(w.talleres, 'Invitaciones');
  const invitationMails = () => w.ws.outbox().filter((m) => m.subject.startsWith('Invitación: «Aprende a Emprender – IV 2026»'));

  beforeAll(() => {
    w = createAttentionWorld({ at: '2026-11-27T08:00' });
    w.ws.setQuota('emailRecipients', QUOTA);
    const saved = call<SaveModuleResult>('saveModule', [MODULE]);
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    id = saved.module.id;
    // Tomorrow's 30 appointments in the attention spreadsheet: their reminders go at 18:00.
    const report = makeReport(TOMORROW, 30);
    const imported = importReport(w.ws, w.atenciones, report.fileName, report.bytes);
    if (!imported.ok || !imported.value.ok) throw new Error('the import failed');
    // Two citizens were invited to workshops during their attention.
    setCells(w, 'Citas', 'ID de cita', report.rows[0].code, { 'Invitación talleres': 'enviado' }, w.atenciones);
    setCells(w, 'Citas', 'ID de cita', report.rows[1].code, { 'Invitación talleres': 'enviado' }, w.atenciones);
    // Earlier registrations: two accepted news, one did not, one is already in this module.
    appendRows(w, 'Inscripciones', [
      { 'ID de inscripción': 'R-OLD-1', 'ID de módulo': 'M-ANTERIOR', Correo: 'lucia.rojas@gmail.com', 'Nombres y apellidos': 'Lucía Rojas', 'Acepta novedades': true, Estado: 'Inscrito' },
      { 'ID de inscripción': 'R-OLD-2', 'ID de módulo': 'M-ANTERIOR', Correo: 'Pedro.Ramos@Gmail.com', 'Nombres y apellidos': 'Pedro Ramos', 'Acepta novedades': true, Estado: 'Inscrito' },
      { 'ID de inscripción': 'R-OLD-3', 'ID de módulo': 'M-ANTERIOR', Correo: 'sin.novedades@gmail.com', 'Nombres y apellidos': 'No Quiere', 'Acepta novedades': false, Estado: 'Inscrito' },
      { 'ID de inscripción': 'R-OLD-4', 'ID de módulo': 'M-ANTERIOR', Correo: 'ya.inscrita@gmail.com', 'Nombres y apellidos': 'Ya Inscrita', 'Acepta novedades': true, Estado: 'Inscrito' },
      { 'ID de inscripción': 'R-NEW-1', 'ID de módulo': id, Correo: 'ya.inscrita@gmail.com', 'Nombres y apellidos': 'Ya Inscrita', 'Acepta novedades': true, Estado: 'Inscrito' },
    ]);
    // One address asked earlier to receive nothing more.
    appendRows(w, 'Bajas de difusión', [{ Correo: listAddress(7), Fecha: new Date('2026-11-01T15:00:00Z'), Medio: 'Aplicación web' }]);
    setSetting(w.ws, w.talleres, 'Enlace de la aplicación web', WEB_APP);
  });

  test('before the banner is validated nothing goes, and the panel says why', () => {
    const r = call<InvitationActionResult>('sendInvitations', [id]);
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/^Aún no se pueden enviar invitaciones: /);
    const status = call<InvitationStatus>('getInvitationStatus', [id]);
    expect(status).toMatchObject({ allowed: false, released: false });
    expect(status.blockedReason).toBe(r.message);
    setCells(w, 'Módulos', 'ID de módulo', id, { Banner: 'Validado', 'Enlace del banner': 'https://drive.google.com/file/d/1Banner/view' });
    expect(call<InvitationActionResult>('sendInvitations', [id]).message).toBe(M.registrationNotOpen);
    setCells(w, 'Módulos', 'ID de módulo', id, { Estado: 'Inscripción abierta' });
    expect(call<InvitationActionResult>('sendInvitations', [id]).message).toBe(M.noRegistrationLink);
    setCells(w, 'Módulos', 'ID de módulo', id, { 'Enlace de inscripción': 'https://forms.gle/InscripcionI2027' });
    expect(w.ws.outbox()).toHaveLength(0);
    expect(invitations()).toHaveLength(0);
  });

  test('a list needs its legal basis; invalid addresses are reported by row and repeated ones collapsed', () => {
    const lines = ['Nombre,Correo'];
    for (let i = 1; i <= LIST_SIZE; i++) lines.push(`Persona ${i},${listAddress(i)}`);
    lines.push('Repetida,EMPRENDEDOR.0001@correo.pe', 'Mal escrita,no-es-un-correo', 'Otra mala,=HYPERLINK("x")');
    const file = { name: 'feria.csv', text: lines.join('\n') };
    expect(call<InvitationActionResult>('importInvitationList', [id, file, 'ok'])).toEqual({ ok: false, message: M.legalBasisMissing });
    const r = call<InvitationActionResult>('importInvitationList', [id, file, 'Consentimiento recogido en la feria del 10/11/2026']);
    expect(r.ok).toBe(true);
    expect(r.message).toBe(
      M.imported({ added: LIST_SIZE - 1, already: 0, unsubscribed: 1, invalid: 2, duplicates: 1, invalidRows: [LIST_SIZE + 3, LIST_SIZE + 4] }),
    );
    // Importing the same list again adds nothing.
    const again = call<InvitationActionResult>('importInvitationList', [id, file, 'Consentimiento recogido en la feria del 10/11/2026']);
    expect(again.message).toMatch(/^Se agregaron 0 correos/);
    expect(invitations()).toHaveLength(LIST_SIZE - 1);
    expect(w.ws.outbox()).toHaveLength(0); // imported, not released yet
  });

  test('«Enviar invitaciones» queues earlier registrants who accepted news and the attention\'s invitees, once', () => {
    const r = call<InvitationActionResult>('sendInvitations', [id]);
    expect(r).toMatchObject({ ok: true, message: M.queued(4, LIST_SIZE - 1 + 4) });
    const rows = invitations();
    const bySource = (s: string) => rows.filter((x) => x.Origen === s);
    expect(bySource('Lista importada')).toHaveLength(LIST_SIZE - 1);
    expect(bySource('Inscripción anterior').map((x) => x.Correo).sort()).toEqual(['lucia.rojas@gmail.com', 'pedro.ramos@gmail.com']);
    expect(bySource('Inscripción anterior').every((x) => x['Base legal'] === LEGAL_BASES.registration)).toBe(true);
    expect(bySource('Atención')).toHaveLength(2);
    expect(bySource('Atención').every((x) => x['Base legal'] === LEGAL_BASES.attention)).toBe(true);
    // IDs are opaque: no address in them; each is unique.
    expect(new Set(rows.map((x) => x['ID de invitación'])).size).toBe(rows.length);
    expect(rows.every((x) => /^INV-[0-9A-V]{16}$/.test(String(x['ID de invitación'])))).toBe(true);
    expect(call<InvitationActionResult>('sendInvitations', [id]).message).toBe(M.queued(0, rows.length));
    expect(invitations()).toHaveLength(rows.length);
  });

  test('day 1: the job sends what the quota leaves after tomorrow\'s reminders; they all go at 18:00', () => {
    // Someone unsubscribes after being queued (the web app writes 'Bajas de difusión').
    appendRows(w, 'Bajas de difusión', [{ Correo: listAddress(499), Fecha: new Date('2026-11-27T13:30:00Z'), Medio: 'Aplicación web' }]);
    // And someone on the list registers in the module by themselves before their turn.
    appendRows(w, 'Inscripciones', [
      { 'ID de inscripción': 'R-NEW-2', 'ID de módulo': id, Correo: listAddress(498), 'Nombres y apellidos': 'Persona 498', 'Acepta novedades': false, Estado: 'Inscrito' },
    ]);
    const fired = w.ws.advanceTo('2026-11-27T17:00');
    const runs = fired.filter((e) => e.functionName === 'runInvitations');
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.every((e) => e.status === 'completed')).toBe(true);
    const firstDay = invitationMails();
    expect(firstDay).toHaveLength(QUOTA - 30 - ATTENTION_MAIL_MARGIN);
    const status = call<InvitationStatus>('getInvitationStatus', [id]);
    expect(status.counts.sent).toBe(firstDay.length);
    expect(status.waiting).toBeGreaterThan(0);
    // Only one trigger for the job, however many modules or rows.
    expect(w.ws.triggers(w.talleres).filter((t) => t.handler === 'runInvitations' && t.nextRun !== undefined).length).toBeLessThanOrEqual(1);
    // Pressing «Enviar invitaciones» again while the job waits for quota sends nothing more and
    // leaves no pile of fired triggers (Apps Script keeps them, and allows 20 per user and script).
    for (const at of ['2026-11-27T17:10', '2026-11-27T17:20', '2026-11-27T17:30']) {
      expect(call<InvitationActionResult>('sendInvitations', [id]).ok).toBe(true);
      w.ws.advanceTo(at);
    }
    expect(invitationMails()).toHaveLength(firstDay.length);
    expect(w.ws.triggers(w.talleres).filter((t) => t.handler === 'runInvitations').length).toBeLessThanOrEqual(2);
  });

  test('day 1, 18:00: every one of tomorrow\'s 30 reminders goes out on time (the invitations left them the quota)', () => {
    const evening = w.ws.advanceTo('2026-11-27T18:20');
    const reminders = evening.filter((e) => e.functionName === 'runReminders');
    expect(reminders.length).toBeGreaterThan(0);
    expect(reminders[0].logs.join('\n')).toContain('30 recordatorios enviados.');
    expect(w.ws.readTab(w.atenciones, 'Citas').filter((c) => c.Recordatorio === 'enviado')).toHaveLength(30);
  });

  test('day 2: the rest goes after the next reminder run; 500+ personal emails, none twice, unsubscribed skipped', () => {
    w.ws.advanceTo('2026-11-28T21:00');
    const mails = invitationMails();
    const rows = invitations();
    const expected = rows.length - 2; // one queued address unsubscribed afterwards (the other was never queued), one registered
    expect(mails).toHaveLength(expected);
    expect(mails.every((m) => m.to.length === 1 && m.cc.length === 0 && m.bcc.length === 0)).toBe(true);
    expect(new Set(mails.map((m) => m.to[0])).size).toBe(expected);
    expect(mails.some((m) => m.to[0] === listAddress(7) || m.to[0] === listAddress(499))).toBe(false);
    const skipped = rows.filter((x) => x['Detalle'] === N.unsubscribed);
    expect(skipped.map((x) => x.Correo).sort()).toEqual([listAddress(499)]); // listAddress(7) was never queued
    expect(rows.filter((x) => x['Detalle'] === N.alreadyRegistered).map((x) => x.Correo)).toEqual([listAddress(498)]);
    expect(mails.some((m) => m.to[0] === listAddress(498))).toBe(false);
    expect(rows.filter((x) => x['Envío'] === 'enviado')).toHaveLength(expected);
    // Sent on two Lima days.
    const days = new Set(rows.filter((x) => x['Envío'] === 'enviado').map((x) => (x.Enviado as Date).toISOString().slice(0, 10)));
    expect([...days].sort()).toEqual(['2026-11-27', '2026-11-28']);
    // Each carries the module, the registration link, the banner link and its own unsubscribe link.
    const mail = mails[0];
    expect(mail.body).toContain('https://forms.gle/InscripcionI2027');
    expect(mail.body).toContain('https://drive.google.com/file/d/1Banner/view');
    expect(mail.body).toContain(`${WEB_APP}?`);
    expect(new Set(mails.map((m) => /\/exec\?[^\s]+/.exec(m.body)?.[0])).size).toBe(expected);
    // The job is done: no trigger left.
    expect(w.ws.triggers(w.talleres).filter((t) => t.handler === 'runInvitations' && t.nextRun !== undefined)).toHaveLength(0);
    const status = call<InvitationStatus>('getInvitationStatus', [id]);
    expect(status.counts).toEqual({ queued: 0, sent: expected, skipped: 2, review: 0 });
    expect(readFormulas(w.ws, w.talleres, 'Invitaciones').flat().filter((f) => f !== '')).toEqual([]);
  });

  test('a stranger can neither send nor read', () => {
    const r = w.ws.callFromSidebar(w.talleres, 'getInvitationStatus', [id], 'extrano@gmail.com');
    expect(r.ok).toBe(false);
  });
});
