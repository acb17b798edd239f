/**
 * The certificate verification page (B12; src/app/workshops/verification.ts) with in-memory
 * ports, through the real router and handler table: the four answers (valid, replaced, revoked,
 * unknown), only the name, module and dates on any page (never the document, the email or the
 * revocation's reason), and a link that is never spent — not by GETs, not by a forged POST.
 */
import { LINK_HANDLERS } from '../../../src/app/webapp/handlers';
import { handleLinkRequest, type RouterDeps } from '../../../src/app/webapp/router';
import { SIGNING_SECRET_PROPERTY } from '../../../src/app/signing';
import { certificateCodeLookup, VERIFICATION_HANDLER, verificationLink, verifyCertificate } from '../../../src/app/workshops/verification';
import { typedCertificateCode } from '../../../src/domain/certificate-code-input';
import { VERIFICATION_LOOKUP as L, VERIFICATION_PAGES as P } from '../../../src/domain/messages/certificate-verification';
import { CERTIFICATES_TAB, REGISTRATIONS_TAB, SETTINGS_TAB, USED_LINKS_TAB, type TabSpec } from '../../../src/domain/schema';
import { checkLink, LINK_VALIDITY_DAYS, signLink } from '../../../src/domain/web-links';
import { renderWebPage } from '../../../src/domain/web-page';
import { FakeMailer } from '../../support/attention-fixtures';
import { ArrayAuditLog, FixedClock, MemoryStore, MemoryWorkbook, MemoryWorkbooks, NoLock } from '../../support/memory-ports';

const SECRET = 'secreto-de-prueba-0123456789';
const NOW = new Date('2026-12-20T15:00:00Z');
const EXEC = 'https://script.google.com/macros/s/AKfycbVERIFY1234567890/exec';
const DNI = '40000012';
const EMAIL = 'rosa.quispe@correo.pe';
const PHONE = '+51 987654321';
const REASON = 'Error en el nombre detectado por la coordinadora';

const VALID = 'CERT-7K2M-Q9XD-4TRB-H0ZP';
const REPLACED = 'CERT-AAAA-BBBB-CCCC-DDDD';
const REVOKED = 'CERT-EEEE-FFFF-GGGG-HHHH';
const DELETED = 'CERT-JJJJ-KKKK-MMMM-NNNN';
const ODD = 'CERT-PPPP-QQQQ-RRRR-SSSS';

function world(opts: { certificates?: boolean } = {}) {
  const book = new MemoryWorkbook('ss-talleres', 'Programación Talleres Masivos');
  const tab = (spec: TabSpec) => book.createTab(spec.name, spec.columns.map((c) => ({ text: c.header, system: c.system })));
  for (const spec of [USED_LINKS_TAB, REGISTRATIONS_TAB, SETTINGS_TAB]) tab(spec);
  book.table(REGISTRATIONS_TAB).append([{ id: 'INS-000001', moduleId: 'MOD-1', dni: DNI, email: EMAIL, phone: PHONE, fullName: 'Rosa Quispe Ñahui', certificateCode: VALID }]);
  if (opts.certificates !== false) {
    tab(CERTIFICATES_TAB);
    const base = { registrationId: 'INS-000001', moduleId: 'MOD-1', moduleName: 'Aprende a Emprender I', moduleDates: '2, 9, 16 y 23 de diciembre de 2026', hours: 12, sessionsAttended: 4, pdfFileId: 'FILE-1', pdfUrl: 'https://drive.google.com/file/d/FILE-1/view', by: 'coordinadora@mtpe.gob.pe' };
    book.table(CERTIFICATES_TAB).append([
      { ...base, code: REPLACED, fullName: 'Rosa Qispe', state: 'Reemplazado', replacedBy: VALID },
      { ...base, code: VALID, fullName: 'Rosa Quispe Ñahui', state: 'Vigente' },
      { ...base, code: REVOKED, fullName: 'Rosa Quispe Ñahui', state: 'Revocado', revokeReason: REASON, revokedAt: NOW },
      { ...base, code: DELETED, fullName: '', state: 'Revocado', revokeReason: 'Supresión de datos personales', revokedAt: NOW },
      { ...base, code: ODD, fullName: 'Rosa Quispe Ñahui', state: 'Válido, creo' },
    ]);
  }
  const workbooks = new MemoryWorkbooks('ss-talleres');
  workbooks.add(book);
  const audit = new ArrayAuditLog();
  const properties = new MemoryStore({ [SIGNING_SECRET_PROPERTY]: SECRET });
  const deps: RouterDeps = { workbooks, properties, lock: new NoLock(), clock: new FixedClock(NOW), webApp: null, mailer: new FakeMailer(), audit, formAction: EXEC };
  const token = (code: string) => signLink(SECRET, { action: 'verificar', subject: code, expiresAt: new Date(NOW.getTime() + 86_400_000 * 365) });
  const get = (code: string) => handleLinkRequest(deps, LINK_HANDLERS, { method: 'GET', token: token(code) });
  const ledger = () => book.table(USED_LINKS_TAB).read({ fresh: true }).rows;
  return { book, deps, audit, token, get, ledger };
}

/** Nothing of the person but the name printed on the certificate reaches the HTML. */
function expectNoPersonalData(html: string): void {
  for (const needle of [DNI, EMAIL, 'rosa.quispe', '987654321', 'INS-000001', 'FILE-1', 'coordinadora', REASON, 'Supresión']) expect(html).not.toContain(needle);
}

test('the handler is the one the router knows for "verificar", and it is read-only', () => {
  expect(LINK_HANDLERS.verificar).toBe(VERIFICATION_HANDLER);
  expect(VERIFICATION_HANDLER.readOnly).toBe(true);
});

test('valid: «Certificado válido» with the name, module, dates and code; no button; nothing else of the person', () => {
  const w = world();
  const r = w.get(VALID);
  expect(r.page.title).toBe('Certificado válido');
  expect(r.page.form).toBeUndefined();
  expect(r.page.paragraphs).toEqual(expect.arrayContaining(['Otorgado a: Rosa Quispe Ñahui', 'Taller: «Aprende a Emprender I»', 'Fechas: 2, 9, 16 y 23 de diciembre de 2026', `Código: ${VALID}`]));
  const html = renderWebPage(r.page);
  expect(html).not.toContain('<form');
  expectNoPersonalData(html);
});

test('replaced: says a newer certificate replaces it, without the new code', () => {
  const w = world();
  const r = w.get(REPLACED);
  expect(r.page.title).toBe('Certificado reemplazado');
  expect(r.page.paragraphs.join(' ')).toMatch(/reemplazado por un certificado más reciente/);
  expect(r.page.paragraphs).toContain('Otorgado a: Rosa Qispe');
  const html = renderWebPage(r.page);
  expect(html).not.toContain(VALID);
  expect(html).not.toContain('Rosa Quispe Ñahui');
  expectNoPersonalData(html);
});

test('revoked: no reason shown; no name at all when a deletion blanked it', () => {
  const w = world();
  const revoked = w.get(REVOKED);
  expect(revoked.page.title).toBe('Certificado revocado');
  expect(revoked.page.paragraphs).toContain('Otorgado a: Rosa Quispe Ñahui');
  expectNoPersonalData(renderWebPage(revoked.page));
  const deleted = w.get(DELETED);
  expect(deleted.page.title).toBe('Certificado revocado');
  const html = renderWebPage(deleted.page);
  expect(html).not.toMatch(/Otorgado a|Rosa|Quispe/);
  expect(html).toContain('Aprende a Emprender I');
  expectNoPersonalData(html);
});

test('unknown: a signed link whose code has no row, or no tab at all → «No encontramos este certificado»', () => {
  const w = world();
  expect(w.get('CERT-ZZZZ-ZZZZ-ZZZZ-ZZZZ').page).toEqual(P.unknown);
  expect(world({ certificates: false }).get(VALID).page).toEqual(P.unknown);
});

test('a state nobody writes (edited by hand) confirms nothing', () => {
  const w = world();
  const r = w.get(ODD);
  expect(r.page).toEqual(P.unconfirmed);
  expect(renderWebPage(r.page)).not.toContain('Rosa');
});

test('GET twice answers the same and never spends the link; a forged POST with the token does not spend it either', () => {
  const w = world();
  const first = w.get(VALID);
  expect(w.get(VALID)).toEqual(first);
  const post = handleLinkRequest(w.deps, LINK_HANDLERS, { method: 'POST', token: w.token(VALID) });
  expect(post.page).toEqual(first.page);
  expect(w.get(VALID)).toEqual(first);
  expect(w.ledger()).toEqual([]);
  // Audited by the code, never by the person.
  const lines = JSON.stringify(w.audit.entries());
  expect(lines).toContain(VALID);
  expect(lines).toContain('certificado vigente');
  expectNoPersonalData(lines);
  expect(lines).not.toContain('Rosa');
});

test('a forged or altered token: the router\'s "not valid" page, the code never read', () => {
  const w = world();
  const forged = signLink('otro-secreto-cualquiera-000', { action: 'verificar', subject: VALID, expiresAt: new Date('2056-01-01T00:00:00Z') });
  expect(handleLinkRequest(w.deps, LINK_HANDLERS, { method: 'GET', token: forged }).kind).toBe('invalid');
  const t = w.token(VALID);
  expect(handleLinkRequest(w.deps, LINK_HANDLERS, { method: 'GET', token: t.slice(0, -2) + (t.endsWith('AA') ? 'BB' : 'AA') }).kind).toBe('invalid');
});

test('perform answers the same page as describe, as "nothing"', () => {
  const w = world();
  expect(VERIFICATION_HANDLER.perform(w.deps, VALID)).toEqual(verifyCertificate(w.deps, VALID));
  expect(verifyCertificate(w.deps, VALID).kind).toBe('nothing');
});

describe('verificationLink', () => {
  test('a signed "verificar" link on the typed web app address, valid for 30 years, subject the code', () => {
    const w = world();
    w.book.table(SETTINGS_TAB).append([{ name: 'Enlace de la aplicación web', value: EXEC }]);
    const link = verificationLink(w.deps, VALID)!;
    expect(link.startsWith(`${EXEC}?t=`)).toBe(true);
    const check = checkLink(SECRET, new URL(link).searchParams.get('t'), NOW);
    expect(check).toMatchObject({ ok: true, claims: { action: 'verificar', subject: VALID } });
    if (check.ok) expect(Math.round((check.claims.expiresAt.getTime() - NOW.getTime()) / 86_400_000)).toBe(LINK_VALIDITY_DAYS.verificar);
    expect(link).not.toContain(VALID);
    // The link opens the valid page.
    expect(handleLinkRequest(w.deps, LINK_HANDLERS, { method: 'GET', token: new URL(link).searchParams.get('t') }).page.title).toBe('Certificado válido');
  });

  test("null without a usable address; Google's own answer when the setting is empty", () => {
    const w = world();
    expect(verificationLink(w.deps, VALID)).toBeNull();
    expect(verificationLink({ ...w.deps, webApp: { url: () => 'https://script.google.com/macros/s/AKfycbDEV1234567890/dev' } }, VALID)).toBeNull();
    expect(verificationLink({ ...w.deps, webApp: { url: () => EXEC } }, VALID)).toMatch(/^https:\/\/script\.google\.com\/macros\/s\/AKfycbVERIFY1234567890\/exec\?t=/);
  });
});

describe('a code typed on the page (GET ?codigo=, no token)', () => {
  test('only a full code is read: spaces, hyphens, lower case and Crockford look-alikes are forgiven', () => {
    expect(typedCertificateCode(' cert 7k2m q9xd 4trb h0zp ')).toBe(VALID);
    expect(typedCertificateCode('7K2MQ9XD4TRBHOZP')).toBe(VALID); // O typed for 0
    expect(typedCertificateCode('CERT-1111-IIII-LLLL-1111')).toBe('CERT-1111-1111-1111-1111');
    for (const bad of ['CERT-7K2M-Q9XD-4TRB', 'CERT-7K2M-Q9XD-4TRB-H0Z', 'CERT-7K2M-Q9XD-4TRB-H0ZPX', 'CERT-7K2M-Q9XD-4TRB-H0ZU', '', 'x'.repeat(65), null, 42, ['CERT-7K2M-Q9XD-4TRB-H0ZP']]) {
      expect(typedCertificateCode(bad)).toBeNull();
    }
  });

  test('a full code: the same answer as the link, then the form to verify another; audited by the code', () => {
    const w = world();
    for (const [code, title] of [[VALID, 'Certificado válido'], [REPLACED, 'Certificado reemplazado'], [REVOKED, 'Certificado revocado'], ['CERT-ZZZZ-ZZZZ-ZZZZ-ZZZZ', 'No encontramos este certificado']] as const) {
      const page = certificateCodeLookup(w.deps, code.toLowerCase(), EXEC);
      expect(page.title).toBe(title);
      expect(page.paragraphs).toEqual(w.get(code).page.paragraphs);
      expect(page.lookup).toMatchObject({ action: EXEC, field: 'codigo', value: '' });
      expectNoPersonalData(renderWebPage(page));
    }
    expect(w.audit.entries().filter((e) => e.action === L.audit).map((e) => e.target)).toEqual([VALID, REPLACED, REVOKED, 'CERT-ZZZZ-ZZZZ-ZZZZ-ZZZZ']);
    expect(w.ledger()).toEqual([]);
  });

  test('empty: the form; hostile text (HTML, formula, huge, a prefix of a real code): «Revise el código», nothing read, nothing echoed', () => {
    const w = world();
    expect(certificateCodeLookup(w.deps, '', EXEC)).toMatchObject({ title: L.title, paragraphs: [L.intro] });
    let reads = 0;
    const table = w.book.table(CERTIFICATES_TAB);
    const read = table.read.bind(table);
    table.read = (o) => (reads++, read(o));
    const orig = w.deps.workbooks.current.bind(w.deps.workbooks);
    w.deps.workbooks.current = () => ({ ...orig(), table: ((spec: TabSpec) => (spec.name === CERTIFICATES_TAB.name ? table : orig().table(spec as never))) as never });
    for (const hostile of ['<script>alert(1)</script>', '=HYPERLINK("http://evil.example","x")', 'CERT-7K2M-Q9XD', 'A'.repeat(100_000), `${VALID}"><img src=x onerror=alert(1)>`]) {
      const page = certificateCodeLookup(w.deps, hostile, EXEC);
      expect(page).toMatchObject({ title: L.badTitle, paragraphs: [L.bad], lookup: { value: '' } });
      const html = renderWebPage(page);
      expect(html).not.toContain('<script>');
      expect(html).not.toContain('onerror');
      expect(html).not.toContain('HYPERLINK');
    }
    expect(reads).toBe(0);
  });

  test('the form escapes what it shows and posts nowhere but the /exec address', () => {
    const html = renderWebPage({ title: 't', paragraphs: [], lookup: { action: 'javascript:alert(1)', field: 'codigo', label: '<b>x</b>', value: '"><script>', placeholder: 'p', button: 'Verificar' } });
    expect(html).toContain('<form method="get"><p>');
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
  });
});
