/**
 * C01 «Enviar a aprobación» killed right after the Sub Director's email went out, before the row
 * recorded it (the execution dies: a timeout, a quota): the email's journal entry says 'enviando'
 * and the proposal it carried is kept beside it. The consultant presses again:
 * - with the SAME proposal: the same round, nothing sent again (the email already out is it);
 * - with ANOTHER proposal: the next round, a new email; the first email's buttons find an older
 *   round and do nothing (its proposal is not the one recorded).
 * Guards approval.ts's pending proposal (written in the same setProperties as the journal's
 * 'enviando', read back from one getProperties).
 */
import { Workspace } from '../../emulator';
import { approvalLinks, confirmLink, createExternalWorld, openLink, requestRow, seedRequests, SUB_DIRECTOR } from '../support/external-world';

const INSTITUTION = 'CETPRO Santa Rosa de Lima';
const PROPOSAL = { requestId: 'SE-0001', slot: '1', endTime: '12:00', speaker: 'José Ñahui', speakerEmail: 'jose.nahui@gmail.com', certificates: true };

/** A world with the request, and the call at which «Enviar a aprobación» has just sent its email. */
function killedAfterTheEmail(): { ws: Workspace; talleres: string; url: string } {
  const w = createExternalWorld({ at: '2026-11-20T09:00' });
  seedRequests(w.ws, w.talleres, [{ id: 'SE-0001', institution: INSTITUTION }]);
  const before = w.ws.snapshot();
  const dry = w.ws.callFromSidebar(w.talleres, 'sendExternalForApproval', [PROPOSAL]);
  const sent = dry.execution.sequence.indexOf('MailApp.sendEmail') + 1;
  expect(sent).toBeGreaterThan(0);
  const ws = Workspace.fromSnapshot(before);
  ws.injectFault({ kind: 'kill', atCall: sent + 1, match: (e) => e.functionName === 'sendExternalForApproval' });
  const killed = ws.callFromSidebar(w.talleres, 'sendExternalForApproval', [PROPOSAL]);
  expect(killed.execution.status).toBe('killed');
  expect(ws.outbox().filter((m) => m.to.includes(SUB_DIRECTOR))).toHaveLength(1);
  expect(requestRow(ws, w.talleres, 'SE-0001')['Estado']).toBe('Recibida');
  return { ws, talleres: w.talleres, url: w.url };
}

describe('C01: «Enviar a aprobación» killed after its email, pressed again', () => {
  test('the same proposal: same round, the Sub Director is not emailed again', () => {
    const { ws, talleres } = killedAfterTheEmail();
    const r = ws.callFromSidebar(talleres, 'sendExternalForApproval', [PROPOSAL]);
    expect(r.ok).toBe(true);
    expect(ws.outbox().filter((m) => m.to.includes(SUB_DIRECTOR))).toHaveLength(1);
    expect(requestRow(ws, talleres, 'SE-0001')).toMatchObject({ Estado: 'Enviada a aprobación', 'Ronda de aprobación': 1 });
  });

  test("another proposal: the next round and a new email; the first email's button does nothing", () => {
    const { ws, talleres, url } = killedAfterTheEmail();
    const r = ws.callFromSidebar(talleres, 'sendExternalForApproval', [{ ...PROPOSAL, endTime: '13:00' }]);
    expect(r.ok).toBe(true);
    const mails = approvalLinks(ws, INSTITUTION);
    expect(mails).toHaveLength(2);
    expect(requestRow(ws, talleres, 'SE-0001')).toMatchObject({ Estado: 'Enviada a aprobación', 'Ronda de aprobación': 2 });
    expect(openLink(ws, mails[0].approve).html).not.toContain('<form method="post"');
    confirmLink(ws, url, mails[0].approve);
    expect(requestRow(ws, talleres, 'SE-0001')['Estado']).toBe('Enviada a aprobación');
    confirmLink(ws, url, mails[1].approve);
    expect(requestRow(ws, talleres, 'SE-0001')).toMatchObject({ Estado: 'Aprobada', 'Vía de la decisión': 'Enlace' });
  });
});
