/**
 * The web app (docs/web-app.md) on the built bundle in the emulator, deployed from "Programación
 * Talleres Masivos" as its manifest says (run as the deployer, open to anyone): a citizen opens
 * the signed unsubscribe link of an invitation — GET shows what it will do, with a button, and
 * changes nothing; POST unsubscribes once; the same link again says it was used; forged, expired
 * and tokenless requests get the same "not valid" page; every request is audited without the token.
 */
import { WEB_APP_MESSAGES } from '../../src/domain/web-page';
import { UNSUBSCRIBE_MESSAGES } from '../../src/app/workshops/unsubscribe';
import { signLink } from '../../src/domain/web-links';
import { createAttentionWorld } from '../support/attention-world';
import { addInvitation, createWebAppWorld, pageText, secretOf, signedLink, tokenOf, type WebAppWorld } from '../support/webapp-world';

const CITIZEN_EMAIL = 'Ana.Torres@Gmail.com';

describe('web app: a signed unsubscribe link', () => {
  let w: WebAppWorld;
  let link = '';
  const open = (url: string) => w.ws.openWebApp(url, { user: null });
  const post = (token: string) => w.ws.openWebApp(w.url, { method: 'POST', user: null, body: `t=${encodeURIComponent(token)}` });
  const unsubscribes = () => w.ws.readTab(w.talleres, 'Bajas de difusión');
  const used = () => w.ws.readTab(w.talleres, 'Enlaces usados');
  const audit = () => w.ws.readTab(w.talleres, 'Registro de auditoría');

  beforeAll(() => {
    w = createWebAppWorld();
    addInvitation(w.ws, w.talleres, 'INV-0001', CITIZEN_EMAIL, 'Ana Torres');
    addInvitation(w.ws, w.talleres, 'INV-0002', 'ana.torres@gmail.com', 'Ana Torres');
    link = signedLink(w, 'baja', 'INV-0001', new Date('2027-11-27T00:00:00Z'));
  });

  test('the link carries only the token: no address, no name', () => {
    expect(new URL(link).searchParams.size).toBe(1);
    expect(link.toLowerCase()).not.toContain('torres');
    expect(link).not.toContain('INV-0001');
  });

  test('GET (what a mail scanner does too) describes with the address masked and a button; nothing changes', () => {
    const r = open(link);
    expect(r).toMatchObject({ status: 200, contentType: 'text/html', title: UNSUBSCRIBE_MESSAGES.title });
    expect(pageText(r.body)).toContain('Dejará de recibir invitaciones a los talleres del Servicio en la dirección a•••@gmail.com');
    expect(pageText(r.body)).toContain('Servicio de Orientación para el Emprendimiento – MTPE');
    expect(r.body).not.toMatch(/torres/i);
    expect(r.body).toContain('<form method="post"');
    expect(r.body).toContain(`action="${w.url}"`);
    expect(r.body).toContain(`name="t" value="${tokenOf(link)}"`);
    expect(r.body).toContain('name="viewport"');
    expect(open(link).status).toBe(200); // a second prefetch changes nothing either
    expect(unsubscribes()).toEqual([]);
    expect(used()).toEqual([]);
    // The visitor is anonymous: the audit's 'Ejecución' does not claim the deployer clicked.
    const shown = audit().filter((r) => r['Acción'] === WEB_APP_MESSAGES.auditShown);
    expect(shown).toHaveLength(2);
    expect(shown.every((r) => r['Ejecución'] === 'Aplicación web')).toBe(true);
  });

  test('POST unsubscribes the address (lower case) once and spends the link', () => {
    const r = post(tokenOf(link));
    expect(r.status).toBe(200);
    expect(pageText(r.body)).toContain('Ya no enviaremos invitaciones a los talleres a la dirección a•••@gmail.com');
    expect(unsubscribes()).toEqual([expect.objectContaining({ Correo: 'ana.torres@gmail.com', Medio: 'Enlace del correo' })]);
    expect(used()).toEqual([expect.objectContaining({ 'Acción': 'baja', Referencia: 'INV-0001' })]);
    expect(String(used()[0]['ID de enlace'])).toMatch(/^L-/);
  });

  test('the same link again, GET or POST: "ya se usó"; nothing is added', () => {
    expect(pageText(open(link).body)).toContain('Este enlace ya se usó');
    expect(pageText(post(tokenOf(link)).body)).toContain('Este enlace ya se usó');
    expect(unsubscribes()).toHaveLength(1);
    expect(used()).toHaveLength(1);
  });

  test("another invitation's link of an address already unsubscribed: nothing to do, and that link is spent too", () => {
    const other = signedLink(w, 'baja', 'INV-0002', new Date('2027-11-27T00:00:00Z'));
    expect(pageText(open(other).body)).toContain('ya no recibe invitaciones');
    expect(open(other).body).not.toContain('<form');
    expect(pageText(post(tokenOf(other)).body)).toContain('ya no recibe invitaciones');
    expect(unsubscribes()).toHaveLength(1);
    expect(used()).toHaveLength(2);
  });

  test('forged, altered, expired, oversized and tokenless: the same "not valid" page, nothing done', () => {
    const invalidText = WEB_APP_MESSAGES.invalid[0];
    const t = tokenOf(link);
    const forged = signLink('otro-secreto', { action: 'baja', subject: 'INV-0002', expiresAt: new Date('2027-01-01T00:00:00Z') });
    const expired = signLink(secretOf(w.ws, w.talleres), { action: 'baja', subject: 'INV-0002', expiresAt: new Date('2026-11-01T00:00:00Z') });
    const altered = t.slice(0, 5) + (t[5] === 'A' ? 'B' : 'A') + t.slice(6);
    const pages = [
      open(w.url),
      open(`${w.url}?t=${encodeURIComponent(forged)}`),
      open(`${w.url}?t=${encodeURIComponent(altered)}`),
      open(`${w.url}?t=${encodeURIComponent(expired)}`),
      open(`${w.url}?t=${'x'.repeat(5000)}`),
      post(forged),
      post(expired),
      post(''),
    ];
    const bodies = new Set(pages.map((p) => p.body));
    expect(bodies.size).toBe(1); // one page: a visitor learns nothing about why
    expect(pageText(pages[0].body)).toContain(invalidText);
    expect(pages.every((p) => p.status === 200 && p.title === WEB_APP_MESSAGES.invalidTitle)).toBe(true);
    expect(unsubscribes()).toHaveLength(1);
    expect(used()).toHaveLength(2);
  });

  test('every request is audited with the link ID and subject, never the token', () => {
    const lines = audit().filter((r) => String(r['Acción']).startsWith('Enlace web') || r['Acción'] === UNSUBSCRIBE_MESSAGES.audit);
    expect(lines.length).toBeGreaterThanOrEqual(15);
    const all = JSON.stringify(audit());
    expect(all).not.toContain(tokenOf(link));
    const usedId = String(used()[0]['ID de enlace']);
    expect(lines.find((r) => r['Acción'] === WEB_APP_MESSAGES.auditDone)?.['Para']).toBe(`${usedId} · INV-0001`);
    const invalid = lines.filter((r) => r['Acción'] === WEB_APP_MESSAGES.auditInvalid);
    expect(invalid.length).toBe(8);
    expect(invalid.every((r) => r['Para'] === '' && /^enlace (no válido|vencido)$/.test(String(r['Detalle'])))).toBe(true);
  });

  test('setup recorded the spreadsheet ID the web app falls back on', () => {
    expect(w.ws.project(w.talleres).documentProperties['SOE_SPREADSHEET_ID']).toBe(w.talleres);
  });
});

describe('«Diagnóstico» in Talleres: the web app line', () => {
  test('not deployed: a failure that says how to deploy; deployed: OK with its /exec address', () => {
    const w = createAttentionWorld();
    const lineOf = () => {
      const r = w.ws.callFromSidebar(w.talleres, 'runDiagnostics', []);
      if (!r.ok) throw new Error(r.error);
      return w.ws.readTab(w.talleres, 'Diagnóstico').find((l) => l['Comprobación'] === 'Aplicación web (enlaces de los correos)');
    };
    expect(lineOf()).toMatchObject({ Resultado: 'Falla', Detalle: expect.stringContaining('Implementar › Nueva implementación') });
    const url = w.ws.deployWebApp(w.talleres);
    expect(lineOf()).toMatchObject({ Resultado: 'OK', Detalle: expect.stringContaining(url) });
  });
});
