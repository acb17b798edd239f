/**
 * B03 and B04 in the emulator, with the built bundle in both spreadsheets (issue 11, items 3
 * and 4): from the panel of "Programación Talleres Masivos" a consultant sends a module's
 * programme to the Sub Director (once; again only when asked and confirmed), and requests its
 * banner from the Dirección, then marks it received (with its link) and validated — in that
 * order. A missing setting and a stranger are refused; every action is audited; no cell holds a
 * formula.
 */
import type { DirectionResult, ModuleInput, ModulesView, SaveModuleResult } from '../../src/api';
import { ACCESS_MESSAGES } from '../../src/domain/messages/access';
import { BANNER_MESSAGES as B, DIRECTION_AUDIT as A, DIRECTION_MESSAGES as M } from '../../src/domain/messages/workshops-direction';
import { createAttentionWorld, setSetting, type AttentionWorld } from '../support/attention-world';
import { readFormulas } from '../support/formulas';

const STRANGER = 'extrano@gmail.com';
const SUB_DIRECTOR = 'subdireccion@trabajo.gob.pe';
const DIRECTION = 'direccion.banners@trabajo.gob.pe';
const BANNER = 'https://drive.google.com/file/d/1AbCdEf/view';

const MODULE: ModuleInput = {
  requestId: 'form-0001-direccion',
  name: 'Aprende a Emprender – IV 2026',
  year: 2026,
  quarter: 'IV',
  audience: 'Personas con una idea de negocio',
  capacity: 60,
  minSessions: 2,
  sessions: [
    { topic: 'Costos <b>y</b> precios & margen', date: '2026-12-01', startTime: '18:00', endTime: '20:00', speaker: 'José Ángel Ñahui', speakerEmail: 'jose.nahui@gmail.com' },
    { topic: 'Marketing digital', date: '2026-12-03', startTime: '18:30', endTime: '20:00', speaker: "María O'Brien Castañeda", speakerEmail: 'maria.obrien@gmail.com' },
  ],
};

describe('B03 and B04: the programme to the Sub Director and the banner from the Dirección', () => {
  let w: AttentionWorld;
  let id = '';
  /** When the programme was sent, as the product says it (set by the first send). */
  let sentText = '';

  const call = (fn: string, args: unknown[], user?: string): DirectionResult => {
    const r = w.ws.callFromSidebar(w.talleres, fn, args, user);
    if (!r.ok) throw new Error(r.error);
    return r.value as DirectionResult;
  };
  const audit = () => w.ws.readTab(w.talleres, 'Registro de auditoría');
  const moduleRow = () => w.ws.readTab(w.talleres, 'Módulos').find((m) => m['ID de módulo'] === id)!;
  const mailsTo = (to: string) => w.ws.outbox().filter((m) => m.to.includes(to));
  const listed = () => {
    const r = w.ws.callFromSidebar(w.talleres, 'getModules', []);
    if (!r.ok) throw new Error(r.error);
    return (r.value as ModulesView).modules.find((m) => m.id === id)!;
  };

  beforeAll(() => {
    w = createAttentionWorld({ at: '2026-11-20T09:00' });
    const r = w.ws.callFromSidebar(w.talleres, 'saveModule', [MODULE]);
    if (!r.ok || !(r.value as SaveModuleResult).ok) throw new Error(JSON.stringify(r));
    id = (r.value as Extract<SaveModuleResult, { ok: true }>).module.id;
  });

  test('without the Sub Director\'s address (or with a wrong one) nothing is sent, with a Spanish refusal, audited', () => {
    expect(call('sendProgramme', [id])).toEqual({ ok: false, message: M.settingMissing('Correo de la Sub Dirección') });
    setSetting(w.ws, w.talleres, 'Correo de la Sub Dirección', 'subdireccion@@trabajo');
    expect(call('sendProgramme', [id])).toEqual({ ok: false, message: M.settingInvalid('Correo de la Sub Dirección', 'subdireccion@@trabajo') });
    expect(w.ws.outbox()).toHaveLength(0);
    expect(audit().filter((a) => a['Acción'] === A.programmeSent && a.Para === id).map((a) => a.Resultado)).toEqual(['Sin efecto', 'Sin efecto']);
  });

  test('the programme goes to the Sub Director once, as an escaped table and a text part, and the module records when', () => {
    setSetting(w.ws, w.talleres, 'Correo de la Sub Dirección', SUB_DIRECTOR);
    const r = call('sendProgramme', [id]);
    expect(r).toMatchObject({ ok: true, message: M.programmeSent(SUB_DIRECTOR), module: { id } });
    // The minute depends on setup's modeled time (its forms), not on this feature.
    sentText = String((r as { module: { programmeSentAt: string } }).module.programmeSentAt);
    expect(sentText).toMatch(/^viernes 20 de noviembre de 2026, 9:0\d a\. m\.$/);
    const [mail, ...more] = mailsTo(SUB_DIRECTOR);
    expect(more).toEqual([]);
    expect(mail.subject).toBe('Programación del módulo «Aprende a Emprender – IV 2026» – Aprende a Emprender');
    expect(mail.htmlBody).toContain('<th');
    expect(mail.htmlBody).toContain('Costos &lt;b&gt;y&lt;/b&gt; precios &amp; margen');
    expect(mail.htmlBody).not.toContain('<b>y</b>');
    expect(mail.htmlBody).toMatch(/María O&(#39|#x27|apos);Brien Castañeda/);
    expect(mail.body).toContain('1. Costos <b>y</b> precios & margen — martes 1 de diciembre de 2026, 18:00 a 20:00 (hora de Lima) — José Ángel Ñahui');
    expect(mail.body).toContain('2. Marketing digital — jueves 3 de diciembre de 2026, 18:30 a 20:00 (hora de Lima)');
    const sentAt = moduleRow()['Programación enviada'] as Date;
    expect(sentAt).toBeInstanceOf(Date);
    expect(Math.abs(sentAt.getTime() - Date.parse('2026-11-20T14:00:00Z'))).toBeLessThan(5 * 60_000);
    expect(audit().filter((a) => a['Acción'] === A.programmeSent && a.Resultado === 'Correcto').map((a) => a.Detalle)).toEqual([A.sentTo(SUB_DIRECTOR, 1)]);
  });

  test('a second send asks first; only «again» with the send it was asked about sends once more', () => {
    w.ws.advanceTo('2026-11-20T10:00');
    const asked = call('sendProgramme', [id]);
    expect(asked).toMatchObject({ ok: false, message: M.programmeAlreadySent(sentText) });
    if (asked.ok || !asked.confirm) throw new Error('expected a question');
    expect(asked.confirm.question).toBe(`Ya se envió la programación el ${sentText} ¿Enviar de nuevo?`);
    expect(mailsTo(SUB_DIRECTOR)).toHaveLength(1);

    const again = call('sendProgramme', [id, { again: true, previous: asked.confirm.previous }]);
    expect(again).toMatchObject({ ok: true, module: { programmeSentAt: 'viernes 20 de noviembre de 2026, 10:00 a. m.' } });
    // The same confirmation sent twice (a double click): no third email.
    const doubled = call('sendProgramme', [id, { again: true, previous: asked.confirm.previous }]);
    expect(doubled).toEqual({ ok: false, message: M.programmeResentMeanwhile('viernes 20 de noviembre de 2026, 10:00 a. m.') });
    const mails = mailsTo(SUB_DIRECTOR);
    expect(mails).toHaveLength(2);
    expect(mails[1].body).toContain('Este envío reemplaza al anterior.');
    expect(audit().filter((a) => a['Acción'] === A.programmeSent && a.Resultado === 'Correcto').map((a) => a.Detalle)).toEqual([A.sentTo(SUB_DIRECTOR, 1), A.sentTo(SUB_DIRECTOR, 2)]);
  });

  test('the list says the banner is not requested and why invitations cannot go out yet', () => {
    expect(listed().banner).toEqual({ state: '', link: '', label: B.none, invitationsAllowed: false, blockedReason: B.blockedNone });
  });

  test('the banner cannot be marked received or validated before it is requested', () => {
    expect(call('setBannerState', [id, { state: 'Recibido', link: BANNER }])).toEqual({ ok: false, message: B.notRequested });
    expect(call('setBannerState', [id, { state: 'Validado' }])).toEqual({ ok: false, message: B.notRequested });
    expect(moduleRow().Banner).toBe('');
  });

  test('the banner request needs the Dirección\'s address, then goes once with the module\'s details', () => {
    expect(call('requestBanner', [id])).toEqual({ ok: false, message: M.settingMissing('Correo de la Dirección (banners)') });
    setSetting(w.ws, w.talleres, 'Correo de la Dirección (banners)', DIRECTION);
    const r = call('requestBanner', [id]);
    expect(r).toMatchObject({ ok: true, message: M.bannerRequested(DIRECTION), module: { banner: { state: 'Solicitado', blockedReason: B.blockedRequested } } });
    const [mail, ...more] = mailsTo(DIRECTION);
    expect(more).toEqual([]);
    expect(mail.subject).toBe('Solicitud de banner: módulo «Aprende a Emprender – IV 2026» – Aprende a Emprender');
    expect(mail.body).toContain('Público objetivo: Personas con una idea de negocio');
    expect(mail.body).toContain('Cupos: 60');
    expect(moduleRow().Banner).toBe('Solicitado');
    // Again only when asked.
    const asked = call('requestBanner', [id]);
    expect(asked).toMatchObject({ ok: false, confirm: { question: M.bannerAlreadyRequested('viernes 20 de noviembre de 2026, 10:00 a. m.') } });
    expect(mailsTo(DIRECTION)).toHaveLength(1);
  });

  test('validated before received, or received without an https link, is refused', () => {
    expect(call('setBannerState', [id, { state: 'Validado' }])).toEqual({ ok: false, message: B.notReceived });
    expect(call('setBannerState', [id, { state: 'Recibido' }])).toEqual({ ok: false, message: B.linkMissing });
    expect(call('setBannerState', [id, { state: 'Recibido', link: 'http://drive.google.com/x' }])).toEqual({ ok: false, message: B.linkInvalid });
    expect(call('setBannerState', [id, { state: 'Recibido', link: '=HYPERLINK("https://x")' }])).toEqual({ ok: false, message: B.linkInvalid });
    expect(call('setBannerState', [id, { state: 'Recibido', link: 'javascript:alert(1)' }])).toEqual({ ok: false, message: B.linkInvalid });
    expect(moduleRow()).toMatchObject({ Banner: 'Solicitado', 'Enlace del banner': '' });
  });

  test('received with its link, then validated: the list lets invitations go out', () => {
    const received = call('setBannerState', [id, { state: 'Recibido', link: BANNER }]);
    expect(received).toMatchObject({ ok: true, module: { banner: { state: 'Recibido', link: BANNER, blockedReason: B.blockedReceived } } });
    expect(call('requestBanner', [id, { again: true }])).toEqual({ ok: false, message: M.bannerAlreadyDone('Recibido') });
    const validated = call('setBannerState', [id, { state: 'Validado' }]);
    expect(validated).toMatchObject({ ok: true, message: M.bannerStateSaved('Validado'), module: { banner: { state: 'Validado', link: BANNER, invitationsAllowed: true, blockedReason: '' } } });
    expect(moduleRow()).toMatchObject({ Banner: 'Validado', 'Enlace del banner': BANNER });
    expect(call('setBannerState', [id, { state: 'Recibido', link: BANNER }])).toEqual({ ok: false, message: B.alreadyValidated });
    expect(listed().banner.label).toBe(B.state('Validado'));
    expect(audit().filter((a) => a['Acción'] === A.bannerState && a.Resultado === 'Correcto').map((a) => a.Detalle)).toEqual([
      `Banner: Solicitado → Recibido · Enlace del banner: (vacío) → ${BANNER}`,
      'Banner: Recibido → Validado',
    ]);
  });

  test('a stranger is refused by all three, on record; nothing is sent or changed', () => {
    const before = w.ws.outbox().length;
    for (const [fn, args] of [['sendProgramme', [id, { again: true }]], ['requestBanner', [id, { again: true }]], ['setBannerState', [id, { state: 'Validado' }]]] as const) {
      const r = w.ws.callFromSidebar(w.talleres, fn, [...args], STRANGER);
      expect([fn, r.ok ? 'answered' : r.error]).toEqual([fn, ACCESS_MESSAGES.refused]);
    }
    expect(w.ws.outbox().length).toBe(before);
    expect(audit().filter((a) => a['Acción'] === 'Acceso denegado').map((a) => a.Para).sort()).toEqual(['requestBanner', 'sendProgramme', 'setBannerState']);
  });

  test('every action is audited and no cell anywhere holds a formula', () => {
    const actions = audit().filter((a) => a.Para === id).map((a) => a['Acción']);
    for (const a of [A.programmeSent, A.bannerRequested, A.bannerState]) expect(actions).toContain(a);
    for (const tab of ['Módulos', 'Sesiones', 'Configuración', 'Registro de auditoría']) {
      expect([tab, readFormulas(w.ws, w.talleres, tab).flat().filter((f) => f !== '')]).toEqual([tab, []]);
    }
  });
});

describe('B03: a send interrupted after the email may have left', () => {
  test('is not resent blindly: it goes to «Revisión», the panel asks, and only a confirmed resend goes', () => {
    const w = createAttentionWorld({ at: '2026-11-20T09:00' });
    const saved = w.ws.callFromSidebar(w.talleres, 'saveModule', [{ ...MODULE, requestId: 'form-0002-interrumpido' }]);
    if (!saved.ok || !(saved.value as SaveModuleResult).ok) throw new Error(JSON.stringify(saved));
    const mid = (saved.value as Extract<SaveModuleResult, { ok: true }>).module.id;
    setSetting(w.ws, w.talleres, 'Correo de la Sub Dirección', SUB_DIRECTOR);
    const send = (args: unknown[]) => {
      const r = w.ws.callFromSidebar(w.talleres, 'sendProgramme', args);
      if (!r.ok) throw new Error(r.error);
      return r.value as DirectionResult;
    };
    // MailApp's second call (after the quota check) fails after its effect: the ambiguous case.
    w.ws.injectFault({ kind: 'after', atCall: 2, service: 'Mail', match: (e) => e.functionName === 'sendProgramme' });
    expect(send([mid])).toMatchObject({ ok: false, message: M.interrupted });
    expect(w.ws.outbox().filter((m) => m.to.includes(SUB_DIRECTOR))).toHaveLength(1);
    const review = w.ws.readTab(w.talleres, 'Revisión');
    expect(review).toEqual([expect.objectContaining({ Tipo: A.reviewKind, Referencia: `${mid}:programacion:1`, Estado: 'Pendiente' })]);
    expect(w.ws.readTab(w.talleres, 'Registro de auditoría').find((a) => a['Acción'] === A.programmeSent)).toMatchObject({ Resultado: 'Por revisar' });

    const asked = send([mid]);
    expect(asked).toMatchObject({ ok: false, confirm: { question: M.interrupted } });
    expect(w.ws.outbox().filter((m) => m.to.includes(SUB_DIRECTOR))).toHaveLength(1);
    expect(w.ws.readTab(w.talleres, 'Revisión')).toHaveLength(1);
    if (asked.ok || !asked.confirm) throw new Error('expected a question');
    expect(send([mid, { again: true, previous: asked.confirm.previous }])).toMatchObject({ ok: true });
    expect(w.ws.outbox().filter((m) => m.to.includes(SUB_DIRECTOR))).toHaveLength(2);
  });
});
