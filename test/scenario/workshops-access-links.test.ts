/**
 * B06/B07 in the emulator, with the built bundle in both spreadsheets (issue 12): a module of
 * three sessions with Meet, 8 confirmed registrants, a waiting list of 3, one withdrawn and one
 * annulled. The session clock (one trigger handler; setup installs its daily safety net at the
 * access-link hour, 18:00) sends each confirmed registrant the session's access link the day
 * before, once; the speaker gets the brief (count and questions, no contact data); a person
 * promoted from the waiting list after the run gets it at the clock's next look; the second
 * notice goes an hour before; a session moved after its links went out gets ONE correction per
 * person (and no second email from the module's schedule change). A second world runs out of
 * mail quota and finishes the next day.
 */
import type { ModuleInput, SaveModuleResult } from '../../src/api';
import { sheetsStore } from '../../emulator/services/sheets';
import { ACCESS_MESSAGES as M } from '../../src/domain/messages/workshop-access';
import { createAttentionWorld, setSetting, type AttentionWorld } from '../support/attention-world';

const WEB_APP = 'https://script.google.com/macros/s/AKfycbAccesoPrueba123/exec';
const WHATSAPP = 'https://chat.whatsapp.com/GrupoTallerIV2026';

function moduleInput(sessions: NonNullable<ModuleInput['sessions']>, capacity: number): ModuleInput {
  return {
    requestId: `form-access-${capacity}`,
    name: 'Aprende a Emprender – IV 2026',
    year: 2026,
    quarter: 'IV',
    audience: 'Personas con una idea de negocio',
    capacity,
    minSessions: Math.min(2, sessions.length),
    sessions,
  };
}

const SESSIONS: NonNullable<ModuleInput['sessions']> = [
  { topic: 'Modelo de negocio', date: '2026-12-03', startTime: '10:00', endTime: '12:00', speaker: 'José Ñahui', speakerEmail: 'jose.nahui@gmail.com' },
  { topic: 'Costos y precios', date: '2026-12-05', startTime: '10:00', endTime: '12:00', speaker: 'María Castañeda', speakerEmail: 'maria.castaneda@gmail.com' },
  { topic: 'Formalización', date: '2026-12-09', startTime: '18:00', endTime: '20:00', speaker: 'Luis Huamán', speakerEmail: 'luis.huaman@gmail.com' },
];

function cellLetters(col: number): string {
  let letters = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function setCells(w: AttentionWorld, tab: string, idHeader: string, id: string, cells: Record<string, string>): void {
  const [headers, ...rows] = w.ws.values(w.talleres, tab);
  const h = headers.map(String);
  const row = rows.findIndex((r) => r[h.indexOf(idHeader)] === id);
  if (row < 0) throw new Error(`no ${id} in ${tab}`);
  for (const [header, value] of Object.entries(cells)) w.ws.typeInto(w.talleres, tab, `${cellLetters(h.indexOf(header))}${row + 2}`, value, { confirmWarning: true });
}

function appendRows(w: AttentionWorld, tab: string, records: Record<string, unknown>[]): void {
  const values = w.ws.values(w.talleres, tab);
  const headers = values[0].map(String);
  let last = values.length;
  while (last > 1 && values[last - 1].every((v) => v === '' || v === null)) last--;
  const matrix = records.map((r) => headers.map((h) => (h in r ? r[h] : '')));
  sheetsStore(w.ws.state).enterValues(w.talleres, tab, last + 1, 1, matrix as never);
}

const person = (i: number) => `inscrito.${String(i).padStart(3, '0')}@correo.pe`;

function registrants(moduleId: string, confirmed: number, waiting: number): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  const at = (i: number) => new Date(Date.UTC(2026, 10, 20, 15, i));
  for (let i = 1; i <= confirmed; i++) {
    rows.push({
      'ID de inscripción': `R-${i}`,
      'ID de módulo': moduleId,
      'Fecha de inscripción': at(i),
      DNI: String(40000000 + i),
      'Nombres y apellidos': `Persona ${i}`,
      Correo: person(i),
      Celular: `98765${String(i).padStart(4, '0')}`,
      Preguntas: i === 1 ? '¿Cómo calculo mi punto de equilibrio? Mi correo es persona1@gmail.com y mi celular 987 654 321' : i === 2 ? '¿Necesito RUC para vender por internet?' : '',
      Estado: 'Inscrito',
    });
  }
  for (let j = 1; j <= waiting; j++) {
    rows.push({ 'ID de inscripción': `W-${j}`, 'ID de módulo': moduleId, 'Fecha de inscripción': at(100 + j), DNI: String(50000000 + j), 'Nombres y apellidos': `Espera ${j}`, Correo: `espera.${j}@correo.pe`, Estado: 'En lista de espera' });
  }
  return rows;
}

describe('B06/B07: access links the day before, the speaker\'s brief, promotions, the second notice, a moved session', () => {
  let w: AttentionWorld;
  let id = '';
  let sessionIds: string[] = [];
  const call = <T>(fn: string, args: unknown[], user?: string): T => {
    const r = w.ws.callFromSidebar(w.talleres, fn, args, user);
    if (!r.ok) throw new Error(r.error);
    return r.value as T;
  };
  const mails = (prefix: string) => w.ws.outbox().filter((m) => m.subject.startsWith(prefix));
  const rows = () => w.ws.readTab(w.talleres, 'Envíos de sesiones');
  const clockTriggers = () => w.ws.triggers(w.talleres).filter((t) => t.handler === 'runSessionClock');
  const countTo = (list: { to: string[] }[]) => {
    const m = new Map<string, number>();
    for (const x of list) for (const to of x.to) m.set(to, (m.get(to) ?? 0) + 1);
    return m;
  };

  beforeAll(() => {
    w = createAttentionWorld({ at: '2026-12-01T09:00' });
    const saved = call<SaveModuleResult>('saveModule', [moduleInput(SESSIONS, 8)]);
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    id = saved.module.id;
    const invited = call<{ ok: boolean }>('inviteSpeakers', [id]);
    if (!invited.ok) throw new Error(JSON.stringify(invited));
    const opened = call<{ ok: boolean; message: string }>('openRegistration', [id]);
    if (!opened.ok) throw new Error(opened.message);
    setCells(w, 'Módulos', 'ID de módulo', id, { 'Grupo de WhatsApp': WHATSAPP });
    setSetting(w.ws, w.talleres, 'Enlace de la aplicación web', WEB_APP);
    appendRows(w, 'Inscripciones', [
      ...registrants(id, 8, 3),
      { 'ID de inscripción': 'X-RET', 'ID de módulo': id, 'Nombres y apellidos': 'Se Retiró', Correo: 'retirada@correo.pe', Estado: 'Retirado' },
      { 'ID de inscripción': 'X-ANU', 'ID de módulo': id, 'Nombres y apellidos': 'Anulada', Correo: 'anulada@correo.pe', Estado: 'Anulado' },
    ]);
    sessionIds = w.ws
      .readTab(w.talleres, 'Sesiones')
      .sort((a, b) => Number(a['N.°']) - Number(b['N.°']))
      .map((s) => String(s['ID de sesión']));
  });

  test('setup installed the clock\'s daily safety net: one trigger of runSessionClock', () => {
    expect(clockTriggers()).toHaveLength(1);
    expect(sessionIds).toHaveLength(3);
  });

  test('the day before at 18:00: each confirmed registrant gets session 1\'s link once; the waiting list, withdrawn and annulled get nothing', () => {
    w.ws.advanceTo('2026-12-02T17:59');
    expect(mails('Enlace de acceso')).toHaveLength(0);
    w.ws.advanceTo('2026-12-02T18:30');
    const links = mails('Enlace de acceso: sesión 1');
    expect([...countTo(links).entries()].sort()).toEqual(Array.from({ length: 8 }, (_, i) => [person(i + 1), 1]).sort());
    const outsiders = ['espera.1@correo.pe', 'espera.2@correo.pe', 'espera.3@correo.pe', 'retirada@correo.pe', 'anulada@correo.pe'];
    expect(w.ws.outbox().filter((m) => m.to.some((t) => outsiders.includes(t)))).toHaveLength(0);
    const one = links.find((m) => m.to.includes(person(3)))!;
    expect(one.body).toContain('Modelo de negocio');
    expect(one.body).toContain('10:00 a. m.');
    expect(one.body).toMatch(/https:\/\/meet\.google\.com\//);
    expect(one.body).toContain('Google Chrome'); // the Cartilla's steps
    expect(one.body).toContain(WHATSAPP);
    expect(one.body).toContain(WEB_APP); // the personal withdrawal link
    const sent = rows().filter((r) => r.Tipo === 'Enlace de acceso');
    expect(sent).toHaveLength(8);
    expect(sent.every((r) => r['Envío'] === 'enviado' && r['ID de sesión'] === sessionIds[0])).toBe(true);
    expect(w.ws.readTab(w.talleres, 'Sesiones').find((s) => s['ID de sesión'] === sessionIds[0])!['Enlace de acceso']).toBe('enviado');
    // One daily trigger and one wake-up at most.
    expect(clockTriggers().length).toBeLessThanOrEqual(2);
  });

  test('the speaker gets the brief once: the count, the questions without contact data, the Meet link', () => {
    const briefs = mails('Resumen para su sesión');
    expect(briefs).toHaveLength(1);
    expect(briefs[0].to).toEqual(['jose.nahui@gmail.com']);
    const body = briefs[0].body;
    expect(body).toContain('Inscritos confirmados: 8');
    expect(body).toContain('¿Necesito RUC para vender por internet?');
    expect(body).toContain('[correo omitido]');
    expect(body).not.toMatch(/persona1@gmail\.com|987 654 321|inscrito\.\d+@|98765\d{4}|Persona \d/);
    expect(body).toMatch(/https:\/\/meet\.google\.com\//);
  });

  test('a person promoted from the waiting list after the run gets the link at the clock\'s next look', () => {
    // Between two of the clock's hourly looks (20:00 and 21:00): the annulment wakes it.
    w.ws.advanceTo('2026-12-02T20:20');
    const r = call<{ ok: boolean; promoted: number }>('annulRegistration', ['R-8', 'Pidió anular su inscripción por teléfono']);
    expect(r).toMatchObject({ ok: true, promoted: 1 });
    w.ws.advanceTo('2026-12-02T20:30');
    expect(mails('Enlace de acceso: sesión 1').filter((m) => m.to.includes('espera.1@correo.pe'))).toHaveLength(1);
    expect(mails('Enlace de acceso: sesión 1')).toHaveLength(9);
    expect(mails('Resumen para su sesión')).toHaveLength(1);
  });

  test('session 1 moved after its links went out: one correction per person told, none from the module\'s schedule change', () => {
    w.ws.advanceTo('2026-12-02T21:00');
    const moved = SESSIONS.map((s, i) => (i === 0 ? { ...s, startTime: '15:00', endTime: '17:00' } : s));
    const saved = call<SaveModuleResult>('saveModule', [{ ...moduleInput(moved, 8), id }]);
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    w.ws.advanceTo('2026-12-02T21:30');
    const fixes = mails('Cambio de horario: sesión 1');
    const to = countTo(fixes);
    expect(to.size).toBe(8);
    expect([...to.values()].every((n) => n === 1)).toBe(true);
    expect(to.get('espera.1@correo.pe')).toBe(1); // promoted, told the old time
    expect(to.has(person(8))).toBe(false); // annulled since
    expect(fixes[0].body).toContain('3:00 p. m.');
    expect(fixes[0].body).toContain('10:00 a. m.'); // what they were told before
    expect(mails('Cambio en el horario del taller')).toHaveLength(0);
    // Later looks of the clock do not repeat it.
    w.ws.advanceTo('2026-12-03T09:30');
    expect(mails('Cambio de horario: sesión 1')).toHaveLength(8);
    expect(mails('En breve: sesión 1')).toHaveLength(0); // the second notice is now at 14:00
  });

  test('the second notice an hour before the (new) start, to those with the link who are still confirmed, once', () => {
    w.ws.advanceTo('2026-12-03T14:20');
    const seconds = mails('En breve: sesión 1');
    const to = countTo(seconds);
    expect(to.size).toBe(8);
    expect(to.get('espera.1@correo.pe')).toBe(1);
    expect(to.has(person(8))).toBe(false);
    expect(seconds[0].subject).toContain('3:00 p. m.');
    w.ws.advanceTo('2026-12-03T16:00');
    expect(mails('En breve: sesión 1')).toHaveLength(8);
    expect(mails('Enlace de acceso: sesión 1')).toHaveLength(9);
    expect(mails('Cambio de horario: sesión 1')).toHaveLength(8);
  });

  test('the panel refuses a session that ended, or one it does not know', () => {
    w.ws.advanceTo('2026-12-03T17:30');
    expect(call<{ ok: boolean; message: string }>('sendSessionAccessLinks', [sessionIds[0]])).toEqual({ ok: false, message: M.ended });
    expect(call<{ ok: boolean; message: string }>('sendSessionAccessLinks', ['no-existe'])).toEqual({ ok: false, message: M.notFound });
  });

  test('session 2: the promoted person is among the confirmed the day before; the annulled one is not', () => {
    w.ws.advanceTo('2026-12-04T18:30');
    const to = countTo(mails('Enlace de acceso: sesión 2'));
    expect(to.size).toBe(8);
    expect(to.get('espera.1@correo.pe')).toBe(1);
    expect(to.has(person(8))).toBe(false);
    expect(mails('Resumen para su sesión').map((m) => m.to[0])).toEqual(['jose.nahui@gmail.com', 'maria.castaneda@gmail.com']);
  });

  test('every email once: no address got two emails of one kind for one session', () => {
    const seen = new Map<string, number>();
    for (const m of w.ws.outbox()) for (const to of m.to) seen.set(`${m.subject}\u0000${to}`, (seen.get(`${m.subject}\u0000${to}`) ?? 0) + 1);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    const ids = rows().map((r) => r['ID de envío']);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('a withdrawal by the web app link wakes the clock: the person promoted gets the link within minutes, not at the next hourly look', () => {
    // Session 3's links went out at 18:00 the day before; 20:20 is between two hourly looks.
    w.ws.advanceTo('2026-12-08T20:20');
    const webApp = w.ws.deployWebApp(w.talleres);
    const mail = mails('Enlace de acceso: sesión 3').find((m) => m.to.includes(person(3)))!;
    const link = /(https:\/\/script\.google\.com\/macros\/s\/[^\s]+\/exec\?t=[^\s]+)/.exec(mail.body)![1]!;
    const token = new URL(link).searchParams.get('t')!;
    expect(w.ws.openWebApp(webApp, { method: 'POST', user: null, body: `t=${encodeURIComponent(token)}` }).body).toContain('Retiramos su inscripción');
    const promoted = w.ws.readTab(w.talleres, 'Inscripciones').filter((r) => r['Cupo asignado'] instanceof Date && r['Estado'] === 'Inscrito').map((r) => String(r.Correo));
    expect(promoted).toContain('espera.2@correo.pe');
    w.ws.advanceTo('2026-12-08T20:25');
    expect(mails('Enlace de acceso: sesión 3').filter((m) => m.to.includes('espera.2@correo.pe'))).toHaveLength(1);
    expect(mails('Enlace de acceso: sesión 1').filter((m) => m.to.includes('espera.2@correo.pe'))).toHaveLength(0);
  });
});

describe('B06: out of mail quota, the access links wait and go the next day', () => {
  test('part goes now, the rest waits as «pendiente» and goes when the quota is back, once each', () => {
    const w = createAttentionWorld({ at: '2026-12-01T09:00' });
    w.ws.setQuota('emailRecipients', 45);
    const call = <T>(fn: string, args: unknown[]): T => {
      const r = w.ws.callFromSidebar(w.talleres, fn, args);
      if (!r.ok) throw new Error(r.error);
      return r.value as T;
    };
    const saved = call<SaveModuleResult>('saveModule', [moduleInput([{ ...SESSIONS[0], date: '2026-12-04' }], 30)]);
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    const id = saved.module.id;
    call('inviteSpeakers', [id]);
    appendRows(w, 'Inscripciones', registrants(id, 30, 0));
    const sessionId = String(w.ws.readTab(w.talleres, 'Sesiones')[0]['ID de sesión']);
    w.ws.advanceTo('2026-12-01T10:00');
    const r = call<{ ok: boolean; message: string; result: { links: number; waiting: number } }>('sendSessionAccessLinks', [sessionId]);
    expect(r.ok).toBe(true);
    expect(r.result.links).toBeGreaterThan(0);
    expect(r.result.waiting).toBeGreaterThan(0);
    const links = () => w.ws.outbox().filter((m) => m.subject.startsWith('Enlace de acceso'));
    const first = links().length;
    expect(first).toBe(r.result.links);
    // The attention flow's reserve is kept: 20 emails of the 45 are never spent by this job.
    expect(w.ws.outbox().length).toBeLessThanOrEqual(45 - 20);
    const pending = w.ws.readTab(w.talleres, 'Envíos de sesiones').filter((x) => x['Envío'] === 'pendiente');
    expect(pending.length).toBe(r.result.waiting);
    // The next day, after the quota's window: the clock's daily look sends the rest.
    w.ws.advanceTo('2026-12-03T18:30');
    const all = links();
    expect(all).toHaveLength(30);
    expect(new Set(all.flatMap((m) => m.to)).size).toBe(30);
    expect(w.ws.readTab(w.talleres, 'Envíos de sesiones').filter((x) => x.Tipo === 'Enlace de acceso' && x['Envío'] === 'enviado')).toHaveLength(30);
  });
});
