/**
 * B01 in the emulator, with the built bundle in both spreadsheets (issue 11, item 1): a
 * consultant organises a module of "Aprende a Emprender" from the panel of "Programación Talleres
 * Masivos" — created with 4 sessions, listed, edited, refused once its first session has started;
 * a speaker booked in two modules at once is refused; a stranger is refused; every change is in
 * 'Registro de auditoría' with what changed, before → after; no cell anywhere holds a formula.
 */
import type { ModuleInput, ModulesView, SaveModuleResult } from '../../src/api';
import { ACCESS_MESSAGES } from '../../src/domain/messages/access';
import { SESSION_FIELD_MESSAGES as SF, WORKSHOP_MESSAGES as M } from '../../src/domain/messages/workshops';
import { createAttentionWorld, type AttentionWorld } from '../support/attention-world';
import { readFormulas } from '../support/formulas';

const STRANGER = 'extrano@gmail.com';

const MODULE: ModuleInput = {
  requestId: 'form-0001-aprende',
  name: 'Aprende a Emprender – IV 2026',
  year: 2026,
  quarter: 'IV',
  audience: 'Personas con una idea de negocio o un negocio en marcha',
  capacity: 60,
  minSessions: 3,
  whatsappUrl: 'https://chat.whatsapp.com/AbCdEfGhIj0123456789',
  sessions: [
    { topic: '¿Cómo validar mi idea de negocio?', date: '2026-12-01', startTime: '18:00', endTime: '20:00', speaker: 'Carmen Rosa Vílchez', speakerEmail: 'carmen.vilchez@gmail.com' },
    { topic: 'Costos y precios', date: '2026-12-03', startTime: '18:00', endTime: '20:00', speaker: 'José Ángel Ñahui', speakerEmail: 'jose.nahui@gmail.com' },
    { topic: 'Marketing digital', date: '2026-12-09', startTime: '18:00', endTime: '20:00', speaker: "María O'Brien Castañeda", speakerEmail: 'maria.obrien@gmail.com' },
    { topic: 'Formalización de mi negocio', date: '2026-12-15', startTime: '18:00', endTime: '20:00', speaker: 'Carmen Rosa Vílchez', speakerEmail: 'carmen.vilchez@gmail.com' },
  ],
};

describe('B01: the programme of modules in the Talleres spreadsheet', () => {
  let w: AttentionWorld;
  let id = '';

  const save = (input: ModuleInput, user?: string): SaveModuleResult => {
    const r = w.ws.callFromSidebar(w.talleres, 'saveModule', [input], user);
    if (!r.ok) throw new Error(r.error);
    return r.value as SaveModuleResult;
  };
  const list = (ss = w.talleres): ModulesView => {
    const r = w.ws.callFromSidebar(ss, 'getModules', []);
    if (!r.ok) throw new Error(r.error);
    return r.value as ModulesView;
  };
  const audit = () => w.ws.readTab(w.talleres, 'Registro de auditoría');
  const sessions = () => w.ws.readTab(w.talleres, 'Sesiones');

  beforeAll(() => {
    // Friday 27 November 2026, 09:00 in Lima.
    w = createAttentionWorld({ at: '2026-11-27T09:00' });
  });

  test('a module of 4 sessions is created as a draft, with its sessions and its line in the yearly programming', () => {
    const r = save(MODULE);
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r).toMatchObject({ ok: true, created: true, message: M.created(MODULE.name!) });
    id = r.module.id;
    expect(id).toMatch(/^M-[0-9A-V]{12}$/);

    const [mod, ...more] = w.ws.readTab(w.talleres, 'Módulos');
    expect(more).toEqual([]);
    expect(mod).toMatchObject({
      'ID de módulo': id,
      Módulo: 'Aprende a Emprender – IV 2026',
      Tipo: 'Interno',
      Año: 2026,
      Trimestre: 'IV',
      Estado: 'Borrador',
      Fechas: '01/12, 03/12, 09/12 y 15/12/2026',
      'Público objetivo': MODULE.audience,
      Cupos: 60,
      'Asistencia mínima (sesiones)': 3,
      Inscritos: 0,
      'Grupo de WhatsApp': MODULE.whatsappUrl,
    });
    expect(sessions().map((s) => [s['ID de sesión'], s['ID de módulo'], s['N.°'], s.Tema, s['Hora de inicio'], s['Hora de fin'], s.Ponente, s['Correo del ponente'], s.Estado, s['Respuesta del ponente']])).toEqual([
      [`${id}-S1`, id, 1, '¿Cómo validar mi idea de negocio?', '18:00', '20:00', 'Carmen Rosa Vílchez', 'carmen.vilchez@gmail.com', 'Programada', 'Pendiente'],
      [`${id}-S2`, id, 2, 'Costos y precios', '18:00', '20:00', 'José Ángel Ñahui', 'jose.nahui@gmail.com', 'Programada', 'Pendiente'],
      [`${id}-S3`, id, 3, 'Marketing digital', '18:00', '20:00', "María O'Brien Castañeda", 'maria.obrien@gmail.com', 'Programada', 'Pendiente'],
      [`${id}-S4`, id, 4, 'Formalización de mi negocio', '18:00', '20:00', 'Carmen Rosa Vílchez', 'carmen.vilchez@gmail.com', 'Programada', 'Pendiente'],
    ]);
    // Start and end are real instants: 18:00 in Lima is 23:00 UTC.
    expect((sessions()[0].Inicio as Date).toISOString()).toBe('2026-12-01T23:00:00.000Z');
    expect(w.ws.readTab(w.talleres, 'Programación anual')).toEqual([
      expect.objectContaining({ 'ID de programación': `PA-${id}`, Año: 2026, Trimestre: 'IV', Módulo: MODULE.name, 'ID de módulo': id, Estado: 'Programado' }),
    ]);
    const line = audit().find((a) => a['Acción'] === 'Módulo creado' && a.Para === id);
    expect(line).toMatchObject({ Resultado: 'Correcto' });
    expect(String(line!.Detalle)).toContain('Cupos: (vacío) → 60');
    // One line per session, each with what it holds now.
    const s4 = audit().find((a) => a['Acción'] === 'Sesión de módulo agregada' && a.Para === `${id}-S4`);
    expect(String(s4!.Detalle)).toBe(
      'Tema: (vacío) → Formalización de mi negocio · Fecha: (vacío) → 2026-12-15 · Hora de inicio: (vacío) → 18:00 · Hora de fin: (vacío) → 20:00 · Ponente: (vacío) → Carmen Rosa Vílchez · Correo del ponente: (vacío) → carmen.vilchez@gmail.com',
    );
  });

  test('the same request sent again (a double click) finds its module: nothing doubles', () => {
    const r = save(MODULE);
    expect(r).toMatchObject({ ok: true, created: false, unchanged: true, module: { id } });
    expect(w.ws.readTab(w.talleres, 'Módulos')).toHaveLength(1);
    expect(sessions()).toHaveLength(4);
  });

  test('«Módulos» lists it with its sessions, state and counts, and says the spreadsheet is the talleres one', () => {
    const v = list();
    expect(v).toMatchObject({ ready: true, role: 'talleres', counts: { modules: 1, sessions: 4, drafts: 1 }, today: '2026-11-27' });
    expect(v.modules[0]).toMatchObject({
      id,
      name: MODULE.name,
      quarter: 'IV',
      status: 'Borrador',
      capacity: 60,
      attendanceRule: 'al menos 3 de 4 sesiones',
      editable: true,
      dates: '01/12, 03/12, 09/12 y 15/12/2026',
    });
    expect(v.modules[0].sessions.map((s) => [s.number, s.date, s.startTime, s.endTime])).toEqual([
      [1, '2026-12-01', '18:00', '20:00'],
      [2, '2026-12-03', '18:00', '20:00'],
      [3, '2026-12-09', '18:00', '20:00'],
      [4, '2026-12-15', '18:00', '20:00'],
    ]);
    // In the other spreadsheet the panel learns its role and gets nothing else.
    expect(list(w.atenciones)).toMatchObject({ ready: false, role: 'atenciones', message: M.wrongRole, modules: [] });
  });

  test('it is edited: capacity, one topic, a session removed — audited before → after', () => {
    const edited: ModuleInput = { ...MODULE, id, capacity: 80, sessions: [MODULE.sessions![0], { ...MODULE.sessions![1], topic: 'Costos, precios y margen' }, MODULE.sessions![3]] };
    const r = save(edited);
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r).toMatchObject({ ok: true, created: false, unchanged: false, message: M.updated(MODULE.name!) });
    expect(r.module.sessions.map((s) => [s.number, s.topic, s.date])).toEqual([
      [1, '¿Cómo validar mi idea de negocio?', '2026-12-01'],
      [2, 'Costos, precios y margen', '2026-12-03'],
      [3, 'Formalización de mi negocio', '2026-12-15'],
    ]);
    expect(r.module.attendanceRule).toBe('al menos 3 de 3 sesiones');
    expect(w.ws.readTab(w.talleres, 'Módulos')[0]).toMatchObject({ Cupos: 80, Fechas: '01/12, 03/12 y 15/12/2026' });
    // The fourth row is kept, cancelled: rows are never deleted.
    expect(sessions().map((s) => [s['ID de sesión'], s.Estado])).toEqual([
      [`${id}-S1`, 'Programada'],
      [`${id}-S2`, 'Programada'],
      [`${id}-S3`, 'Programada'],
      [`${id}-S4`, 'Cancelada'],
    ]);
    const line = audit().find((a) => a['Acción'] === 'Módulo modificado' && a.Resultado === 'Correcto');
    expect(line!.Detalle).toBe('Cupos: 60 → 80');
    const byTarget = (t: string) => audit().filter((a) => a.Para === t).map((a) => [a['Acción'], a.Detalle]);
    expect(byTarget(`${id}-S2`)).toContainEqual(['Sesión de módulo modificada', 'Tema: Costos y precios → Costos, precios y margen']);
    expect(byTarget(`${id}-S3`)).toContainEqual([
      'Sesión de módulo modificada',
      'Tema: Marketing digital → Formalización de mi negocio · Fecha: 2026-12-09 → 2026-12-15 · Ponente: María O\'Brien Castañeda → Carmen Rosa Vílchez · Correo del ponente: maria.obrien@gmail.com → carmen.vilchez@gmail.com',
    ]);
    expect(byTarget(`${id}-S4`)).toContainEqual(['Sesión de módulo retirada', 'Estado: Programada → Cancelada (la fila se conserva)']);

    // Back to four sessions: the cancelled row comes back.
    const again = save({ ...MODULE, id, capacity: 80 });
    expect(again.ok).toBe(true);
    expect(sessions().map((s) => s.Estado)).toEqual(['Programada', 'Programada', 'Programada', 'Programada']);
    expect(sessions()).toHaveLength(4);
  });

  test('a speaker who would be in two places at once is refused, on that session, naming the other module', () => {
    const other: ModuleInput = {
      requestId: 'form-0002-finanzas',
      name: 'Finanzas para emprendedores',
      year: 2026,
      quarter: 'IV',
      audience: 'Negocios en marcha',
      capacity: 40,
      minSessions: 1,
      sessions: [
        { topic: 'Flujo de caja', date: '2026-12-03', startTime: '19:00', endTime: '21:00', speaker: 'José Ángel Ñahui', speakerEmail: 'Jose.Nahui@Gmail.com' },
      ],
    };
    const r = save(other);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toBe(M.invalidForm);
    expect(r.errors.sessions).toEqual([{ speaker: SF.speakerBusy(MODULE.name!, 'jueves 3 de diciembre de 2026', '18:00', '20:00') }]);
    expect(w.ws.readTab(w.talleres, 'Módulos')).toHaveLength(1);
    // Another speaker at that time is fine.
    const ok = save({ ...other, sessions: [{ ...other.sessions![0], speaker: 'Rosa Elvira Condori', speakerEmail: 'rosa.condori@gmail.com' }] });
    expect(ok.ok).toBe(true);
    expect(list().counts).toMatchObject({ modules: 2, sessions: 5 });
  });

  test('what would be a formula or markup is refused, and what is saved stays text', () => {
    const r = save({ ...MODULE, requestId: 'form-0003-formulas', name: '=HYPERLINK("http://x","y")', minSessions: 1, audience: '+51 987654321', sessions: [{ ...MODULE.sessions![0], topic: '@SUM(A1)', speaker: '<b>Ana</b>' }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors.fields).sort()).toEqual(['audience', 'name']);
    expect(Object.keys(r.errors.sessions[0]).sort()).toEqual(['speaker', 'topic']);
    for (const tab of ['Módulos', 'Sesiones', 'Programación anual', 'Registro de auditoría']) {
      expect([tab, readFormulas(w.ws, w.talleres, tab).flat().filter((f) => f !== '')]).toEqual([tab, []]);
    }
  });

  test('a stranger with edit access is refused by both functions, and the refusal is on record', () => {
    for (const [fn, args] of [['getModules', []], ['saveModule', [{ ...MODULE, id, capacity: 1 }]]] as const) {
      const r = w.ws.callFromSidebar(w.talleres, fn, [...args], STRANGER);
      expect([fn, r.ok ? 'answered' : r.error]).toEqual([fn, ACCESS_MESSAGES.refused]);
    }
    expect(w.ws.readTab(w.talleres, 'Módulos')[0]).toMatchObject({ Cupos: 80 });
    const refused = audit().filter((a) => a['Acción'] === 'Acceso denegado');
    expect(refused.map((a) => a.Para).sort()).toEqual(['getModules', 'saveModule']);
    // The Atenciones spreadsheet does not organise modules.
    const wrong = w.ws.callFromSidebar(w.atenciones, 'saveModule', [MODULE]);
    expect(wrong.ok && (wrong.value as SaveModuleResult)).toMatchObject({ ok: false, message: M.wrongRole });
  });

  test('once its first session has started the module can no longer be edited; the refusal is audited', () => {
    w.ws.advanceTo('2026-12-01T18:00');
    const v = list();
    const mod = v.modules.find((m) => m.id === id)!;
    expect(mod.editable).toBe(false);
    expect(mod.notEditable).toBe(M.alreadyStarted('martes 1 de diciembre de 2026, 6:00 p. m.'));
    const r = save({ ...MODULE, id, capacity: 100 });
    expect(r).toMatchObject({ ok: false, message: M.alreadyStarted('martes 1 de diciembre de 2026, 6:00 p. m.') });
    expect(w.ws.readTab(w.talleres, 'Módulos')[0]).toMatchObject({ Cupos: 80 });
    expect(audit().find((a) => a['Acción'] === 'Cambio de módulo rechazado' && a.Para === id)).toMatchObject({ Resultado: 'Sin efecto' });
    // Every change of the module is on record, in order.
    expect(audit().filter((a) => a.Para === id).map((a) => [a['Acción'], a.Resultado])).toEqual([
      ['Módulo creado', 'Correcto'],
      ['Módulo creado', 'Sin cambios'],
      ['Módulo modificado', 'Correcto'],
      ['Módulo modificado', 'Correcto'],
      ['Cambio de módulo rechazado', 'Sin efecto'],
    ]);
  });
});

describe('B01: Sheets calls of a save do not grow with the number of sessions', () => {
  test('a module of 2 sessions and one of 12: the same reads and writes, each tab read once', () => {
    const w = createAttentionWorld({ at: '2026-11-27T09:00' });
    const moduleOf = (n: number, key: string, name: string): ModuleInput => ({
      ...MODULE,
      requestId: key,
      name,
      year: 2027,
      quarter: 'I',
      minSessions: 1,
      sessions: Array.from({ length: n }, (_, i) => ({
        topic: `Tema ${i + 1}`,
        date: `2027-01-${String(4 + i).padStart(2, '0')}`,
        startTime: '18:00',
        endTime: '20:00',
        speaker: 'Carmen Rosa Vílchez',
        speakerEmail: `ponente.${key}@gmail.com`,
      })),
    });
    const calls = (input: ModuleInput) => {
      const r = w.ws.callFromSidebar(w.talleres, 'saveModule', [input]);
      if (!r.ok || !(r.value as SaveModuleResult).ok) throw new Error(JSON.stringify(r.ok ? r.value : r.error));
      const m = r.execution.methods;
      return { reads: m['Range.getValues'] ?? 0, writes: m['Range.setValues'] ?? 0, id: (r.value as { module: { id: string } }).module.id };
    };
    const small = calls(moduleOf(2, 'pequeno-0001', 'Módulo pequeño'));
    const large = calls(moduleOf(12, 'grande-00001', 'Módulo grande'));
    expect({ reads: large.reads, writes: large.writes }).toEqual({ reads: small.reads, writes: small.writes });
    // Three tabs read once each (plus the audit log's own), and for the answer's B01–B05 stage
    // 'Inscripciones', 'Invitaciones' and 'Configuración' once each; one append per tab plus the audit lines.
    expect(small.reads).toBeLessThanOrEqual(7);
    expect(small.writes).toBeLessThanOrEqual(4);
    // Edits too: every session of the large one changes topic.
    const edited = moduleOf(12, 'grande-00001', 'Módulo grande');
    const editCalls = calls({ ...edited, id: large.id, sessions: edited.sessions!.map((s) => ({ ...s, topic: `${s.topic} (nuevo)` })) });
    const smallEdit = calls({ ...moduleOf(2, 'pequeno-0001', 'Módulo pequeño'), id: small.id, capacity: 61, sessions: moduleOf(2, 'x', 'x').sessions!.map((s, i) => ({ ...s, speakerEmail: 'ponente.pequeno-0001@gmail.com', topic: `Otro ${i}` })) });
    expect({ reads: editCalls.reads, writes: editCalls.writes }).toEqual({ reads: smallEdit.reads, writes: smallEdit.writes });
  });
});
