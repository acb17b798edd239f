/**
 * The module's panel in the emulator (issue 11, item 6), with the built bundle: «Módulos» says
 * where each module stands in B01–B05 — what is done, what is next, what blocks it — as the
 * consultant goes through the real actions (speakers invited, one declines, the programme sent,
 * the banner requested, received, validated), and, once registration opens, its registrants
 * ('Inscripciones' rows written directly into the sheet, as the registration form will) counted
 * by state, listed in order, and the waiting list in its order — names, states, positions and
 * times, without document numbers, emails or phones. Each tab is read once per call. (Formula
 * safety is checked after every execution by the scenario suite's guard.)
 */
import type { DirectionResult, ModuleDetail, ModuleInput, ModulesView, ModuleView, SaveModuleResult } from '../../src/api';
import { REGISTRANT_MESSAGES as R, STAGE_MESSAGES as S } from '../../src/domain/messages/workshops-stage';
import { createAttentionWorld, setSetting, type AttentionWorld } from '../support/attention-world';
import { appendRows as append, setCell } from '../support/sheet-rows';

const MODULE: ModuleInput = {
  requestId: 'form-0001-panel-b05',
  name: 'Aprende a Emprender – Diciembre',
  year: 2026,
  quarter: 'IV',
  audience: 'Personas con una idea de negocio',
  capacity: 3,
  minSessions: 1,
  sessions: [
    { topic: 'Ventas en línea', date: '2026-12-01', startTime: '18:00', endTime: '20:00', speaker: 'Carmen Rosa Vílchez', speakerEmail: 'carmen.vilchez@gmail.com' },
    { topic: 'Costos y precios', date: '2026-12-03', startTime: '18:00', endTime: '20:00', speaker: 'José Ángel Ñahui', speakerEmail: 'jose.nahui@gmail.com' },
  ],
};

/** A Lima wall time as a Date. */
const lima = (s: string) => new Date(`${s}:00-05:00`);

describe('the module panel: B01–B05 stage, registrants and waiting list', () => {
  let w: AttentionWorld;
  let id = '';

  function call<T>(fn: string, args: unknown[]): T {
    const r = w.ws.callFromSidebar(w.talleres, fn, args);
    if (!r.ok) throw new Error(r.error);
    return r.value as T;
  }
  const listed = (): ModuleView => call<ModulesView>('getModules', []).modules.find((m) => m.id === id)!;
  const states = (m: ModuleView) => m.stage.steps.map((s) => `${s.code} ${s.state}`);

  beforeAll(() => {
    w = createAttentionWorld({ at: '2026-11-20T09:00' });
    const r = call<SaveModuleResult>('saveModule', [MODULE]);
    if (!r.ok) throw new Error(r.message);
    id = r.module.id;
  });

  test('a new module: sessions saved, speakers to invite; the missing addresses and the banner block', () => {
    const m = listed();
    expect(states(m)).toEqual(['B01 hecho', 'B02 pendiente', 'B03 bloqueado', 'B04 bloqueado', 'B05 bloqueado']);
    expect(m.stage.line).toBe(`B02 de B05 · Siguiente: ${S.invite}`);
    expect(m.stage.blockers).toEqual([S.subDirectorMissing, S.directionMissing, S.waitsForBanner]);
    expect(m.registrations).toEqual({ confirmed: 0, waiting: 0, review: 0, withdrawn: 0, capacity: 3 });
  });

  test('a speaker declines: B02 is blocked and says which session; the next step is to change the speaker', () => {
    expect(call<{ ok: boolean }>('inviteSpeakers', [id]).ok).toBe(true);
    const sessions = w.ws.readTab(w.talleres, 'Sesiones');
    w.ws.respondToEvent(String(sessions[0]['ID evento']), 'carmen.vilchez@gmail.com', 'accepted');
    w.ws.respondToEvent(String(sessions[1]['ID evento']), 'jose.nahui@gmail.com', 'declined');
    const m = listed();
    const b02 = m.stage.steps[1];
    expect([b02.state, b02.stateLabel, b02.text]).toEqual(['bloqueado', 'Bloqueado', S.declined([2])]);
    expect(m.stage.line).toBe(`B02 de B05 · Siguiente: ${S.changeSpeaker}`);
    expect(m.stage.blockers[0]).toBe('Un ponente declinó la sesión 2: cambie el ponente («Editar») e invítelo.');
    w.ws.respondToEvent(String(sessions[1]['ID evento']), 'jose.nahui@gmail.com', 'accepted');
    expect(states(listed()).slice(0, 2)).toEqual(['B01 hecho', 'B02 hecho']);
  });

  test('each answer of B03 and B04 carries the stage as it is now', () => {
    setSetting(w.ws, w.talleres, 'Correo de la Sub Dirección', 'subdireccion@trabajo.gob.pe');
    setSetting(w.ws, w.talleres, 'Correo de la Dirección (banners)', 'direccion.banners@trabajo.gob.pe');
    const sent = call<DirectionResult>('sendProgramme', [id]);
    if (!sent.ok) throw new Error(sent.message);
    expect(states(sent.module).slice(2, 4)).toEqual(['B03 hecho', 'B04 pendiente']);
    expect(sent.module.stage.line).toBe(`B04 de B05 · Siguiente: ${S.requestBanner}`);
    const asked = call<DirectionResult>('requestBanner', [id]);
    expect(asked.ok && asked.module.stage.steps[3].text).toBe(S.bannerRequested);
    call<DirectionResult>('setBannerState', [id, { state: 'Recibido', link: 'https://drive.google.com/file/d/1AbC/view' }]);
    const valid = call<DirectionResult>('setBannerState', [id, { state: 'Validado' }]);
    if (!valid.ok) throw new Error(valid.message);
    expect(states(valid.module)).toEqual(['B01 hecho', 'B02 hecho', 'B03 hecho', 'B04 hecho', 'B05 pendiente']);
    expect(valid.module.stage.line).toBe(`B05 de B05 · Siguiente: ${S.openRegistration}`);
    expect(valid.module.stage.blockers).toEqual([]);
  });

  describe('registration open, with registrants written into the sheet', () => {
    beforeAll(() => {
      // What the registration part (another change) records: the state and the module's link.
      setCell(w.ws, w.talleres, 'Módulos', 'ID de módulo', id, 'Estado', 'Inscripción abierta');
      setCell(w.ws, w.talleres, 'Módulos', 'ID de módulo', id, 'Enlace de inscripción', 'https://docs.google.com/forms/d/e/1FAIp/viewform?entry.1=x');
      const reg = (n: number, name: string, status: string, at: string, more: Record<string, unknown> = {}) => ({
        'ID de inscripción': `I-${n}`,
        'ID de módulo': id,
        'Fecha de inscripción': lima(at),
        'Tipo doc.': 'DNI',
        DNI: `0${4000000 + n}`,
        'Nombres y apellidos': name,
        Correo: `persona${n}@gmail.com`,
        Celular: `+51 98765432${n}`,
        Estado: status,
        ...more,
      });
      append(w.ws, w.talleres, 'Inscripciones', [
        reg(1, 'María José Quispe Mamani', 'Inscrito', '2026-11-21T10:00', { Confirmación: 'enviado' }),
        reg(2, "Raúl O'Brien Castañeda", 'Inscrito', '2026-11-21T10:05', { Confirmación: 'enviando' }),
        // Sheet order differs from registration order: the waiting list follows the time.
        reg(3, 'Lucía Ñahui Huamán', 'En lista de espera', '2026-11-22T08:30', { 'Aviso de lista de espera': 'enviado' }),
        reg(4, 'Ángela Peña Cárdenas', 'En lista de espera', '2026-11-21T19:45'),
        reg(5, 'Jesús Vílchez León', 'Inscrito', '2026-11-21T11:00', { 'Cupo asignado': lima('2026-11-23T09:00'), 'Aviso de cupo': 'pendiente', Confirmación: 'enviado' }),
        reg(6, 'Milagros Ccori Tupa', 'Por revisar', '2026-11-21T12:00', { 'Motivo de revisión': 'DNI repetido' }),
        reg(7, 'César Augusto Zúñiga Paredes', 'Retirado', '2026-11-21T09:00', { 'Fecha de retiro': lima('2026-11-22T09:00') }),
        reg(8, '<b>Yolanda</b> Ramírez Poma', 'En lista de espera', '2026-11-22T20:10'),
        reg(9, 'Óscar Anulado', 'Anulado', '2026-11-21T09:30'),
        { ...reg(10, 'Otra Persona De Otro Módulo', 'Inscrito', '2026-11-21T09:00'), 'ID de módulo': 'M-OTRO' },
      ]);
      append(w.ws, w.talleres, 'Invitaciones', [
        { 'ID de invitación': 'V-1', 'ID de módulo': id, Correo: 'a@gmail.com', Envío: 'enviado' },
        { 'ID de invitación': 'V-2', 'ID de módulo': id, Correo: 'b@gmail.com', Envío: 'enviado' },
        { 'ID de invitación': 'V-3', 'ID de módulo': 'M-OTRO', Correo: 'c@gmail.com', Envío: 'error' },
      ]);
    });

    test('«Módulos» counts them by state and B05 asks to review the one «Por revisar»', () => {
      const m = listed();
      expect(m.registrations).toEqual({ confirmed: 3, waiting: 3, review: 1, withdrawn: 1, capacity: 3 });
      expect(m.stage.steps[4]).toMatchObject({ code: 'B05', state: 'en curso', text: S.registrantsToReview(1) });
      expect(m.stage.line).toBe(`B05 de B05 · Siguiente: ${S.reviewRegistrants}`);
    });

    test('the detail lists the registrants in order and the waiting list with positions — names, states, times; no contact data', () => {
      const r = w.ws.callFromSidebar(w.talleres, 'getModuleDetail', [id]);
      if (!r.ok) throw new Error(r.error);
      const d = r.value as ModuleDetail;
      if (!d.ok) throw new Error(d.message);
      expect(d.module.id).toBe(id);
      expect(d.registrants.map((x) => [x.name, x.status, x.registeredAt, x.notice])).toEqual([
        ['César Augusto Zúñiga Paredes', 'Retirado', '21/11/2026 09:00', R.noNotice],
        ['María José Quispe Mamani', 'Inscrito', '21/11/2026 10:00', 'enviado'],
        ["Raúl O'Brien Castañeda", 'Inscrito', '21/11/2026 10:05', 'por revisar'],
        ['Jesús Vílchez León', 'Inscrito', '21/11/2026 11:00', 'por enviar'],
        ['Milagros Ccori Tupa', 'Por revisar', '21/11/2026 12:00', R.noNotice],
      ]);
      expect(d.registrants.find((x) => x.id === 'I-5')!.promotedAt).toBe('23/11/2026 09:00');
      expect(d.waitingList.map((x) => [x.position, x.name, x.registeredAt, x.notice])).toEqual([
        [1, 'Ángela Peña Cárdenas', '21/11/2026 19:45', R.noNotice],
        [2, 'Lucía Ñahui Huamán', '22/11/2026 08:30', 'enviado'],
        [3, '<b>Yolanda</b> Ramírez Poma', '22/11/2026 20:10', R.noNotice],
      ]);
      const json = JSON.stringify(d.registrants) + JSON.stringify(d.waitingList);
      expect(json).not.toMatch(/@gmail\.com|0400000|\+51|DNI repetido|Anulado|Otra Persona/);
      // One read per tab: Módulos, Sesiones, Programación anual, Inscripciones, Invitaciones, Configuración.
      expect(r.execution.methods['Range.getValues']).toBeLessThanOrEqual(6);
      expect(r.execution.calls.Calendar ?? 0).toBe(0);
    });

    test('the invitations all sent and nothing to review: B05 is done and says how registration stands', () => {
      setCell(w.ws, w.talleres, 'Inscripciones', 'ID de inscripción', 'I-6', 'Estado', 'Retirado');
      const m = listed();
      expect(m.stage.steps[4]).toMatchObject({ state: 'hecho', text: `${S.registrationSummary(3, 3, 3, 2)} ${S.full}` });
      expect(m.stage.line).toBe(`B05 de B05 · ${S.followRegistrations}`);
    });

    test('a module cancelled in «Programación anual»: no steps, its line says so', () => {
      const other = call<SaveModuleResult>('saveModule', [{ ...MODULE, requestId: 'form-0002-panel-b05', name: 'Aprende a Emprender – Cancelado', sessions: [{ ...MODULE.sessions![0], date: '2026-12-15', speakerEmail: 'otra.ponente@gmail.com' }] }]);
      if (!other.ok) throw new Error(other.message);
      const plan = w.ws.readTab(w.talleres, 'Programación anual').find((p) => p['ID de módulo'] === other.module.id)!;
      setCell(w.ws, w.talleres, 'Programación anual', 'ID de programación', String(plan['ID de programación']), 'Estado', 'Cancelado');
      const m = call<ModulesView>('getModules', []).modules.find((x) => x.id === other.module.id)!;
      expect(m.stage).toEqual({ steps: [], current: null, next: '', blockers: [], line: S.cancelled });
    });

    test('an unknown module: a Spanish refusal', () => {
      expect(call<ModuleDetail>('getModuleDetail', ['M-NO-EXISTE'])).toEqual({ ok: false, message: R.notFound });
    });
  });
});
