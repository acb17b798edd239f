/**
 * C01 in the emulator: institutions fill the public request form (made by setup in "Talleres"),
 * the built bundle's form-submit trigger turns each response into a request acknowledged once, a
 * repeated one updates its request, a bad one goes to 'Revisión' with an email saying what to fix.
 */
import { REQUEST_QUESTIONS as Q } from '../../src/domain/external/request-form';
import { REQUEST_PROBLEMS as P } from '../../src/domain/external/request';
import { EXTERNAL_INTAKE_REVIEW as R } from '../../src/domain/messages/external-intake';
import { createAttentionWorld } from '../support/attention-world';
import { INSTITUTIONS, requestAnswers, wrongDigit } from '../support/external-request-answers';

const TAB = 'Solicitudes externas';
const ACK = 'Recibimos su solicitud de taller';
const FIX = 'Su solicitud de taller al MTPE necesita una corrección';
const IN_PROCESS = 'ya está en trámite';

function setting(ws: ReturnType<typeof createAttentionWorld>['ws'], ss: string, name: string): string {
  return String(ws.readTab(ss, 'Configuración').find((r) => r['Parámetro'] === name)?.['Valor'] ?? '');
}

function columnLetter(ws: ReturnType<typeof createAttentionWorld>['ws'], ss: string, header: string): string {
  const k = ws.values(ss, TAB)[0]!.indexOf(header);
  if (k < 0) throw new Error(`no column ${header}`);
  let n = k + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

describe('C01: the institutions\' request form and its intake', () => {
  const w = createAttentionWorld({ at: '2026-12-04T10:00', seed: 14 });
  const { ws, talleres } = w;
  const formId = setting(ws, talleres, 'Formulario de solicitudes externas (ID)');
  const mails = (to: string, subject: string) => ws.outbox().filter((m) => m.to.includes(to) && m.subject.includes(subject));
  const [cetpro, instituto, muni] = INSTITUTIONS;

  test('setup made the form, published with its link in «Configuración», and one submit trigger', () => {
    expect(formId).not.toBe('');
    expect(setting(ws, talleres, 'Formulario de solicitudes externas (enlace)')).toMatch(/^https:\/\//);
    const triggers = ws.triggers(talleres).filter((t) => t.handler === 'onExternalRequestSubmit');
    expect(triggers).toHaveLength(1);
    // Running setup again makes no second form nor trigger.
    const again = ws.callFromSidebar(talleres, 'setupSpreadsheet', ['talleres', w.atenciones]);
    expect(again.ok).toBe(true);
    expect(setting(ws, talleres, 'Formulario de solicitudes externas (ID)')).toBe(formId);
    expect(ws.triggers(talleres).filter((t) => t.handler === 'onExternalRequestSubmit')).toHaveLength(1);
    // Not in "Atenciones".
    expect(ws.triggers(w.atenciones).filter((t) => t.handler === 'onExternalRequestSubmit')).toHaveLength(0);
  });

  test('a valid request becomes a row «Recibida», acknowledged once', () => {
    ws.advanceBy(60_000);
    const r = ws.submitForm(formId, requestAnswers(cetpro));
    expect(r.executions.map((e) => e.status)).toEqual(['completed']);
    const rows = ws.readTab(talleres, TAB);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      'Estado': 'Recibida',
      'RUC': cetpro.ruc,
      'Institución': cetpro.name,
      'Persona de contacto': cetpro.contact,
      'Celular de contacto': '+51 987654321',
      'Tema': 'Costos y precios',
      'Hora preferida 1': '10:00',
      'Participantes esperados': 40,
      'Acuse de recibo': 'enviado',
      'ID de respuesta': r.responseId,
    });
    expect(String(rows[0]!['ID de solicitud'])).toMatch(/^S-[0-9A-V]{12}$/);
    expect(rows[0]!['Fecha preferida 1']).toBeInstanceOf(Date);
    expect(rows[0]!['Acuse enviado']).toBeInstanceOf(Date);
    const ack = mails(cetpro.email, ACK);
    expect(ack).toHaveLength(1);
    expect(ack[0]!.subject).toContain(String(rows[0]!['ID de solicitud']));
  });

  test('the same institution, topic and dates again updates its request: no second row, no second acknowledgment', () => {
    ws.advanceBy(60_000);
    const r = ws.submitForm(formId, requestAnswers(cetpro, { [Q.expected]: '55', [Q.topic]: 'Costos y precios' }));
    const rows = ws.readTab(talleres, TAB);
    expect(rows).toHaveLength(1);
    expect(rows[0]!['Participantes esperados']).toBe(55);
    expect(String(rows[0]!['ID de respuesta']).split(' ')).toContain(r.responseId);
    expect(mails(cetpro.email, ACK)).toHaveLength(1);
    expect(ws.readTab(talleres, 'Registro de auditoría').some((a) => a['Acción'] === 'Solicitud externa actualizada')).toBe(true);
  });

  test('a RUC with a wrong check digit: no request, «Revisión» with the answers, one email saying what to fix', () => {
    ws.advanceBy(60_000);
    const r = ws.submitForm(formId, requestAnswers(instituto, { [Q.ruc]: wrongDigit(instituto.ruc) }));
    expect(ws.readTab(talleres, TAB)).toHaveLength(1);
    const items = ws.readTab(talleres, 'Revisión').filter((i) => i['Referencia'] === r.responseId);
    expect(items).toHaveLength(1);
    expect(items[0]!['Tipo']).toBe(R.kindInvalid);
    expect(String(items[0]!['Detalle'])).toContain(P.ruc.checkDigit);
    expect(String(items[0]!['Detalle'])).toContain(instituto.name);
    const fix = mails(instituto.email, FIX);
    expect(fix).toHaveLength(1);
    expect(fix[0]!.body).toContain(P.ruc.checkDigit);
    // The sweep later finds nothing new to do, and sends nothing again.
    ws.advanceBy(6 * 60_000);
    expect(ws.executions({ functionName: 'runExternalRequestSweep' }).map((e) => e.status)).toContain('completed');
    expect(ws.triggers(talleres).filter((t) => t.handler === 'runExternalRequestSweep')).toEqual([]);
    expect(mails(instituto.email, FIX)).toHaveLength(1);
    expect(ws.readTab(talleres, 'Revisión').filter((i) => i['Referencia'] === r.responseId)).toHaveLength(1);
    // The journal keeps nothing the sheet records.
    expect(Object.keys(ws.properties(talleres)).filter((k) => k.startsWith('SOE_MAIL:'))).toEqual([]);
  });

  test('a bad RUC and a bad address: «Revisión» only, no email', () => {
    ws.advanceBy(60_000);
    const before = ws.outbox().length;
    const r = ws.submitForm(formId, requestAnswers(muni, { [Q.ruc]: '123', [Q.email]: 'desarrollo@@muni' }));
    expect(ws.readTab(talleres, 'Revisión').filter((i) => i['Referencia'] === r.responseId)).toHaveLength(1);
    expect(ws.outbox().length).toBe(before);
  });

  test('hostile text is kept as text, never a formula', () => {
    ws.advanceBy(60_000);
    ws.submitForm(formId, requestAnswers(muni, { [Q.institution]: '=HYPERLINK("http://x","<b>Muni</b>")', [Q.notes]: '+51 que sea de tarde' }));
    const rows = ws.readTab(talleres, TAB);
    const row = rows.find((x) => x['RUC'] === muni.ruc)!;
    expect(row['Institución']).toBe('=HYPERLINK("http://x","<b>Muni</b>")');
    expect(row['Observaciones de la institución']).toBe('+51 que sea de tarde');
    const k = ws.values(talleres, TAB)[0]!.indexOf('Institución');
    expect(ws.formulas(talleres, TAB).every((line) => !line[k])).toBe(true);
    const ack = mails(muni.email, ACK);
    expect(ack).toHaveLength(1);
    expect(ack[0]!.htmlBody).not.toContain('<b>Muni</b>');
  });

  test('the same request once sent for approval: «Revisión» and one polite «already in process» email', () => {
    const rows = ws.readTab(talleres, TAB);
    const n = rows.findIndex((x) => x['RUC'] === cetpro.ruc);
    ws.typeInto(talleres, TAB, `${columnLetter(ws, talleres, 'Estado')}${n + 2}`, 'Enviada a aprobación', { confirmWarning: true });
    ws.advanceBy(60_000);
    const r = ws.submitForm(formId, requestAnswers(cetpro, { [Q.expected]: '70' }));
    const after = ws.readTab(talleres, TAB).find((x) => x['RUC'] === cetpro.ruc)!;
    expect(after['Participantes esperados']).toBe(55);
    expect(after['Estado']).toBe('Enviada a aprobación');
    const items = ws.readTab(talleres, 'Revisión').filter((i) => i['Referencia'] === r.responseId);
    expect(items.map((i) => i['Tipo'])).toEqual([R.kindRepeated]);
    expect(mails(cetpro.email, IN_PROCESS)).toHaveLength(1);
    expect(mails(cetpro.email, ACK)).toHaveLength(1);
  });
});
