/**
 * Ley 29733 over the contact people of the institutions' requests (issue 14, C01), with the built
 * bundle in the emulator. Rosa is the contact of two requests (one answered through the request
 * form, whose response is a real emulator form's); Pedro is the contact of another and must stay
 * untouched. A search by her email finds both requests and her form answer, the export lists them,
 * a correction fixes her name and mobile on them, a deletion blanks her name, role, email and
 * mobile (and deletes her form answer) while the institution, RUC, topic, dates and state stay.
 */
import type { Workspace } from '../../emulator';
import { formsStore } from '../../emulator/services/forms';
import type { PersonChangeResult, PersonExport, PersonLookupResult } from '../../src/api';
import { createAttentionWorld, setSetting } from '../support/attention-world';
import { putRows } from '../support/workshop-rows';

const ROSA = 'rosa.quispe@cetpro.edu.pe';
const PEDRO = 'pedro.diaz@instituto.edu.pe';
const TAB = 'Solicitudes externas';

function call<T>(ws: Workspace, ss: string, fn: string, args: unknown[]): T {
  const r = ws.callFromSidebar(ss, fn, args);
  if (!r.ok) throw new Error(`${fn}: ${r.error}`);
  return r.value as T;
}

describe("a request's contact person: found, exported, corrected, deleted", () => {
  const w = createAttentionWorld();
  const { ws, talleres } = w;
  let formId = '';
  let rosaResponse = '';
  let pedroResponse = '';
  const row = (id: string) => ws.readTab(talleres, TAB).find((r) => r['ID de solicitud'] === id)!;

  beforeAll(() => {
    const store = formsStore(ws.state);
    const form = store.create(w.user, 'Solicitud de talleres', ws.state.clock.now(), ws.state.random, true);
    for (const title of ['Institución', 'Persona de contacto', 'Correo de contacto']) {
      const item = store.newItem(form, 'TEXT', ws.state.random);
      item.title = title;
      form.items.push(item);
    }
    formId = form.id;
    setSetting(ws, talleres, 'Formulario de solicitudes externas (ID)', formId);
    rosaResponse = ws.submitForm(formId, { Institución: 'CETPRO San Martín', 'Persona de contacto': 'Rosa Quispe', 'Correo de contacto': ROSA }).responseId;
    pedroResponse = ws.submitForm(formId, { Institución: 'Instituto Andino', 'Persona de contacto': 'Pedro Díaz', 'Correo de contacto': PEDRO }).responseId;
    putRows(ws, talleres, TAB, [
      {
        'ID de solicitud': 'SOL-000001',
        'ID de respuesta': rosaResponse,
        Estado: 'Cerrada',
        Institución: 'CETPRO San Martín',
        RUC: '20131312955',
        Tema: 'Plan de negocios',
        'Persona de contacto': 'Rosa Quispe',
        Cargo: 'Directora',
        'Correo de contacto': ROSA.toUpperCase(),
        'Celular de contacto': '+51 987654321',
        'Observaciones de la institución': `Escribir a ${ROSA} por la tarde.`,
        'Participantes esperados': 40,
      },
      { 'ID de solicitud': 'SOL-000002', Estado: 'Recibida', Institución: 'CETPRO San Martín', Tema: 'Costos', 'Persona de contacto': 'Rosa Quispe', Cargo: 'Directora', 'Correo de contacto': ROSA },
      { 'ID de solicitud': 'SOL-000003', 'ID de respuesta': pedroResponse, Estado: 'Recibida', Institución: 'Instituto Andino', Tema: 'Marketing', 'Persona de contacto': 'Pedro Díaz', Cargo: 'Coordinador', 'Correo de contacto': PEDRO, 'Celular de contacto': '+51 912345678' },
    ]);
  });

  test('a search by her email finds her two requests and her form answer, not Pedro', () => {
    const r = call<PersonLookupResult>(ws, talleres, 'findPersonData', [ROSA]);
    expect(r.ok).toBe(true);
    const by = (source: string) => r.records.filter((x) => x.source === source);
    expect(by('Solicitudes externas').map((x) => x.id).sort()).toEqual(['SOL-000001', 'SOL-000002']);
    expect(by('Formulario de solicitud de talleres').map((x) => x.id)).toEqual([rosaResponse]);
    expect(r.message).toContain('2 solicitudes de talleres como persona de contacto');
    expect(r.notes.join(' ')).toContain('la institución, su RUC, el tema y las fechas se conservan');
    expect(JSON.stringify(r)).not.toContain(PEDRO);
  });

  test('the export lists her requests and her answer', () => {
    const e = call<PersonExport>(ws, talleres, 'exportPersonData', [ROSA]);
    expect(e.ok).toBe(true);
    expect(e.csv).toContain('Solicitudes externas,SOL-000001,Persona de contacto,Rosa Quispe');
    expect(e.csv).toContain(`Formulario de solicitud de talleres,${rosaResponse}`);
    expect(e.csv).not.toContain('Pedro');
  });

  test('a correction fixes her name and mobile on her requests only', () => {
    const r = call<PersonChangeResult>(ws, talleres, 'correctPersonData', [ROSA, { fullName: 'Rosa Quispe Ñaupari', phone: '987 654 322' }]);
    expect(r.ok).toBe(true);
    expect(r.changed).toBe(2);
    expect(r.message).toContain('2 solicitudes de talleres');
    expect(row('SOL-000001')['Persona de contacto']).toBe('Rosa Quispe Ñaupari');
    expect(row('SOL-000002')['Persona de contacto']).toBe('Rosa Quispe Ñaupari');
    expect(String(row('SOL-000001')['Celular de contacto'])).toMatch(/987\s?654\s?322$/);
    expect(row('SOL-000003')['Persona de contacto']).toBe('Pedro Díaz');
  });

  test('a deletion (coordinator) blanks the contact, deletes her answer, keeps the institution and the statistics', () => {
    const r = call<PersonChangeResult>(ws, talleres, 'deletePersonData', [ROSA, ROSA]);
    expect(r.ok).toBe(true);
    for (const id of ['SOL-000001', 'SOL-000002']) {
      const x = row(id);
      for (const h of ['Persona de contacto', 'Cargo', 'Correo de contacto', 'Celular de contacto']) expect(x[h]).toBe('');
      expect(x['Institución']).toBe('CETPRO San Martín');
      expect(String(x['Detalle'])).toContain('Ley 29733');
    }
    const one = row('SOL-000001');
    expect(String(one.RUC)).toBe('20131312955');
    expect(one.Tema).toBe('Plan de negocios');
    expect(one.Estado).toBe('Cerrada');
    expect(one['Participantes esperados']).toBe(40);
    expect(String(one['Observaciones de la institución'])).toMatch(/^Escribir a .+ por la tarde.$/);
    expect(String(one['Observaciones de la institución'])).not.toContain(ROSA);
    expect(formsStore(ws.state).get(formId)!.responses.map((x) => x.id)).toEqual([pedroResponse]);
    // Pedro's request is untouched.
    expect(row('SOL-000003')).toMatchObject({ 'Persona de contacto': 'Pedro Díaz', Cargo: 'Coordinador', 'Correo de contacto': PEDRO });
    // Nothing left to find; running it again changes nothing.
    const after = call<PersonLookupResult>(ws, talleres, 'findPersonData', [ROSA]);
    expect(after.records.filter((x) => x.source === 'Solicitudes externas')).toEqual([]);
    const again = call<PersonChangeResult>(ws, talleres, 'deletePersonData', [ROSA, ROSA]);
    expect(again.changed).toBe(0);
  });
});
