/**
 * The Sub Director's decisions on institutions' requests (C01) through the web app, for N
 * requests (10, 50) sent for approval: each approval email's «Aprobar» link opened (GET, doGet:
 * the page with the proposal and a button) and confirmed (POST, doPost: the decision); every
 * fifth request is rejected instead, from its «Rechazar» link, with a reason typed in the page.
 * Only those web-app executions are counted: the requests are seeded and sent for approval from
 * the panel before (the setup of the operation, as the consultant's «Enviar a aprobación» is its
 * own action), and the job the approvals ask for (runExternalRequests, which makes the
 * workshops) is not part of the decision.
 *
 * The Sub Director reads each proposal before deciding: one decision about two minutes after the
 * other, so each approval finds the previous one's run of the job already started and asks for a
 * new one (a burst of clicks within a minute would find a run pending and ask for none). The job's
 * runs in between (each approved request's workshop made) are not counted; each removes its
 * one-off trigger (jobs.ts finishJob): were the job missing, 40 approvals would use up the 20
 * triggers a script may have, and the check below (every link spent) would stop the case.
 *
 * Floor, per link opened (GET), from bench/framework.ts's CHAINS:
 * - the web app's own /exec address (ScriptApp.getService().getUrl()): the page's button is a
 *   form that POSTs the token back there (a sandboxed HtmlService page has no relative address);
 * - the signing secret, one document property: the token is an HMAC checked before anything;
 * - the spreadsheet; 'Enlaces usados' read whole (a link already used says so when opened:
 *   issue 14, "a decision link used twice"), 'Solicitudes externas' read whole (the page shows
 *   the proposal: institution, topic, date and time, expected participants) and 'Configuración'
 *   read whole (the page shows the places: expected plus the margin setting);
 * - the audit line of the request (every web-app request leaves one, docs/web-app.md), appended
 *   under the script lock (two executions must not write the same row);
 * - the page (HtmlService.createHtmlOutput).
 * Per confirmation (POST):
 * - the signing secret and the spreadsheet, as above; the script lock around the whole decision
 *   (approve, reject and the panel race for the same row);
 * - the used-links ledger read fresh under the lock, and the link appended to it (single use);
 * - the request's row read fresh under the lock (its state and round decide), and written once
 *   (state, decision, who, when, the reason);
 * - the audit line; the page;
 * - an approval: the job's run requested, a one-off trigger made (ScriptApp.newTrigger …
 *   create) and its ID recorded (one setProperties): the workshop is made by the job, not in the
 *   Sub Director's click;
 * - a rejection: the institution's email with the reason, once (CHAINS.onceOnlyEmail), and its
 *   outcome written to the row (a second write: the decision must be on the row BEFORE the email
 *   goes, so that no email ever contradicts the row; see src/app/external/approval.ts).
 * Not in the floor (overhead the ratio shows): 'Configuración' read by the POST for who decided
 * (the address the approval email went to is a setting, not on the row), the run request's two
 * property reads (its trigger's ID and when it is due), the '@' format of the new ledger row and
 * of the row's phone cell (rewritten by the row's one write), the mail quota asked and the
 * journal cleared after a rejection, the audit's Session.getActiveUser and Sheet.getMaxRows, and
 * Service.isEnabled before getUrl.
 */
import type { ExecutionRecord, Workspace } from '../../emulator';
import { BENCH_SUB_DIRECTOR, benchApprovalLinks, benchInstitution, benchRequestId, seedBenchRequests, setBenchSetting, tokenOf } from '../external-requests';
import { AUDIT_LINE, CHAINS, floorOf, sumFloors, times, type BenchCase, type FloorCalls } from '../framework';
import { setUpSpreadsheets } from './setup';

/** Request i is rejected (with a reason) rather than approved. */
const rejected = (i: number) => i % 5 === 4;

const REASON = 'La fecha coincide con otro taller del servicio; por favor, propongan otra fecha en enero.';

/** Setup, n requests seeded, each sent for approval from the panel: the talleres ID and those n executions. */
function sentForApproval(ws: Workspace, n: number): { talleres: string; sends: ExecutionRecord[] } {
  const { talleres } = setUpSpreadsheets(ws);
  ws.deployWebApp(talleres);
  setBenchSetting(ws, talleres, 'Correo de la Sub Dirección', BENCH_SUB_DIRECTOR);
  seedBenchRequests(ws, talleres, n);
  ws.advanceTo('2026-11-27T09:00');
  const sends: ExecutionRecord[] = [];
  for (let i = 0; i < n; i++) {
    ws.advanceBy(60_000);
    const r = ws.callFromSidebar(talleres, 'sendExternalForApproval', [
      { requestId: benchRequestId(i), slot: '1', endTime: '12:00', speaker: 'Ponente Externo', speakerEmail: 'ponente.externo@gmail.com', certificates: i % 2 === 0 },
    ]);
    if (!r.ok || !(r.value as { ok: boolean }).ok) throw new Error(`bench external decision: sendExternalForApproval ${benchRequestId(i)} failed: ${r.ok ? (r.value as { message: string }).message : r.error}`);
    sends.push(r.execution);
  }
  const mails = ws.outbox().filter((m) => m.to.includes(BENCH_SUB_DIRECTOR)).length;
  if (mails !== n) throw new Error(`bench external decision: ${mails} approval emails for ${n} requests`);
  return { talleres, sends };
}

function decisionsRun(ws: Workspace, n: number): ExecutionRecord[] {
  const { talleres } = sentForApproval(ws, n);
  ws.advanceTo('2026-11-27T11:00');
  const out: ExecutionRecord[] = [];
  for (let i = 0; i < n; i++) {
    ws.advanceBy(2 * 60_000);
    const links = benchApprovalLinks(ws, benchInstitution(i));
    const link = rejected(i) ? links.reject : links.approve;
    const shown = ws.openWebApp(link, { user: null });
    if (shown.status !== 200 || !shown.execution || !shown.body.includes('<form')) throw new Error(`bench external decision: GET ${benchRequestId(i)} gave ${shown.status}`);
    out.push(shown.execution);
    const body = `t=${encodeURIComponent(tokenOf(link))}${rejected(i) ? `&motivo=${encodeURIComponent(REASON)}` : ''}`;
    const done = ws.openWebApp(link.split('?')[0], { method: 'POST', user: null, body });
    if (done.status !== 200 || !done.execution) throw new Error(`bench external decision: POST ${benchRequestId(i)} gave ${done.status}`);
    out.push(done.execution);
  }
  const rows = ws.readTab(talleres, 'Solicitudes externas');
  // 'Decisión', not 'Estado': the job may already have made an approved request's workshop ('Programada').
  const approved = rows.filter((r) => r['Decisión'] === 'Aprobada' && r['Vía de la decisión'] === 'Enlace').length;
  const refused = rows.filter((r) => r['Decisión'] === 'Rechazada' && r['Respuesta a la institución'] === 'enviado').length;
  const expectRejected = Array.from({ length: n }, (_, i) => i).filter(rejected).length;
  if (approved !== n - expectRejected || refused !== expectRejected) throw new Error(`bench external decision: ${approved} approved, ${refused} rejected and told, of ${n}`);
  // Every confirmation did it (a page asking to try again leaves its link unspent).
  const spent = ws.readTab(talleres, 'Enlaces usados').length;
  if (spent !== n) throw new Error(`bench external decision: ${spent} links spent for ${n} decisions`);
  return out;
}

const decisions: BenchCase[] = [10, 50].map((n) => ({
  operation: 'external request decisions (web app)',
  size: n,
  unit: 'decisions',
  run: (ws: Workspace) => decisionsRun(ws, n),
  floor: (size: number) => {
    const readTable = sumFloors(CHAINS.tab, CHAINS.tableRead);
    const secret: FloorCalls = { 'PropertiesService.getDocumentProperties': 1, 'Properties.getProperty': 1 };
    const page: FloorCalls = { 'HtmlService.createHtmlOutput': 1 };
    const ownAddress: FloorCalls = { 'ScriptApp.getService': 1, 'Service.getUrl': 1 };
    const get = sumFloors(ownAddress, secret, CHAINS.spreadsheet, times(3, readTable), CHAINS.lock, AUDIT_LINE, page);
    const post = sumFloors(secret, CHAINS.spreadsheet, CHAINS.lock, readTable, CHAINS.append, readTable, CHAINS.write, AUDIT_LINE, page);
    const runRequest: FloorCalls = { 'ScriptApp.newTrigger': 1, 'ClockTriggerBuilder.create': 1, 'Properties.setProperties': 1 };
    const told = sumFloors(CHAINS.onceOnlyEmail, CHAINS.write);
    const each = Array.from({ length: size }, (_, i) => sumFloors(get, post, rejected(i) ? told : runRequest));
    return floorOf(sumFloors(...each));
  },
}));

/**
 * «Enviar a aprobación» (a consultant in the panel) for the same N requests, one a minute: the
 * executions of sendExternalForApproval. Floor, per request: the caller's access
 * (CHAINS.panelAccess); the spreadsheet; 'Configuración' read whole (the Sub Director's address,
 * the web app's address, the capacity margin the email states); the script lock; 'Solicitudes
 * externas' read fresh under it (the state and round decide); the signing secret, one property
 * (the two buttons are signed links); the web app's /exec address from Google (the setting is
 * empty here); the email to the Sub Director once (CHAINS.onceOnlyEmail); the row written once
 * (state, proposal, round, who, when); the audit line. Not in the floor: the '@' format of the
 * row's phone cell (rewritten by the one write), the mail quota asked, the journal entry and the
 * proposal kept beside it removed once the row records them (two deletions), Service.isEnabled,
 * Sheet.getMaxRows.
 */
const sends: BenchCase[] = [10, 50].map((n) => ({
  operation: 'external requests sent for approval (panel)',
  size: n,
  unit: 'requests',
  run: (ws: Workspace) => sentForApproval(ws, n).sends,
  floor: (size: number) => {
    const readTable = sumFloors(CHAINS.tab, CHAINS.tableRead);
    const each = sumFloors(
      CHAINS.panelAccess,
      CHAINS.spreadsheet,
      readTable,
      CHAINS.lock,
      readTable,
      { 'Properties.getProperty': 1, 'ScriptApp.getService': 1, 'Service.getUrl': 1 },
      CHAINS.onceOnlyEmail,
      CHAINS.write,
      AUDIT_LINE,
    );
    return floorOf(times(size, each));
  },
}));

export const cases: BenchCase[] = [...sends, ...decisions];
