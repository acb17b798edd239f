/**
 * Issue 11's "done when", one module from its planning to its full list of registrants, in the
 * emulator with the built bundle in both spreadsheets:
 *
 * - a module of 4 sessions is created; the speakers are invited and answer (one declines);
 * - the programme goes to the Sub Dirección; the banner is requested, received and validated;
 * - registration opens (one form for every module, the module's own link), the web app is deployed;
 * - invitations go to 500 people across two days of mail quota, and tomorrow's 30 reminders of
 *   the attention flow still go out at 18:00;
 * - 100 people register for 60 places in an interleaved burst (each submission's handler has the
 *   next submission run inside it at some call k; handlers that find the sheet busy leave their
 *   response pending): 3 of them a second time, 2 with invalid data. Exactly 60 confirmed, the
 *   other 35 waiting, in the order they sent the form;
 * - 5 confirmed people withdraw by the link in their email; the first 5 waiting are promoted;
 * - every email once.
 */
import type { ExecutionRecord } from '../../emulator';
import type { InvitationActionResult, ModuleInput, SaveModuleResult } from '../../src/api';
import { CONSENT_CHOICE, moduleChoice, NEWS_CHOICE, REGISTRATION_QUESTIONS as Q } from '../../src/domain/workshops/registration-form';
import { createAttentionWorld, importReport, makeReport, setSetting, type AttentionWorld } from '../support/attention-world';

const MODULE: ModuleInput = {
  requestId: 'form-journey-0001',
  name: 'Aprende a Emprender – I 2027',
  year: 2027,
  quarter: 'I',
  audience: 'Personas con una idea de negocio o un negocio en marcha',
  capacity: 60,
  minSessions: 3,
  whatsappUrl: 'https://chat.whatsapp.com/GrupoAprende2027',
  sessions: [
    { topic: 'Mi idea de negocio', date: '2027-01-12', startTime: '18:00', endTime: '20:00', speaker: 'Carmen Vílchez', speakerEmail: 'carmen.vilchez@gmail.com' },
    { topic: 'Costos y precios', date: '2027-01-14', startTime: '18:00', endTime: '20:00', speaker: 'José Ñahui', speakerEmail: 'jose.nahui@gmail.com' },
    { topic: 'Marketing digital', date: '2027-01-19', startTime: '18:00', endTime: '20:00', speaker: 'María Castañeda', speakerEmail: 'maria.castaneda@gmail.com' },
    { topic: 'Formalización', date: '2027-01-21', startTime: '18:00', endTime: '20:00', speaker: 'Luis Huamán', speakerEmail: 'luis.huaman@gmail.com' },
  ],
};
const SUB_DIRECTOR = 'subdireccion@trabajo.gob.pe';
const DIRECTION = 'direccion.banners@trabajo.gob.pe';
const QUOTA = 300;
const TOMORROW = '2026-11-28';
const LIST_SIZE = 500;
const BURST = 100;
const DUPLICATES = [10, 40, 70]; // submission i repeats the person of submission i - 5
const INVALID = [25, 90];

const FIRST = ['Ana', 'Rosa', 'Jorge', 'Lucía', 'Pedro', 'Ñusta', 'Raúl', 'Elena', 'Hugo', 'Sofía'];
const LAST = ['Quispe', 'Mamani', 'Huamán', 'Flores', 'Rojas', 'Vílchez', 'Condori', 'Salas', 'Paredes', 'Ríos'];

/** The person of submission i (duplicates repeat an earlier one). */
function personOf(i: number): number {
  return DUPLICATES.includes(i) ? i - 5 : i;
}
const emailOf = (p: number) => `participante.${String(p).padStart(3, '0')}@gmail.com`;

describe('issue 11: a module from its planning to its full list of registrants', () => {
  let w: AttentionWorld;
  let id = '';
  let formId = '';
  let webApp = '';
  /** Response ID → submission index, and the order the form received them. */
  const submitted: number[] = [];

  const call = <T>(fn: string, args: unknown[]): T => {
    const r = w.ws.callFromSidebar(w.talleres, fn, args);
    if (!r.ok) throw new Error(`${fn}: ${r.error}`);
    return r.value as T;
  };
  const registrations = () => w.ws.readTab(w.talleres, 'Inscripciones').filter((r) => r['ID de módulo'] === id);

  function answers(i: number): Record<string, string | string[]> {
    const p = personOf(i);
    const invalid = INVALID.includes(i);
    return {
      [Q.module]: moduleChoice(id, MODULE.name!, ''),
      [Q.documentType]: 'DNI',
      [Q.documentNumber]: invalid && i === 25 ? '123' : String(40_000_000 + p),
      [Q.names]: FIRST[p % 10]!,
      [Q.surnames]: `${LAST[Math.floor(p / 10) % 10]} ${LAST[p % 10]}`,
      [Q.email]: invalid && i === 90 ? 'participante.090-arroba-gmail.com' : emailOf(p),
      [Q.phone]: '',
      [Q.region]: 'Lima Metropolitana',
      [Q.stage]: p % 2 ? 'Negocio en marcha' : 'Idea de negocio',
      [Q.sector]: 'Comercio',
      [Q.questions]: '',
      [Q.presents]: 'No',
      [Q.consent]: [CONSENT_CHOICE],
      [Q.news]: p % 3 ? [NEWS_CHOICE] : [],
    };
  }

  beforeAll(() => {
    w = createAttentionWorld({ at: '2026-11-27T08:00' });
    w.ws.setQuota('emailRecipients', QUOTA);
    setSetting(w.ws, w.talleres, 'Correo de la Sub Dirección', SUB_DIRECTOR);
    setSetting(w.ws, w.talleres, 'Correo de la Dirección (banners)', DIRECTION);
    // Tomorrow's 30 appointments of the attention flow: their reminders go at 18:00.
    const report = makeReport(TOMORROW, 30);
    const imported = importReport(w.ws, w.atenciones, report.fileName, report.bytes);
    if (!imported.ok || !imported.value.ok) throw new Error('the import failed');
  }, 60_000);

  test('B01–B04: the module, its speakers (one declines), the programme and the banner', () => {
    const saved = call<SaveModuleResult>('saveModule', [MODULE]);
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    id = saved.module.id;
    expect(call<{ ok: boolean }>('inviteSpeakers', [id]).ok).toBe(true);
    const sessions = w.ws.readTab(w.talleres, 'Sesiones');
    w.ws.respondToEvent(String(sessions[0]!['ID evento']), 'carmen.vilchez@gmail.com', 'accepted');
    w.ws.respondToEvent(String(sessions[1]!['ID evento']), 'jose.nahui@gmail.com', 'declined');
    const view = call<{ modules: { id: string; speakerWarning: string; sessions: { speakerAnswer: string }[] }[] }>('getModules', []);
    const mod = view.modules.find((m) => m.id === id)!;
    expect(mod.sessions.map((s) => s.speakerAnswer)).toEqual(['Aceptó', 'Declinó', 'Pendiente', 'Pendiente']);
    expect(mod.speakerWarning).not.toBe('');
    expect(call<{ ok: boolean }>('sendProgramme', [id]).ok).toBe(true);
    expect(w.ws.outbox().filter((m) => m.to.includes(SUB_DIRECTOR))).toHaveLength(1);
    expect(call<{ ok: boolean }>('requestBanner', [id]).ok).toBe(true);
    expect(w.ws.outbox().filter((m) => m.to.includes(DIRECTION))).toHaveLength(1);
    expect(call<{ ok: boolean }>('setBannerState', [id, { state: 'Recibido', link: 'https://drive.google.com/file/d/1BannerI2027/view' }]).ok).toBe(true);
    expect(call<{ ok: boolean }>('setBannerState', [id, { state: 'Validado' }]).ok).toBe(true);
  });

  test('B05: registration opens with its own link, and the web app is deployed', () => {
    const opened = call<{ ok: boolean; url: string }>('openRegistration', [id]);
    expect(opened.ok).toBe(true);
    formId = String(w.ws.readTab(w.talleres, 'Configuración').find((r) => r['Parámetro'] === 'Formulario de inscripción (ID)')?.['Valor'] ?? '');
    webApp = w.ws.deployWebApp(w.talleres);
    expect(webApp).toMatch(/\/exec$/);
  });

  test('500 invitations across two days of quota; tomorrow\'s 30 reminders go out first, at 18:00', () => {
    const lines = ['Nombre,Correo', ...Array.from({ length: LIST_SIZE }, (_, i) => `Persona ${i + 1},invitado.${String(i + 1).padStart(4, '0')}@correo.pe`)];
    const imported = call<InvitationActionResult>('importInvitationList', [id, { name: 'feria.csv', text: lines.join('\n') }, 'Consentimiento dado en la feria de emprendimiento de noviembre']);
    expect(imported.ok).toBe(true);
    expect(call<InvitationActionResult>('sendInvitations', [id]).ok).toBe(true);
    const invitationMails = () => w.ws.outbox().filter((m) => m.subject.startsWith('Invitación: «Aprende a Emprender – I 2027»'));
    w.ws.advanceTo('2026-11-27T17:30');
    const day1 = invitationMails().length;
    expect(day1).toBeGreaterThan(0);
    expect(day1).toBeLessThan(LIST_SIZE);
    w.ws.advanceTo('2026-11-27T18:30');
    const reminders = w.ws.outbox().filter((m) => /recordatorio/i.test(m.subject));
    expect(reminders).toHaveLength(30);
    w.ws.advanceTo('2026-11-28T21:00');
    const all = invitationMails();
    expect(all).toHaveLength(LIST_SIZE);
    expect(new Set(all.map((m) => m.to[0])).size).toBe(LIST_SIZE);
    expect(all.every((m) => m.to.length === 1 && m.cc.length === 0 && m.bcc.length === 0)).toBe(true);
    expect(all[0]!.body).toContain(webApp); // the unsubscribe link of the web app
  }, 240_000);

  test('100 people for 60 places in an interleaved burst: 60 confirmed, the rest waiting in the order they sent it', () => {
    // A day after the invitations finished: the mail quota (counted over 24 hours) is whole again.
    w.ws.advanceTo('2026-11-30T10:00');
    const isSubmit = (e: ExecutionRecord) => e.functionName === 'onRegistrationSubmit';
    // The order the form receives them (i + 1 may be sent while i's handler runs).
    const submit = (i: number) => {
      w.ws.advanceBy(2_000);
      submitted.push(i);
      w.ws.submitForm(formId, answers(i));
    };
    // K: the calls of one submit execution, on the first submission.
    w.ws.advanceBy(2_000);
    submitted.push(0);
    const first = w.ws.submitForm(formId, answers(0)).executions.find(isSubmit)!;
    const K = first.totalCalls;
    expect(K).toBeGreaterThan(10);
    let interleaved = 0;
    for (let i = 1; i < BURST; i += 2) {
      // Submission i's handler has submission i + 1 run inside it, at a call k that sweeps 1..K.
      const k = 1 + ((i * 7) % K);
      let fired = false;
      if (i + 1 < BURST) {
        w.ws.interleave({
          atCall: k,
          match: isSubmit,
          run: () => {
            fired = true;
            submit(i + 1);
          },
        });
      }
      submit(i);
      w.ws.clearFaults();
      if (fired) interleaved++;
      else if (i + 1 < BURST) submit(i + 1);
    }
    expect(interleaved).toBeGreaterThan(30);
    expect(submitted).toHaveLength(BURST);
    // The sweep each submission scheduled settles whatever a busy handler left pending.
    w.ws.advanceBy(10 * 60_000);
    expect(Object.keys(w.ws.project(w.talleres).documentProperties).filter((k) => k.startsWith('SOE_REG_PENDING:'))).toEqual([]);

    const rows = registrations();
    const distinct = BURST - DUPLICATES.length - INVALID.length;
    expect(rows).toHaveLength(distinct);
    expect(rows.filter((r) => r['Estado'] === 'Inscrito')).toHaveLength(60);
    expect(rows.filter((r) => r['Estado'] === 'En lista de espera')).toHaveLength(distinct - 60);
    // In order: the first 60 distinct valid people confirmed, the others waiting, by when they sent it.
    const people = submitted.filter((i) => !INVALID.includes(i) && !DUPLICATES.includes(i)).map((i) => String(40_000_000 + personOf(i)));
    const byDni = new Map(rows.map((r) => [String(r['DNI']), r]));
    expect(people.slice(0, 60).every((d) => byDni.get(d)?.['Estado'] === 'Inscrito')).toBe(true);
    expect(people.slice(60).every((d) => byDni.get(d)?.['Estado'] === 'En lista de espera')).toBe(true);
    const waitingOrder = rows
      .filter((r) => r['Estado'] === 'En lista de espera')
      .sort((a, b) => (a['Fecha de inscripción'] as Date).getTime() - (b['Fecha de inscripción'] as Date).getTime())
      .map((r) => String(r['DNI']));
    expect(waitingOrder).toEqual(people.slice(60));
    // The duplicates updated their first row (two response IDs on it); the invalid went to 'Revisión'.
    for (const i of DUPLICATES) expect(String(byDni.get(String(40_000_000 + personOf(i)))?.['ID de respuesta']).split(' ')).toHaveLength(2);
    expect(w.ws.readTab(w.talleres, 'Revisión').filter((r) => r['Tipo'] === 'Inscripción con datos por corregir')).toHaveLength(2);
  }, 240_000);

  test('5 withdraw by the link in their email; the first 5 waiting are promoted, each told once', () => {
    const confirmed = registrations().filter((r) => r['Estado'] === 'Inscrito').slice(0, 5);
    for (const r of confirmed) {
      const mail = w.ws.outbox().find((m) => m.to.includes(String(r['Correo'])) && m.subject.startsWith('Inscripción confirmada'))!;
      const link = /(https:\/\/script\.google\.com\/macros\/s\/[^\s]+\/exec\?t=[^\s]+)/.exec(mail.body)?.[1];
      expect(link).toBeDefined();
      const page = w.ws.openWebApp(link!, { user: null });
      expect(page.body).toContain('Retirar su inscripción');
      expect(page.body).not.toContain(String(r['DNI']));
      const token = new URL(link!).searchParams.get('t')!;
      const done = w.ws.openWebApp(webApp, { method: 'POST', user: null, body: `t=${encodeURIComponent(token)}` });
      expect(done.body).toContain('Retiramos su inscripción');
    }
    const rows = registrations();
    expect(rows.filter((r) => r['Estado'] === 'Retirado')).toHaveLength(5);
    expect(rows.filter((r) => r['Estado'] === 'Inscrito')).toHaveLength(60);
    const promoted = rows.filter((r) => r['Cupo asignado'] instanceof Date);
    expect(promoted).toHaveLength(5);
    expect(promoted.map((r) => r['Aviso de cupo'])).toEqual(['enviado', 'enviado', 'enviado', 'enviado', 'enviado']);
    for (const r of promoted) {
      expect(w.ws.outbox().filter((m) => m.to.includes(String(r['Correo'])) && m.subject.startsWith('Se liberó un cupo'))).toHaveLength(1);
    }
  });

  test('every email once: no person got the same message twice', () => {
    const seen = new Map<string, number>();
    for (const m of w.ws.outbox()) seen.set(`${m.to.join(',')}\u0000${m.subject}`, (seen.get(`${m.to.join(',')}\u0000${m.subject}`) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1)).toEqual([]);
    expect(Object.keys(w.ws.project(w.talleres).documentProperties).filter((k) => k.startsWith('SOE_MAIL:inscripcion') || k.startsWith('SOE_MAIL:espera') || k.startsWith('SOE_MAIL:cupo'))).toEqual([]);
  });
});
