/**
 * C01 the approval of an institution's request, on the built bundle in the emulator: a
 * consultant sends a request to the Sub Director («Enviar a aprobación») — validated, emailed once
 * with a summary and two signed buttons —; the Sub Director opens them in the web app (GET shows
 * the proposal, POST decides; reject asks for a reason); a coordinator can decide in the panel.
 * Exactly one decision wins (link against link, link against panel); the loser is told who
 * decided and when; links of an earlier round, used, expired or forged do nothing; a proposal
 * whose date is less than 24 h away cannot be approved; the institution hears a rejection once.
 */
import type { ExternalActionResult } from '../../src/api';
import { ACCESS_MESSAGES } from '../../src/domain/messages/access';
import { EXTERNAL_DECISION_FIELDS as F } from '../../src/domain/messages/external-decision';
import { WEB_APP_MESSAGES } from '../../src/domain/web-page';
import { addTeamMember } from '../support/attention-world';
import { readFormulas } from '../support/formulas';
import {
  approvalLinks,
  confirmLink,
  createExternalWorld,
  EXTERNAL_TAB,
  openLink,
  requestRow,
  seedRequests,
  SUB_DIRECTOR,
  type ExternalWorld,
} from '../support/external-world';

const CONSULTANT = 'luis.rojas@trabajo.gob.pe';
const STRANGER = 'extrano@gmail.com';

describe('C01: a request sent for approval and decided by link or in the panel', () => {
  let w: ExternalWorld;
  const call = (fn: string, args: unknown[], user?: string): ExternalActionResult => {
    const r = w.ws.callFromSidebar(w.talleres, fn, args, user);
    if (!r.ok) throw new Error(r.error);
    return r.value as ExternalActionResult;
  };
  const send = (input: Record<string, unknown>, user = CONSULTANT) => call('sendExternalForApproval', [input], user);
  const row = (id: string) => requestRow(w.ws, w.talleres, id);
  const mailsTo = (to: string) => w.ws.outbox().filter((m) => m.to.includes(to));
  const audit = () => w.ws.readTab(w.talleres, 'Registro de auditoría');
  const proposal = (requestId: string, extra: Record<string, unknown> = {}) => ({
    requestId,
    slot: '1',
    endTime: '12:00',
    speaker: "José Ángel O'Brien Ñahui",
    speakerEmail: 'jose.obrien@gmail.com',
    certificates: true,
    ...extra,
  });

  beforeAll(() => {
    w = createExternalWorld({ at: '2026-11-20T09:00' });
    addTeamMember(w.ws, w.talleres, CONSULTANT, 'Luis Rojas', ['consultor']);
    seedRequests(w.ws, w.talleres, [
      { id: 'SE-0001', institution: 'CETPRO Santa Rosa de Lima', contactEmail: 'direccion@cetprosantarosa.edu.pe' },
      { id: 'SE-0002', institution: 'Instituto Chavín <b>de</b> Huántar', contactEmail: 'informes@chavin.edu.pe', topic: 'Costos y precios' },
      { id: 'SE-0003', institution: 'Municipalidad de Comas', contactEmail: 'desarrollo@municomas.gob.pe' },
      { id: 'SE-0004', institution: 'CETPRO Pronto', option1: ['2026-11-21', '16:00'] },
    ]);
  });

  test('a stranger cannot send nor decide; a consultant cannot decide in the panel', () => {
    const r = w.ws.callFromSidebar(w.talleres, 'sendExternalForApproval', [proposal('SE-0001')], STRANGER);
    expect(r.ok).toBe(false);
    expect(String((r as { error?: string }).error)).toContain(ACCESS_MESSAGES.refused);
    const d = w.ws.callFromSidebar(w.talleres, 'recordExternalDecision', [{ requestId: 'SE-0001', decision: 'Aprobada' }], CONSULTANT);
    expect(d.ok).toBe(false);
    expect(row('SE-0001')['Estado']).toBe('Recibida');
    expect(w.ws.outbox()).toHaveLength(0);
  });

  test('a bad proposal is refused field by field; nothing is sent', () => {
    const r = send(proposal('SE-0001', { slot: '', endTime: '9:00', speaker: '', speakerEmail: 'jose@', requestId: 'SE-0001' }));
    expect(r.ok).toBe(false);
    expect(r.errors).toMatchObject({ slot: F.slotMissing, speaker: F.speakerMissing, speakerEmail: F.speakerEmailInvalid });
    const soon = send(proposal('SE-0001', { slot: 'otra', date: '20/11/2026', startTime: '18:00', endTime: '19:00' }));
    expect(soon.errors).toMatchObject({ date: F.tooSoon });
    const backwards = send(proposal('SE-0001', { endTime: '09:30' }));
    expect(backwards.errors).toMatchObject({ endTime: F.endNotAfterStart });
    expect(mailsTo(SUB_DIRECTOR)).toHaveLength(0);
    expect(row('SE-0001')['Estado']).toBe('Recibida');
  });

  test('«Enviar a aprobación» emails the Sub Director once with the summary and two buttons; the row records the round', () => {
    const r = send(proposal('SE-0001'));
    expect(r).toMatchObject({ ok: true });
    const mails = mailsTo(SUB_DIRECTOR);
    expect(mails).toHaveLength(1);
    const m = mails[0];
    expect(m.subject).toContain('CETPRO Santa Rosa de Lima');
    for (const fact of ['20131312955', 'María Ñahui Quispe', 'direccion@cetprosantarosa.edu.pe', 'Cómo formalizar mi negocio', 'jueves 3 de diciembre de 2026, de 10:00 a. m. a 12:00 p. m.', 'Participantes esperados: 40', '48 (esperados + 20 %)', "José Ángel O'Brien Ñahui", 'Sí, se emiten certificados']) {
      expect(m.body).toContain(fact);
    }
    const links = approvalLinks(w.ws, 'CETPRO Santa Rosa de Lima')[0];
    expect(links.approve).toMatch(/^https:\/\/script\.google\.com\/.*\?t=/);
    expect(links.reject).toMatch(/\?t=/);
    expect(links.approve).not.toContain('SE-0001');
    const rec = row('SE-0001');
    expect(rec).toMatchObject({ Estado: 'Enviada a aprobación', 'Ronda de aprobación': 1, 'Envío a aprobación': 'enviado', 'Enviada por': CONSULTANT, Ponente: "José Ángel O'Brien Ñahui", 'Emite certificados': true });
    expect(rec['Inicio propuesto']).toBeInstanceOf(Date);
    expect(rec['Enviada a aprobación']).toBeInstanceOf(Date);
    expect(audit().some((a) => a['Acción'] === 'Solicitud externa enviada a aprobación' && a['Resultado'] === 'Correcto')).toBe(true);
  });

  test('GET shows the proposal (no contact data) with a button; reject asks for the reason; nothing changes', () => {
    const links = approvalLinks(w.ws, 'CETPRO Santa Rosa de Lima')[0];
    const a = openLink(w.ws, links.approve);
    expect(a.text).toContain('Aprobar la solicitud de taller');
    expect(a.text).toContain('CETPRO Santa Rosa de Lima');
    expect(a.text).toContain('Participantes esperados: 40 (cupos: 48)');
    expect(a.text).not.toMatch(/20131312955|Ñahui Quispe|cetprosantarosa|987654321/);
    expect(a.html).toContain('<form method="post"');
    const r = openLink(w.ws, links.reject);
    expect(r.html).toMatch(/<textarea[^>]*name="motivo"/);
    expect(r.html).toMatch(/maxlength="500"/);
    expect(row('SE-0001')['Estado']).toBe('Enviada a aprobación');
    expect(w.ws.readTab(w.talleres, 'Enlaces usados')).toHaveLength(0);
  });

  test('reject without a reason, or with a formula: refused, the link stays usable, the row unchanged', () => {
    const links = approvalLinks(w.ws, 'CETPRO Santa Rosa de Lima')[0];
    expect(confirmLink(w.ws, w.url, links.reject, '   ').text).toContain(F.reasonMissing);
    expect(confirmLink(w.ws, w.url, links.reject, '=HYPERLINK("http://x")').text).toContain('no puede empezar');
    expect(confirmLink(w.ws, w.url, links.reject, 'x'.repeat(501)).text).toContain('hasta 500');
    expect(row('SE-0001')['Estado']).toBe('Enviada a aprobación');
    expect(w.ws.readTab(w.talleres, 'Enlaces usados')).toHaveLength(0);
  });

  test('approve by link wins; the reject link pressed after it is told who decided and when; the job is asked for', () => {
    const links = approvalLinks(w.ws, 'CETPRO Santa Rosa de Lima')[0];
    const ok = confirmLink(w.ws, w.url, links.approve);
    expect(ok.text).toContain('Solicitud aprobada');
    const rec = row('SE-0001');
    expect(rec).toMatchObject({ Estado: 'Aprobada', Decisión: 'Aprobada', 'Vía de la decisión': 'Enlace', 'Decidida por': SUB_DIRECTOR, 'Motivo del rechazo': '' });
    expect(rec['Fecha de la decisión']).toBeInstanceOf(Date);
    expect(w.ws.triggers(w.talleres).some((t) => t.handler === 'runExternalRequests')).toBe(true);
    const lost = confirmLink(w.ws, w.url, links.reject, 'No tenemos ponente');
    expect(lost.text).toContain('Esta solicitud ya fue aprobada el viernes 20 de noviembre de 2026');
    expect(lost.text).toContain('por la Sub Dirección');
    expect(row('SE-0001')['Estado']).toBe('Aprobada');
    expect(mailsTo('direccion@cetprosantarosa.edu.pe')).toHaveLength(0); // the approval email is the job's
    expect(confirmLink(w.ws, w.url, links.approve).text).toContain('ya se usó');
    expect(openLink(w.ws, links.reject).text).toContain('ya se usó');
  });

  test('reject by link with a hostile reason: kept as text, the institution told once, escaped', () => {
    expect(send(proposal('SE-0002', { slot: '2', endTime: '17:00', certificates: false }))).toMatchObject({ ok: true });
    const links = approvalLinks(w.ws, 'Chavín')[0];
    expect(mailsTo(SUB_DIRECTOR).at(-1)!.body).toContain('No se emiten certificados');
    const reason = '<script>alert(1)</script> No hay ponente disponible\u0007 en esas fechas';
    const r = confirmLink(w.ws, w.url, links.reject, reason);
    expect(r.text).toContain('Solicitud rechazada');
    const rec = row('SE-0002');
    expect(rec).toMatchObject({ Estado: 'Rechazada', Decisión: 'Rechazada', 'Vía de la decisión': 'Enlace', 'Respuesta a la institución': 'enviado' });
    expect(String(rec['Motivo del rechazo'])).toContain('No hay ponente disponible en esas fechas');
    expect(String(rec['Motivo del rechazo'])).not.toMatch(/[<>\u0007]/);
    const told = mailsTo('informes@chavin.edu.pe');
    expect(told).toHaveLength(1);
    expect(told[0].body).toContain('No hay ponente disponible en esas fechas');
    expect(told[0].htmlBody).not.toContain('<script>');
    expect(told[0].htmlBody).toContain('Instituto Chavín &lt;b&gt;de&lt;/b&gt; Huántar');
    // Pressed again, and the approve link after it: nothing more goes out.
    expect(confirmLink(w.ws, w.url, links.reject, reason).text).toContain('ya se usó');
    expect(confirmLink(w.ws, w.url, links.approve).text).toContain('ya fue rechazada');
    expect(mailsTo('informes@chavin.edu.pe')).toHaveLength(1);
    expect(row('SE-0002')['Estado']).toBe('Rechazada');
    expect(readFormulas(w.ws, w.talleres, EXTERNAL_TAB).flat().filter(Boolean)).toEqual([]);
  });

  test('a new proposal makes the earlier buttons do nothing; the panel decides with the round it saw; the link loses to it', () => {
    expect(send(proposal('SE-0003'))).toMatchObject({ ok: true });
    const stale = send(proposal('SE-0003', { slot: '2', endTime: '17:00', seenRound: 0 }));
    expect(stale).toMatchObject({ ok: false });
    expect(send(proposal('SE-0003', { slot: '2', endTime: '17:00', seenRound: 1 }))).toMatchObject({ ok: true });
    const [first, second] = approvalLinks(w.ws, 'Municipalidad de Comas');
    expect(second.subject).toContain('Nueva propuesta');
    expect(row('SE-0003')['Ronda de aprobación']).toBe(2);
    expect(openLink(w.ws, first.approve).text).toContain('propuesta más reciente');
    expect(confirmLink(w.ws, w.url, first.approve).text).toContain('propuesta más reciente');
    expect(row('SE-0003')['Estado']).toBe('Enviada a aprobación');
    // The coordinator saw round 1: refused; with round 2 and a note: decided.
    expect(call('recordExternalDecision', [{ requestId: 'SE-0003', decision: 'Aprobada', seenRound: 1 }])).toMatchObject({ ok: false });
    expect(call('recordExternalDecision', [{ requestId: 'SE-0003', decision: 'Rechazada', reason: '' }])).toMatchObject({ ok: false, errors: { reason: F.reasonMissing } });
    const d = call('recordExternalDecision', [{ requestId: 'SE-0003', decision: 'Aprobada', seenRound: 2, note: 'Aprobado por teléfono' }]);
    expect(d).toMatchObject({ ok: true });
    expect(row('SE-0003')).toMatchObject({ Estado: 'Aprobada', 'Vía de la decisión': 'Panel', 'Decidida por': w.user });
    expect(audit().some((a) => a['Acción'] === 'Decisión de solicitud externa' && String(a['Detalle']).includes('Aprobado por teléfono'))).toBe(true);
    const lost = confirmLink(w.ws, w.url, second.reject, 'Sin presupuesto');
    expect(lost.text).toContain('ya fue aprobada');
    expect(lost.text).toContain('una coordinadora o un coordinador');
    // And the panel after a decision: told, nothing changes.
    expect(call('recordExternalDecision', [{ requestId: 'SE-0003', decision: 'Rechazada', reason: 'Otro motivo' }]).message).toContain('ya fue aprobada');
    expect(row('SE-0003')['Estado']).toBe('Aprobada');
    expect(mailsTo('desarrollo@municomas.gob.pe')).toHaveLength(0);
  });

  test('a proposal less than 24 h away cannot be approved (page and panel); it can still be rejected', () => {
    expect(send(proposal('SE-0004', { endTime: '18:00' }))).toMatchObject({ ok: true });
    const links = approvalLinks(w.ws, 'CETPRO Pronto')[0];
    w.ws.advanceTo('2026-11-20T17:00');
    const page = openLink(w.ws, links.approve);
    expect(page.text).toContain('Ya no se puede aprobar esta propuesta');
    expect(page.html).not.toContain('<form');
    expect(confirmLink(w.ws, w.url, links.approve).text).toContain('Ya no se puede aprobar');
    expect(row('SE-0004')['Estado']).toBe('Enviada a aprobación');
    expect(String(row('SE-0004')['Detalle'])).toContain('envíe una nueva propuesta');
    expect(call('recordExternalDecision', [{ requestId: 'SE-0004', decision: 'Aprobada' }]).message).toContain('no se puede aprobar');
    expect(confirmLink(w.ws, w.url, links.reject, 'La fecha ya no es viable').text).toContain('Solicitud rechazada');
    expect(row('SE-0004')['Estado']).toBe('Rechazada');
  });

  test('expired and forged links: the same "not valid" page; nothing changes', () => {
    expect(send(proposal('SE-0003', {}))).toMatchObject({ ok: false }); // decided: no more proposals
    const links = approvalLinks(w.ws, 'Municipalidad de Comas')[1];
    const forged = links.approve.replace(/.(?=$)/, (c) => (c === 'A' ? 'B' : 'A'));
    expect(openLink(w.ws, forged).text).toContain(WEB_APP_MESSAGES.invalid[0]);
    expect(confirmLink(w.ws, w.url, forged).text).toContain(WEB_APP_MESSAGES.invalid[0]);
    w.ws.advanceTo('2026-12-06T09:00');
    expect(openLink(w.ws, links.approve).text).toContain(WEB_APP_MESSAGES.invalid[0]);
    // The decision stands as the panel recorded it (the job has since made and run the workshop).
    expect(row('SE-0003')['Decisión']).toBe('Aprobada');
    expect(row('SE-0003')['Vía de la decisión']).toBe('Panel');
  });
});
