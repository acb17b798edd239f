/**
 * B02 in the emulator, with the built bundle (issue 11, item 2): a module of 4 sessions is saved;
 * «Invitar a los ponentes» makes 4 Calendar events with Meet (the speaker the only guest) and
 * sends 4 invitations; a rerun makes and sends nothing; a speaker declines in Calendar and the
 * panel shows «Declinó», a warning on the module and one 'Revisión' item; a session moved
 * patches its event and tells its speaker once; a session removed cancels its event and tells
 * its speaker once; a stranger is refused.
 */
import type { InviteSpeakersResult, ModuleInput, ModulesView, SaveModuleResult } from '../../src/api';
import { ACCESS_MESSAGES } from '../../src/domain/messages/access';
import { SPEAKER_MESSAGES as SM } from '../../src/domain/messages/workshops';
import { sessionEventId } from '../../src/domain/workshops/events';
import { createAttentionWorld, type AttentionWorld } from '../support/attention-world';
import { readFormulas } from '../support/formulas';

const STRANGER = 'extrano@gmail.com';

const MODULE: ModuleInput = {
  requestId: 'form-b02-speakers',
  name: 'Aprende a Emprender – IV 2026',
  year: 2026,
  quarter: 'IV',
  audience: 'Personas con una idea de negocio o un negocio en marcha',
  capacity: 60,
  minSessions: 3,
  sessions: [
    { topic: '¿Cómo validar mi idea de negocio?', date: '2026-12-01', startTime: '18:00', endTime: '20:00', speaker: 'Carmen Rosa Vílchez', speakerEmail: 'carmen.vilchez@gmail.com' },
    { topic: 'Costos y precios', date: '2026-12-03', startTime: '18:00', endTime: '20:00', speaker: 'José Ángel Ñahui', speakerEmail: 'jose.nahui@gmail.com' },
    { topic: 'Marketing <b>digital</b>', date: '2026-12-09', startTime: '18:00', endTime: '20:00', speaker: "María O'Brien Castañeda", speakerEmail: 'maria.obrien@gmail.com' },
    { topic: 'Formalización de mi negocio', date: '2026-12-15', startTime: '18:00', endTime: '20:00', speaker: 'Luis Alberto Huamán', speakerEmail: 'luis.huaman@gmail.com' },
  ],
};

describe('B02: sessions with Meet and their speakers', () => {
  let w: AttentionWorld;
  let id = '';

  const call = <T>(fn: string, args: unknown[], user?: string): T => {
    const r = w.ws.callFromSidebar(w.talleres, fn, args, user);
    if (!r.ok) throw new Error(r.error);
    return r.value as T;
  };
  const invite = () => call<InviteSpeakersResult>('inviteSpeakers', [id]);
  const list = () => call<ModulesView>('getModules', []);
  const sessions = () => w.ws.readTab(w.talleres, 'Sesiones');
  const review = () => w.ws.readTab(w.talleres, 'Revisión');
  const mailsTo = (email: string) => w.ws.outbox().filter((m) => m.to.includes(email));

  beforeAll(() => {
    w = createAttentionWorld({ at: '2026-11-27T09:00' });
    const r = call<SaveModuleResult>('saveModule', [MODULE]);
    if (!r.ok) throw new Error(JSON.stringify(r));
    id = r.module.id;
  });

  test('«Invitar a los ponentes»: 4 events with Meet, the speaker the only guest, and 4 invitations', () => {
    const r = invite();
    expect(r).toMatchObject({ ok: true, counts: { invited: 4, events: 4, already: 0, waiting: 0, failed: 0, ambiguous: 0 } });
    const events = w.ws.calendarEvents();
    expect(events).toHaveLength(4);
    const rows = sessions();
    rows.forEach((row, i) => {
      const ev = events.find((e) => e.id === sessionEventId(String(row['ID de sesión'])))!;
      expect(ev).toBeDefined();
      expect(ev.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\//);
      expect((ev.attendees ?? []).filter((a) => !a.organizer).map((a) => a.email)).toEqual([MODULE.sessions![i].speakerEmail]);
      expect(ev.summary).toContain('Aprende a Emprender');
      // No personal data beyond what the meeting needs; markup typed in a topic stays text.
      expect(String(ev.description)).not.toContain('@');
      expect(String(ev.description)).not.toContain('<b>');
      expect(row).toMatchObject({ 'ID evento': ev.id, 'Enlace Meet': ev.hangoutLink, 'Invitación al ponente': 'enviado', 'Respuesta del ponente': 'Pendiente' });
    });
    expect(w.ws.outbox()).toHaveLength(4);
    const mail = mailsTo('jose.nahui@gmail.com');
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toBe('Invitación como ponente: Costos y precios – jueves 3 de diciembre de 2026');
    expect(mail[0].body).toContain('Hora: de 6:00 p. m. a 8:00 p. m. (hora de Lima)');
    expect(mail[0].body).toContain(String(rows[1]['Enlace Meet']));
    expect(mail[0].body).toContain('10 minutos antes');
    expect(mail[0].body).toContain('preguntas de las personas inscritas');
    expect(mail[0].htmlBody).toContain('Estimado(a) José Ángel Ñahui:');
    // HTML of the email is escaped.
    const maria = mailsTo('maria.obrien@gmail.com')[0];
    expect(maria.htmlBody).toContain('Marketing &lt;b&gt;digital&lt;/b&gt;');
    expect(maria.htmlBody).toContain('O&#39;Brien');
  });

  test('a rerun creates nothing and sends nothing', () => {
    const r = invite();
    expect(r).toMatchObject({ ok: true, counts: { invited: 0, events: 0, already: 4 } });
    expect(w.ws.calendarEvents()).toHaveLength(4);
    expect(w.ws.outbox()).toHaveLength(4);
  });

  test('a speaker declines in Calendar: the panel shows «Declinó», the module a warning, and Revisión one item', () => {
    const s2 = sessions()[1];
    w.ws.respondToEvent(String(s2['ID evento']), 'jose.nahui@gmail.com', 'declined');
    w.ws.respondToEvent(String(sessions()[0]['ID evento']), 'carmen.vilchez@gmail.com', 'accepted');
    const v = list();
    const mod = v.modules.find((m) => m.id === id)!;
    expect(mod.sessions.map((s) => s.speakerAnswer)).toEqual(['Aceptó', 'Declinó', 'Pendiente', 'Pendiente']);
    expect(mod.sessions.every((s) => /^https:\/\/meet\.google\.com\//.test(s.meetUrl))).toBe(true);
    expect(mod.speakerWarning).toBe(SM.declinedWarning([2]));
    expect(sessions().map((s) => s['Respuesta del ponente'])).toEqual(['Aceptó', 'Declinó', 'Pendiente', 'Pendiente']);
    const items = () => review().filter((r) => r.Tipo === 'Ponente declinó');
    expect(items()).toHaveLength(1);
    expect(String(items()[0].Referencia)).toContain(`${id}-S2`);
    // Listing again adds nothing.
    list();
    expect(items()).toHaveLength(1);
    expect(w.ws.outbox()).toHaveLength(4);
  });

  test('listing modules reads Calendar once per session with an event', () => {
    const r = w.ws.callFromSidebar(w.talleres, 'getModules', []);
    expect(r.ok).toBe(true);
    expect(r.execution.methods['Calendar.Events.get']).toBe(4);
    expect(r.execution.calls.Calendar).toBe(4);
  });

  test('a session moved: its event is patched (same Meet) and its speaker told once', () => {
    const before = sessions()[2];
    const moved: ModuleInput = { ...MODULE, id, sessions: MODULE.sessions!.map((s, i) => (i === 2 ? { ...s, date: '2026-12-10', startTime: '17:00', endTime: '19:00' } : s)) };
    const r = call<SaveModuleResult>('saveModule', [moved]);
    expect(r.ok).toBe(true);
    const ev = w.ws.calendarEvents().find((e) => e.id === before['ID evento'])!;
    expect(ev.start?.dateTime && new Date(ev.start.dateTime).toISOString()).toBe('2026-12-10T22:00:00.000Z');
    expect(ev.hangoutLink).toBe(before['Enlace Meet']);
    const mails = mailsTo('maria.obrien@gmail.com');
    expect(mails).toHaveLength(2);
    expect(mails[1].subject).toBe('Cambio de fecha u hora de su sesión: Marketing <b>digital</b>');
    expect(mails[1].body).toContain('jueves 10 de diciembre de 2026');
    expect(mails[1].body).toContain('de 5:00 p. m. a 7:00 p. m. (hora de Lima)');
    // Saving the same again, or another change elsewhere, tells nobody again.
    call<SaveModuleResult>('saveModule', [moved]);
    call<SaveModuleResult>('saveModule', [{ ...moved, capacity: 70 }]);
    expect(w.ws.outbox()).toHaveLength(5);
    expect(invite().counts).toMatchObject({ invited: 0, events: 0 });
    expect(w.ws.outbox()).toHaveLength(5);
  });

  test('a session removed: its event is cancelled and its speaker told once', () => {
    const s4 = sessions()[3];
    const removed: ModuleInput = { ...MODULE, id, capacity: 70, sessions: [MODULE.sessions![0], MODULE.sessions![1], { ...MODULE.sessions![2], date: '2026-12-10', startTime: '17:00', endTime: '19:00' }] };
    const r = call<SaveModuleResult>('saveModule', [removed]);
    expect(r.ok).toBe(true);
    expect(w.ws.calendarEvents().map((e) => e.id)).not.toContain(s4['ID evento']);
    expect(w.ws.calendarEvents({ includeCancelled: true }).find((e) => e.id === s4['ID evento'])?.status).toBe('cancelled');
    const mails = mailsTo('luis.huaman@gmail.com');
    expect(mails).toHaveLength(2);
    expect(mails[1].subject).toBe('Sesión cancelada: Formalización de mi negocio');
    expect(sessions()[3]).toMatchObject({ Estado: 'Cancelada', 'Enlace Meet': '' });
    call<SaveModuleResult>('saveModule', [{ ...removed, capacity: 71 }]);
    expect(w.ws.outbox()).toHaveLength(6);
    // The audit log has the events and the emails.
    const audit = w.ws.readTab(w.talleres, 'Registro de auditoría');
    expect(audit.filter((a) => a['Acción'] === 'Invitación al ponente' && a.Resultado === 'Correcto')).toHaveLength(4);
    expect(audit.filter((a) => a['Acción'] === 'Cambio avisado al ponente')).toHaveLength(1);
    expect(audit.filter((a) => a['Acción'] === 'Cancelación avisada al ponente')).toHaveLength(1);
    for (const tab of ['Sesiones', 'Revisión']) expect(readFormulas(w.ws, w.talleres, tab).flat().filter((f) => f !== '')).toEqual([]);
  });

  test('a stranger is refused, and nothing is created or sent', () => {
    const r = w.ws.callFromSidebar(w.talleres, 'inviteSpeakers', [id], STRANGER);
    expect(r.ok ? 'answered' : r.error).toBe(ACCESS_MESSAGES.refused);
    expect(w.ws.outbox()).toHaveLength(6);
    const refused = w.ws.readTab(w.talleres, 'Registro de auditoría').filter((a) => a['Acción'] === 'Acceso denegado');
    expect(refused.map((a) => a.Para)).toContain('inviteSpeakers');
  });
});

describe('B02: mail quota', () => {
  test('with quota for 2, two invitations go and the other two wait; a rerun the next day sends them', () => {
    const w = createAttentionWorld({ at: '2026-11-27T09:00' });
    const r0 = w.ws.callFromSidebar(w.talleres, 'saveModule', [MODULE]);
    if (!r0.ok) throw new Error(r0.error);
    const id = (r0.value as { module: { id: string } }).module.id;
    const used = w.ws.outbox().length;
    w.ws.setQuota('emailRecipients', used + 2);
    const r = w.ws.callFromSidebar(w.talleres, 'inviteSpeakers', [id]);
    if (!r.ok) throw new Error(r.error);
    expect((r.value as InviteSpeakersResult).counts).toMatchObject({ invited: 2, events: 4, waiting: 2 });
    expect(w.ws.readTab(w.talleres, 'Sesiones').map((s) => s['Invitación al ponente'])).toEqual(['enviado', 'enviado', '', '']);
    w.ws.advanceTo('2026-11-28T12:00');
    const again = w.ws.callFromSidebar(w.talleres, 'inviteSpeakers', [id]);
    if (!again.ok) throw new Error(again.error);
    expect((again.value as InviteSpeakersResult).counts).toMatchObject({ invited: 2, events: 0, already: 2, waiting: 0 });
    expect(w.ws.outbox().length).toBe(used + 4);
    expect(w.ws.calendarEvents()).toHaveLength(4);
  });
});
