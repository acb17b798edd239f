/**
 * A citizen confirming "dejar de recibir invitaciones" (the web app's POST, docs/web-app.md),
 * crashed at every service call of that execution (before its effect, after it, killed).
 * Recovery is what the citizen does: the page failed, so they press the button again (a POST
 * with the same token), and later open the link once more.
 *
 * After recovery: the address is in 'Bajas de difusión' exactly once, lower case; the link is in
 * 'Enlaces usados' exactly once; the retry's page says it was done (or already done), never "not
 * valid"; opening the link afterwards says it was used.
 */
import type { Workspace } from '../../emulator';
import { WEB_APP_MESSAGES } from '../../src/domain/web-page';
import { linkIdOf, signLink } from '../../src/domain/web-links';
import { addTeamMember, setUpPair } from '../support/attention-world';
import { crashAtEveryCall, formatFailures, installProduct, type CrashOperation } from '../support/crash-harness';
import { addInvitation, pageText, secretOf } from '../support/webapp-world';

const USER = 'ana.quispe@trabajo.gob.pe';

interface Ctx {
  url: string;
  talleres: string;
  token: string;
  retryText?: string;
  laterText?: string;
}

const post = (ws: Workspace, ctx: Ctx) => ws.openWebApp(ctx.url, { method: 'POST', user: null, body: `t=${encodeURIComponent(ctx.token)}` });

const operation: CrashOperation<Ctx> = {
  name: 'webapp-unsubscribe',
  actFunction: 'doPost',
  workspace: { at: '2026-11-27T09:00', user: USER },
  setup(ws) {
    const atenciones = ws.createSpreadsheet('Atenciones Virtuales – Centro de Empleo');
    const talleres = ws.createSpreadsheet('Programación Talleres Masivos');
    installProduct(ws, atenciones);
    installProduct(ws, talleres);
    setUpPair(ws, atenciones, talleres);
    addTeamMember(ws, atenciones, USER, 'Ana Quispe', ['coordinador', 'consultor']);
    addInvitation(ws, talleres, 'INV-0007', 'Rosa.Huaman@Gmail.com', 'Rosa Huamán');
    const url = ws.deployWebApp(talleres);
    const token = signLink(secretOf(ws, talleres), { action: 'baja', subject: 'INV-0007', expiresAt: new Date('2027-11-27T00:00:00Z') });
    ws.openWebApp(`${url}?t=${encodeURIComponent(token)}`, { user: null }); // the GET: the page with the button
    return { url, talleres, token };
  },
  act(ws, ctx) {
    post(ws, ctx);
  },
  recover(ws, ctx) {
    ws.advanceBy(60_000);
    ctx.retryText = pageText(post(ws, ctx).body);
    ctx.laterText = pageText(ws.openWebApp(`${ctx.url}?t=${encodeURIComponent(ctx.token)}`, { user: null }).body);
  },
  check(ws, ctx) {
    const v: string[] = [];
    const bajas = ws.readTab(ctx.talleres, 'Bajas de difusión').filter((r) => String(r['Correo']).toLowerCase() === 'rosa.huaman@gmail.com');
    if (bajas.length !== 1) v.push(`'Bajas de difusión' has the address ${bajas.length} times, expected 1`);
    else if (bajas[0]['Correo'] !== 'rosa.huaman@gmail.com') v.push(`the address is kept as "${String(bajas[0]['Correo'])}", expected lower case`);
    const used = ws.readTab(ctx.talleres, 'Enlaces usados').filter((r) => r['ID de enlace'] === linkIdOf(ctx.token));
    if (used.length !== 1) v.push(`'Enlaces usados' has the link ${used.length} times, expected 1`);
    if (!ctx.retryText || ctx.retryText.includes(WEB_APP_MESSAGES.invalid[0])) v.push(`the retry's page says "${ctx.retryText}"`);
    else if (!/Ya no enviaremos|ya no recibe|ya se usó/.test(ctx.retryText)) v.push(`the retry's page says "${ctx.retryText}"`);
    if (!ctx.laterText?.includes('ya se usó')) v.push(`opening the link afterwards says "${ctx.laterText}"`);
    return v;
  },
};

test('an unsubscribe confirmation that crashes at any call is recorded exactly once when the citizen presses again', () => {
  // The effects (appendRow/setValues) and the call after each are always tried; SOE_EXHAUSTIVE=1 for every call.
  const report = crashAtEveryCall(operation, { exhaustiveUpTo: 12, sample: 6 });
  if (report.skipped) return;
  if (report.failures.length) throw new Error(`${report.summary}\n${formatFailures(report)}`);
  expect(report.cases).toBeGreaterThan(0);
});
